import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { api, apiGet, fillProfileForm, freshResidentId, openHome, sampleProfile, signInFromMe } from './support/journeys';

let staff: Phone;
let worker: Phone;
beforeAll(async () => {
  [staff, worker] = await Promise.all([openPhone(), openPhone()]);
});
afterAll(async () => {
  await Promise.all([staff?.close(), worker?.close()]);
});

interface ProjectItem {
  id: string;
  audiences: string[];
  funding: string;
  mode: string;
  institution: { code: string };
  nextClass: { id: string } | null;
}

/** Projects of 演示培训机构's institution (INS-001) in the catalog. */
async function ins001Projects(): Promise<ProjectItem[]> {
  const page = await apiGet<{ items: ProjectItem[] }>(`/api/catalog/projects?q=${encodeURIComponent('京华康养')}&limit=50`);
  return page.items.filter((p) => p.institution.code === 'INS-001');
}


/** Someone else signs up for the class through the API, so the class has more than one person in it. */
async function anotherSignUp(classId: string): Promise<void> {
  const { token } = await api<{ token: string }>('POST', '/api/auth/dev-login', { name: `另一位学员${Date.now() % 100000}` });
  const p = sampleProfile();
  await api('PUT', '/api/me/profile', { realName: p.realName, idType: p.idType, idNumber: freshResidentId(), mobile: p.mobile, category: p.category,
                                        district: p.district, householdType: p.householdType }, token);
  await api('POST', '/api/enrollments', { classId }, token, { 'Idempotency-Key': `e2e-publishing-${Date.now()}` });
}

it('institution staff publish a class, a worker signs up, a capacity cut below the sign-ups is refused, a cancellation reaches the worker', async () => {
  const project = (await ins001Projects()).find((p) => p.audiences.includes('key_group') && p.funding === 'subsidised' && p.mode !== 'online');
  if (!project) throw new Error('The seed has no subsidised on-site INS-001 project for key groups: the journey cannot run.');
  const className = `浏览器开班${Date.now() % 100000}期`;

  // 演示培训机构: 工作台 → 我的班次 → 新建班次 → 保存并发布
  const s = staff.page;
  await openHome(s);
  await signInFromMe(s, '演示培训机构');
  await s.goto(new URL('/workbench/index', inject('stackUrl')).href);
  await settled(s);
  await currentPage(s).locator('#bench-open-classes').click();
  await settled(s);
  await currentPage(s).locator('.staff-item__head').first().waitFor({ timeout: 15_000 });
  await currentPage(s).locator('#bench-classes-new').click();
  await s.locator('#class-form').waitFor();
  await s.locator('#picker-projectId').click();
  await s.locator(`#option-projectId-${project.id}`).click();
  await s.locator('#input-name input').fill(className);
  await s.locator('#picker-district').click();
  await s.locator('#option-district-110105').click();
  await s.locator('#input-address input').fill('朝阳区示例路100号3层教室');
  await s.locator('#input-capacity input').fill('5');
  await s.locator('#class-form-publish').click();
  const card = currentPage(s).locator('.card', { hasText: className });
  await expect.poll(() => card.locator('.tag').first().textContent(), { timeout: 15_000 }).toBe('报名中');

  // A worker finds it on the project's page and signs up.
  const detail = await apiGet<{ project: { classes: { id: string; name: string }[] } }>(`/api/catalog/projects/${project.id}`);
  const cls = detail.project.classes.find((c) => c.name === className);
  expect(cls, 'the published class is in the catalog').toBeTruthy();
  const w = worker.page;
  await openHome(w);
  await signInFromMe(w, `开班学员${Date.now() % 100000}`);
  await currentPage(w).locator('#me-complete-profile').click();
  await settled(w);
  await fillProfileForm(w, sampleProfile());
  await w.goto(new URL(`/pages/project/index?id=${project.id}`, inject('stackUrl')).href);
  await settled(w);
  await currentPage(w).locator(`#class-${cls!.id}`).click();
  await settled(w);
  await currentPage(w).locator('#class-enroll').click();
  await w.locator('#enroll-confirm').click();
  await expect.poll(() => w.locator('#enroll-result').textContent(), { timeout: 15_000 }).toBe('已报名');
  await anotherSignUp(cls!.id);

  // Staff try to cut the capacity below the two sign-ups: refused, and the form says why.
  await s.reload();
  await settled(s);
  await expect.poll(() => card.locator('.staff-item__figure').textContent(), { timeout: 15_000 }).toBe('2/5 人');
  await card.locator('[id^=bench-class-edit-]').click();
  await s.locator('#class-form').waitFor();
  expect(await s.locator('#field-capacity').textContent()).toContain('名额不能少于 2');
  await s.locator('#input-capacity input').fill('1');
  await s.locator('#class-form-save').click();
  await expect.poll(() => s.locator('#error-capacity').textContent(), { timeout: 15_000 }).toContain('不能少于已报名的 2 人');
  await s.locator('#class-form .sheet__close').click();

  // Cancel with a reason; the confirmation says how many people will be told.
  await card.locator('[id^=bench-class-cancel-]').click();
  expect(await s.locator('#class-cancel-notice').textContent()).toContain('2 人');
  await s.locator('#class-cancel-reason input').fill('场地临时维修，改期另行通知');
  await s.locator('#class-cancel-confirm').click();
  await expect.poll(() => card.locator('.tag').first().textContent(), { timeout: 15_000 }).toBe('已取消');

  // The worker's 我的报名 shows it cancelled.
  await w.goto(new URL('/pages/me/index', inject('stackUrl')).href);
  await settled(w);
  await currentPage(w).locator('.me__link-enrollments').click();
  await settled(w);
  const mine = currentPage(w).locator('.enrolment', { hasText: className });
  await expect.poll(() => mine.locator('.tag').first().textContent(), { timeout: 15_000 }).toBe('已取消');
});

