import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { apiGet, openHome, openTab } from './support/journeys';

let phone: Phone;
beforeAll(async () => {
  phone = await openPhone();
});
afterAll(async () => phone?.close());

/** The projects listed, as id → title. */
async function listed(): Promise<Map<string, string>> {
  const cards = currentPage(phone.page).locator('.project-card');
  const out = new Map<string, string>();
  for (let i = 0; i < (await cards.count()); i++) {
    const card = cards.nth(i);
    out.set((await card.getAttribute('id')) ?? '', (await card.locator('.project-card__title').textContent()) ?? '');
  }
  return out;
}

/** Types into the 培训 search box and waits until the list answers for it. */
async function searchTraining(q: string): Promise<Map<string, string>> {
  const shown = currentPage(phone.page);
  await shown.locator('#training-search-input input').fill(q);
  await shown.locator('#training-search-submit').click();
  await expect.poll(async () => (await shown.locator('#training-total').textContent()) ?? '', { timeout: 15_000 }).toMatch(/^共找到 \d+ 个培训项目$/);
  return listed();
}

it('finds 养老护理员 by Chinese and by pinyin initials, filters by district, and opens a project with its classes and salary chart', async () => {
  const { page } = phone;
  const shown = () => currentPage(page);
  await openHome(page);
  await openTab(page, '培训');
  await shown().locator('#training-filter-bar').waitFor();

  const byChinese = await searchTraining('养老');
  const careWorkers = [...byChinese].filter(([, title]) => title.includes('养老护理员')).map(([id]) => id);
  expect(careWorkers.length).toBeGreaterThan(0);
  const totalChinese = await shown().locator('#training-total').textContent();

  // 养老护理员 = yang lao hu li yuan: its initials find the same projects (医疗护理员, yi liao…, may come too).
  const byInitials = await searchTraining('ylhl');
  for (const id of careWorkers) expect([...byInitials.keys()]).toContain(id);
  // every hit is about 护理 (other journeys publish projects such as “…养老护理项目…”, which y-l-h-l also finds)
  expect([...byInitials.values()].every((t) => /护理/.test(t))).toBe(true);

  // Back to 养老, then narrow to one district that has such projects (asked of the API, not hard-coded).
  await searchTraining('养老');
  expect(await shown().locator('#training-total').textContent()).toBe(totalChinese);
  const facets = await apiGet<{ districts: { code: string; name: string; count: number }[] }>(
    `/api/catalog/facets?q=${encodeURIComponent('养老')}`,
  );
  const district = facets.districts.filter((d) => d.count > 0).sort((a, b) => a.count - b.count)[0]!;
  await shown().locator('#training-filter').click();
  await page.locator(`#filter-district-${district.code}`).click();
  await expect.poll(() => page.locator('#filter-apply').textContent()).toBe(`查看 ${district.count} 个项目`);
  await page.locator('#filter-apply').click();
  await expect.poll(() => shown().locator('#training-total').textContent()).toBe(`共找到 ${district.count} 个培训项目`);
  expect(await shown().locator('#training-chip-district').textContent()).toContain(district.name);
  // Each card's soonest class is one in that district.
  const places = await shown().locator('.project-card__next-place').allTextContents();
  expect(places.length).toBeGreaterThan(0);
  for (const p of places) expect(p.includes(district.name) || p.includes('线上授课')).toBe(true);

  // Open the first project: its classes and the salary chart for its occupation, its own level highlighted.
  await shown().locator('.project-card').first().click();
  await settled(page);
  await shown().locator('#project-page').waitFor();
  expect(await shown().locator('#project-title').textContent()).toContain('养老');
  expect(await shown().locator('#project-classes .class-card').count()).toBeGreaterThan(0);
  await expect.poll(() => shown().locator('#project-classes').textContent()).toMatch(/剩余名额|名额已满/);
  await shown().locator('#project-salary-chart').waitFor();
  await expect.poll(() => shown().locator('#project-salary-chart .salary-chart__row').count()).toBeGreaterThan(1);
  expect(await shown().locator('#project-salary-chart .salary-chart__row--on').count()).toBe(1);
  expect(await shown().locator('#project-salary-chart .salary-chart__row--on').textContent()).toContain('本培训');
});
