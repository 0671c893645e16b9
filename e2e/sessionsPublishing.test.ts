/**
 * Evaluation sittings from the evaluator's 工作台: 演示评价机构 (EVA-001) publishes a sitting in 评价场次, a worker
 * finds it in 评价报名 (pages/evaluations), someone signs up, and staff cancel it with a reason — the confirmation
 * says how many people will be told, and the sitting leaves the public list.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { sql } from '../functions/test/harness/db';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { api, apiGet, freshResidentId, openHome, sampleProfile, signInFromMe } from './support/journeys';

/** 养老护理员, in EVA-001's evaluation scope (seed). */
const OCCUPATION = '4-10-01-05';

let staff: Phone;
let worker: Phone;
beforeAll(async () => {
  [staff, worker] = await Promise.all([openPhone(), openPhone()]);
});
afterAll(async () => {
  await Promise.all([staff?.close(), worker?.close()]);
});

const url = (path: string) => new URL(path, inject('stackUrl')).href;


/** Opens the sitting to self-study candidates (as EVA-001's staff) and signs one person up through the API. */
async function someoneSignsUp(sessionId: string): Promise<void> {
  const evaluator = await api<{ token: string }>('POST', '/api/auth/dev-login', { name: '演示评价机构' });
  await api('PUT', `/api/evaluation-sessions/${sessionId}/settings`, { allowsSelfStudy: true }, evaluator.token);
  const { token } = await api<{ token: string }>('POST', '/api/auth/dev-login', { name: `评价考生${Date.now() % 100000}` });
  const p = sampleProfile();
  await api('PUT', '/api/me/profile', { realName: p.realName, idType: p.idType, idNumber: freshResidentId(), mobile: p.mobile, category: p.category,
                                        district: p.district, householdType: p.householdType }, token);
  await api('POST', '/api/evaluations', { sessionId }, token, { 'Idempotency-Key': `e2e-sessions-${Date.now()}` });
}

it('演示评价机构 publishes a sitting, a worker sees it in 评价报名, staff cancel it with a reason naming who is told', async () => {
  const [scope] = await sql<{ levels: string[] }>(
    `select io.levels from public.institution_occupations io join public.institutions i on i.id = io.institution_id
     join public.occupations o on o.id = io.occupation_id where i.code = 'EVA-001' and o.code = $1`,
    [OCCUPATION],
  );
  if (!scope) throw new Error(`The seed has ${OCCUPATION} outside EVA-001's evaluation scope: the journey cannot run.`);
  const level = scope.levels.includes('4') ? '4' : scope.levels[0]!;
  const place = `浏览器示例考点${Date.now() % 100000}号楼`;

  // 演示评价机构: 工作台 → 评价场次 → 发布评价场次 → 保存并发布
  const s = staff.page;
  await openHome(s);
  await signInFromMe(s, '演示评价机构');
  await s.goto(url('/workbench/index'));
  await settled(s);
  await currentPage(s).locator('#bench-open-sessions').click();
  await settled(s);
  const create = currentPage(s).locator('#bench-sessions-new');
  await expect.poll(async () => (await create.getAttribute('class')) ?? '', { timeout: 15_000 }).not.toMatch(/disabled/);
  await create.click();
  await s.locator('#session-form').waitFor();
  await s.locator('#picker-occupation').click();
  await s.locator(`#option-occupation-${OCCUPATION}`).click();
  await s.locator('#picker-level').click();
  await s.locator(`#option-level-${level}`).click();
  expect(await s.locator('#picker-district').textContent(), 'the evaluator’s own district is the default').toContain('朝阳区');
  await s.locator('#input-place input').fill(place);
  await s.locator('#input-capacity input').fill('20');
  await s.locator('#session-form-publish').click();
  const card = currentPage(s).locator('.card', { hasText: place });
  await expect.poll(() => card.locator('.tag').first().textContent(), { timeout: 15_000 }).toBe('报名中');
  const [row] = await sql<{ id: string; status: string }>('select id::text, status from public.evaluation_sessions where place = $1', [place]);
  expect(row?.status).toBe('published');

  // A worker finds it in 评价报名, open for sign-up.
  const w = worker.page;
  await openHome(w);
  await signInFromMe(w, `评价学员${Date.now() % 100000}`);
  await w.goto(url('/pages/evaluations/index'));
  await settled(w);
  const item = currentPage(w).locator(`#evaluation-session-${row!.id}`);
  await item.waitFor({ timeout: 15_000 });
  expect(await item.textContent()).toContain(place);
  expect(await item.locator(`#evaluation-signup-${row!.id}`).count()).toBe(1);

  // Someone signs up; staff see it and cancel, told first that one person will be notified.
  await someoneSignsUp(row!.id);
  await s.reload();
  await settled(s);
  await expect.poll(() => card.locator('.staff-item__figure').textContent(), { timeout: 15_000 }).toBe('1/20 人');
  await card.locator('[id^=bench-session-cancel-]').click();
  expect(await s.locator('#session-cancel-notice').textContent()).toContain('已报名的 1 人都会收到通知');
  await s.locator('#session-cancel-reason input').fill('考点临时停电，改期另行通知');
  await s.locator('#session-cancel-confirm').click();
  await expect.poll(() => card.locator('.tag').first().textContent(), { timeout: 15_000 }).toBe('已取消');
  expect(await card.textContent()).toContain('取消原因：考点临时停电，改期另行通知');

  // It leaves the public list (asked of the API: phones may keep the list for 30 seconds, see lib/catalog/cache.ts).
  const listed = await apiGet<{ items: { id: string }[] }>('/api/catalog/evaluation-sessions?institution=EVA-001&limit=50');
  expect(listed.items.map((i) => i.id)).not.toContain(row!.id);
});