it('a reviewer suspends an institution in 白名单管理 and its class page says why, in plain words; restoring brings it back', async () => {
  const withClass = (await ins001Projects()).find((p) => p.nextClass);
  if (!withClass) throw new Error('The seed has no INS-001 project with an upcoming class: the journey cannot run.');
  const s = staff.page;
  // The same phone, signed out of 演示培训机构 and into 演示审核员.
  await s.evaluate(() => window.localStorage.clear());
  await openHome(s);
  await signInFromMe(s, '演示审核员');
  await s.goto(new URL('/workbench/whitelist/index', inject('stackUrl')).href);
  await settled(s);
  const row = currentPage(s).locator('#whitelist-INS-001');
  await row.waitFor({ timeout: 15_000 });
  try {
    await row.locator('#whitelist-suspend-INS-001').click();
    await s.locator('#whitelist-suspend-reason input').fill('投诉核查期间暂停招生');
    await s.locator('#whitelist-suspend-confirm').click();
    await expect.poll(() => row.locator('#whitelist-status-INS-001').textContent(), { timeout: 15_000 }).toBe('已暂停');
    expect(await row.locator('#whitelist-history-INS-001').textContent()).toContain('投诉核查期间暂停招生');

    const w = worker.page;
    await w.goto(new URL(`/pages/class/index?id=${withClass.nextClass!.id}`, inject('stackUrl')).href);
    await settled(w);
    await expect.poll(() => currentPage(w).textContent(), { timeout: 15_000 }).toContain('暂停了白名单资格，这个班次暂时不能报名');
  } finally {
    // Other journeys use INS-001: put it back on the list whatever happened above.
    const restore = currentPage(s).locator('#whitelist-restore-INS-001');
    if (await restore.count()) await restore.click();
  }
  await expect.poll(() => row.locator('#whitelist-status-INS-001').textContent(), { timeout: 15_000 }).toBe('在白名单');
});
