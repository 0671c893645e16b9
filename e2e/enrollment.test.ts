import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { apiGet, fillProfileForm, openHome, openTab, sampleProfile, signInFromMe } from './support/journeys';

let phone: Phone;
beforeAll(async () => {
  phone = await openPhone();
});
afterAll(async () => phone?.close());

interface ProjectItem {
  id: string;
  title: string;
  audiences: string[];
  nextClass: { id: string; enrollment: string; seatsLeft: number } | null;
}

/** A seeded 养老 class open for sign-up, with seats, that admits registered unemployed people (key_group). */
async function openClassToJoin(): Promise<{ projectId: string; classId: string }> {
  const page = await apiGet<{ items: ProjectItem[] }>(`/api/catalog/projects?q=${encodeURIComponent('养老')}&open=1&audience=key_group&limit=50`);
  for (const p of page.items) {
    const c = p.nextClass;
    if (c && c.enrollment === 'open' && c.seatsLeft > 0) return { projectId: p.id, classId: c.id };
  }
  throw new Error('The seed has no open 养老 class with seats for key_group: the journey cannot run.');
}

it('a signed-in person with a profile finds a class, signs up, sees it in 我的报名 and cancels it', async () => {
  const { page } = phone;
  const shown = () => currentPage(page);
  const target = await openClassToJoin();

  await openHome(page);
  await signInFromMe(page, `报名测试${Date.now() % 100000}`);
  await shown().locator('#me-complete-profile').click();
  await settled(page);
  await fillProfileForm(page, sampleProfile());
  await page.goBack();
  await settled(page);

  // search → project → class
  await openTab(page, '培训');
  await shown().locator('#training-search-input input').fill('养老');
  await shown().locator('#training-search-submit').click();
  await shown().locator(`#project-${target.projectId}`).click();
  await settled(page);
  await shown().locator(`#class-${target.classId}`).click();
  await settled(page);
  await shown().locator('#class-page').waitFor();
  const seatsBefore = Number(await shown().locator('.klass__seats-value').textContent());

  // 立即报名 → confirm → result
  await shown().locator('#class-enroll').click();
  await page.locator('#enroll-confirm').click();
  await expect.poll(() => page.locator('#enroll-result').textContent(), { timeout: 15_000 }).toBe('已报名');
  await page.locator('#enroll-done-close').click();
  await expect.poll(() => shown().locator('#class-my-status').textContent()).toBe('已报名');
  expect(seatsBefore).toBeGreaterThan(0);

  // 我的报名 lists it, with a check-in code
  await shown().locator('#class-my-enrollments').click();
  await settled(page);
  const card = shown().locator('.enrolment').first();
  await card.waitFor();
  expect(await shown().locator('.enrolment').count()).toBe(1);
  expect(await card.locator('.tag').first().textContent()).toBe('已报名');
  await card.locator('[id^=enrollment-qr-]').click();
  await expect.poll(() => page.locator('#checkin-qr img, img#checkin-qr').first().getAttribute('src'), { timeout: 15_000 }).toMatch(/^data:image\/png;base64,/);
  await page.locator('#checkin-sheet .sheet__close').click();

  // 取消报名 with confirmation → shown as cancelled, and the server agrees
  await card.locator('[id^=enrollment-cancel-]').click();
  await page.locator('#cancel-confirm').click();
  await expect.poll(() => card.locator('.tag').first().textContent(), { timeout: 15_000 }).toBe('已取消');
  expect(await card.locator('[id^=enrollment-cancel-]').count()).toBe(0);

  // Opened afresh from 我的, 我的报名 reads it from the server again.
  await page.goto(new URL('/pages/me/index', inject('stackUrl')).href);
  await settled(page);
  // NutUI's Cell does not pass an id through: found by its class.
  await shown().locator('.me__link-enrollments').click();
  await settled(page);
  await expect.poll(() => shown().locator('.enrolment .tag').first().textContent(), { timeout: 15_000 }).toBe('已取消');
});
