import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Article, FunnelStats, LoginResult } from '@jz/shared';
import { sql } from '../functions/test/harness/db';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { api, freshResidentId, openHome, openTab, signInFromMe } from './support/journeys';

let phone: Phone;
beforeAll(async () => {
  phone = await openPhone();
});
afterAll(async () => phone?.close());


const chinese = (n: number) => Array.from({ length: n }, () => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'[randomInt(20)]).join('');

/** A 朝阳区 worker who signed up for a seeded class today and completed it (written by SQL; the steps are tested elsewhere). */
async function arrangeCompletedTrainee(): Promise<void> {
  const { token, user } = await api<LoginResult>('POST', '/api/auth/dev-login', { name: `看板${chinese(4)}` });
  await api('PUT', '/api/me/profile', {
    realName: '王建华',
    idType: 'resident',
    idNumber: freshResidentId(),
    mobile: '13698765432',
    category: 'rural_migrant',
    district: '110105',
    householdType: 'other_rural',
  }, token);
  await sql(
    `insert into public.enrollments (class_id, user_id, status, enrolled_at, completed_at)
     select c.id, $1, 'completed', now(), now() from public.classes c where c.status = 'published' order by c.code limit 1`,
    [user.id],
  );
}

it('the 朝阳 reviewer opens 数据看板 and sees the funnel and the monthly trend with the numbers of the API', async () => {
  const { page } = phone;
  const shown = () => currentPage(page);
  await arrangeCompletedTrainee();
  const { token } = await api<LoginResult>('POST', '/api/auth/dev-login', { name: '演示审核员' });
  const stats = await api<FunnelStats>('GET', '/api/stats/funnel', undefined, token);
  expect(stats.scope).toEqual(['110105']);
  expect(stats.totals.enrolled).toBeGreaterThan(0);
  expect(stats.totals.completed).toBeGreaterThan(0);

  await openHome(page);
  await signInFromMe(page, '演示审核员');
  await shown().locator('.me__link-workbench').click();
  await settled(page);
  await shown().locator('#bench-open-dashboard').click();
  await settled(page);

  const funnel = shown().locator('#dashboard-funnel-chart');
  await funnel.waitFor({ timeout: 15_000 });
  expect(await shown().locator('.dashboard__scope').textContent()).toContain('朝阳区');
  for (const step of stats.steps) {
    const row = funnel.locator(`#dashboard-funnel-chart-${step.key}`);
    expect(await row.locator('.funnel-chart__label').textContent()).toBe(step.label);
    expect(await row.locator('.funnel-chart__count').textContent()).toBe(String(step.count));
  }
  const completed = stats.steps.find((s) => s.key === 'completed')!;
  expect(await funnel.locator('#dashboard-funnel-chart-completed .funnel-chart__rates').textContent()).toContain(
    `占报名 ${Math.round(completed.ofFirst! * 1000) / 10}%`,
  );

  // The trend: one group per month (the last twelve), bars in the order 报名, 结业, 取证, 就业.
  const trend = shown().locator('#dashboard-trend-chart');
  const months = stats.trend.slice(-12);
  const groups = trend.locator('.bar-chart__group');
  expect(await groups.count()).toBe(months.length);
  for (let i = 0; i < months.length; i += 1) {
    const m = months[i]!;
    expect(await groups.nth(i).locator('.bar-chart__label').textContent()).toBe(`${Number(m.key.slice(5))}月`);
    const bars = groups.nth(i).locator('.bar-chart__bar');
    const shownValues = await Promise.all([0, 1, 2, 3].map(async (b) => (await bars.nth(b).textContent()) || '0'));
    expect(shownValues).toEqual([m.enrolled, m.completed, m.certified, m.employed].map(String));
  }
  expect(await shown().locator('#dashboard-district-bars-110105 .rank-bars__value').textContent()).toBe(`${stats.totals.enrolled}人`);
});

it('a worker sees a published article on 首页 and opens it, while a draft stays hidden', async () => {
  const { page } = phone;
  const shown = () => currentPage(page);
  const admin = await api<LoginResult>('POST', '/api/auth/dev-login', { name: '演示管理员' });
  const write = (title: string) =>
    api<{ article: Article }>('POST', '/api/articles', {
      kind: 'policy',
      title,
      summary: '浏览器测试用的资讯摘要，说明报名办法。',
      body: '第一段：浏览器测试用的正文。\n\n第二段：到就业服务站可以帮您报名。',
      district: null,
      pinned: true,
    }, admin.token);
  const published = (await write(`测试资讯${chinese(6)}`)).article;
  await api('POST', `/api/articles/${published.id}/publish`, {}, admin.token);
  const draft = (await write(`草稿资讯${chinese(6)}`)).article;

  await page.goto(new URL('/pages/me/index', inject('stackUrl')).href);
  await settled(page);
  if (await shown().locator('#me-logout').count()) await shown().locator('#me-logout').click();
  await signInFromMe(page, `学员${chinese(4)}`);
  await openTab(page, '首页');
  const block = shown().locator('#home-articles');
  await block.locator(`#article-${published.id}`).waitFor({ timeout: 15_000 });
  expect(await block.locator('.article-row').count()).toBeLessThanOrEqual(3);
  expect(await block.textContent()).not.toContain(draft.title);

  await block.locator(`#article-${published.id}`).click();
  await settled(page);
  expect(await shown().locator('#article-title').textContent()).toBe(published.title);
  const paragraphs = await shown().locator('#article-body .article__paragraph').allTextContents();
  expect(paragraphs).toEqual(['第一段：浏览器测试用的正文。', '第二段：到就业服务站可以帮您报名。']);

  // the full list does not show the draft either
  await page.goto(new URL('/pages/articles/index', inject('stackUrl')).href);
  await settled(page);
  await shown().locator(`#article-${published.id}`).waitFor({ timeout: 15_000 });
  expect(await shown().locator('#articles-list').textContent()).not.toContain(draft.title);
});
