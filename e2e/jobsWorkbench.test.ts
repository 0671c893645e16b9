import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { LoginResult } from '@jz/shared';
import { sql } from '../functions/test/harness/db';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { api, freshResidentId, openHome, signInFromMe } from './support/journeys';

let staff: Phone;
let worker: Phone;
beforeAll(async () => {
  [staff, worker] = await Promise.all([openPhone(), openPhone()]);
});
afterAll(async () => {
  await Promise.all([staff?.close(), worker?.close()]);
});


it('station staff see the interested worker with the consented phone in 岗位管理, record the hire, and the worker sees it', async () => {
  const tail = Array.from({ length: 4 }, () => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'[randomInt(20)]).join('');
  const workerName = `求职${tail}`;
  const stationName = `站务${tail}`;
  const mobile = `1369${String(randomInt(10_000_000)).padStart(7, '0')}`;
  const employer = `示例物业${tail}有限公司`;

  // A worker with a profile; a station staff member of 朝阳区's station posts a job; the worker marks interest with consent.
  const person = await api<LoginResult>('POST', '/api/auth/dev-login', { name: workerName });
  await api('PUT', '/api/me/profile', {
    realName: workerName,
    idType: 'resident',
    idNumber: freshResidentId(),
    mobile,
    category: 'rural_migrant',
    district: '110105',
    householdType: 'other_rural',
  }, person.token);
  const station = await api<LoginResult>('POST', '/api/auth/dev-login', { name: stationName, roles: [{ role: 'station_staff', scope: 'STA-110105-001' }] });
  const { job } = await api<{ job: { id: string } }>('POST', '/api/jobs', {
    enterpriseName: '北京示例康养服务有限公司',
    creditCode: (await sql<{ credit_code: string }>(`select credit_code from public.enterprises where name = '北京示例康养服务有限公司'`))[0]!.credit_code,
    title: `保洁员${tail}`,
    occupation: '4-10-01-05',
    openings: 3,
    payMin: 6000,
    payMax: 7000,
    district: '110105',
    contactName: '周主任',
    contactPhone: '13911112222',
    validUntil: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
  }, station.token);
  await api('POST', `/api/jobs/${job.id}/interest`, { consentToShareContact: true }, person.token);

  // 工作台 → 岗位管理: the job with its counts; 感兴趣的人 shows the name and the phone to call.
  const s = staff.page;
  await openHome(s);
  await signInFromMe(s, stationName);
  await s.goto(new URL('/workbench/index', inject('stackUrl')).href);
  await settled(s);
  await currentPage(s).locator('#bench-open-jobs').click();
  await settled(s);
  await currentPage(s).locator(`#bench-job-${job.id}`).waitFor({ timeout: 15_000 });
  expect(await currentPage(s).locator(`#bench-job-interest-${job.id}`).textContent()).toBe('感兴趣：同意留电话 1 人 · 未同意 0 人');
  expect(await currentPage(s).locator(`#bench-job-status-${job.id}`).textContent()).toBe('在招');
  await currentPage(s).locator(`#bench-job-interested-${job.id}`).click();
  const row = s.locator(`#interested-${person.user.id}`);
  await row.waitFor({ timeout: 15_000 });
  expect(await row.textContent()).toContain(workerName);
  expect(await s.locator(`#interested-call-${person.user.id}`).textContent()).toContain(mobile);
  expect(await s.locator('#job-interested-without-consent').textContent()).toContain('另有 0 人');
  await s.locator('#job-interested .sheet__close').click();

  // 工作台 → 就业登记: find the worker (masked), record the hire; it is listed and counted in this month's bar.
  await s.goto(new URL('/workbench/index', inject('stackUrl')).href);
  await settled(s);
  await currentPage(s).locator('#bench-open-outcomes').click();
  await settled(s);
  await currentPage(s).locator('#bench-outcomes-chart').waitFor({ timeout: 15_000 });
  await currentPage(s).locator('#bench-outcomes-new').click();
  await s.locator('#outcome-form').waitFor();
  await s.locator('#input-person-search input').fill(workerName);
  await s.locator('#person-search').click();
  const choice = s.locator(`#person-${person.user.id}`);
  await choice.waitFor({ timeout: 15_000 });
  expect(await choice.textContent()).toContain(`${workerName.slice(0, 1)}*****`);
  expect(await choice.textContent()).not.toContain(mobile);
  await choice.click();
  await s.locator('#input-employerName input').fill(employer);
  await s.locator('#input-monthlyPay input').fill('6800');
  await s.locator('#outcome-form-save').click();
  const recorded = currentPage(s).locator('#bench-outcomes-list .card', { hasText: employer });
  await recorded.waitFor({ timeout: 15_000 });
  expect(await recorded.textContent()).toContain('服务站登记');
  const rows = await sql<{ source: string; station_code: string }>('select source, station_code from public.employment_outcomes where user_id = $1', [person.user.id]);
  expect(rows).toEqual([{ source: 'station', station_code: 'STA-110105-001' }]);

  // The worker: 我的 → 为您推荐的岗位 shows 我的就业 with the station's record.
  const w = worker.page;
  await openHome(w);
  await signInFromMe(w, workerName);
  await currentPage(w).locator('.me__link-job-matches').click();
  await settled(w);
  const mine = currentPage(w).locator('#my-employment .my-employment__item', { hasText: employer });
  await mine.waitFor({ timeout: 15_000 });
  expect(await mine.textContent()).toContain('服务站登记');
  expect(await mine.textContent()).toContain('6,800 元/月');
});

it('station staff post a job through the form: messages under the fields first, then the job is listed as 在招', async () => {
  const tail = Array.from({ length: 4 }, () => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'[randomInt(20)]).join('');
  const stationName = `发岗${tail}`;
  const title = `护理员${tail}`;
  await api<LoginResult>('POST', '/api/auth/dev-login', { name: stationName, roles: [{ role: 'station_staff', scope: 'STA-110105-001' }] });
  const creditCode = (await sql<{ credit_code: string }>(`select credit_code from public.enterprises where name = '北京示例康养服务有限公司'`))[0]!.credit_code;

  // A phone of its own: the first journey left the others signed in.
  const phone = await openPhone();
  try {
    await postThroughForm(phone, stationName, title, creditCode);
  } finally {
    await phone.close();
  }
});

async function postThroughForm({ page: s }: Phone, stationName: string, title: string, creditCode: string): Promise<void> {
  await openHome(s);
  await signInFromMe(s, stationName);
  await s.goto(new URL('/workbench/index', inject('stackUrl')).href);
  await settled(s);
  await currentPage(s).locator('#bench-open-jobs').click();
  await settled(s);
  await currentPage(s).locator('#bench-jobs-new').click();
  await s.locator('#job-form').waitFor();

  // Sending it empty shows what is missing, in Chinese, under each field; nothing is posted.
  await s.locator('#job-form-save').click();
  expect(await s.locator('#job-form-error').textContent()).toBe('请按红字提示修改');
  expect(await s.locator('#error-title').textContent()).toBe('请填写岗位名称');
  expect(await s.locator('#error-creditCode').textContent()).toMatch(/[\u4e00-\u9fa5]/);
  // A wrong phone is named as soon as the field is left.
  await s.locator('#input-contactPhone input').fill('123');
  await s.locator('#input-contactName input').click();
  expect(await s.locator('#error-contactPhone').textContent()).toContain('11位手机号');

  await s.locator('#input-enterpriseName input').fill('北京示例康养服务有限公司');
  await s.locator('#input-creditCode input').fill(creditCode);
  await s.locator('#input-title input').fill(title);
  await s.locator('#picker-occupation').click();
  await s.locator('#option-occupation-4-10-01-05').click();
  await s.locator('#input-openings input').fill('2');
  await s.locator('#input-payMin input').fill('6500');
  await s.locator('#input-payMax input').fill('7500');
  await s.locator('#picker-district').click();
  await s.locator('#option-district-110105').click();
  await s.locator('#input-benefits input').fill('五险一金，包午餐');
  await s.locator('#input-contactName input').fill('吴经理');
  await s.locator('#input-contactPhone input').fill('13811112222');
  await s.locator('#input-title input').click();
  expect(await s.locator('#error-contactPhone').count()).toBe(0);
  await s.locator('#job-form-save').click();

  const card = currentPage(s).locator('.card', { hasText: title });
  await card.waitFor({ timeout: 15_000 });
  expect(await card.locator('.tag').first().textContent()).toBe('在招');
  expect(await card.textContent()).toContain('6500–7500 元/月');
  const rows = await sql<{ station_code: string; benefits: string[]; contact_phone: string }>(
    'select station_code, benefits, contact_phone from public.jobs where title = $1',
    [title],
  );
  expect(rows).toEqual([{ station_code: 'STA-110105-001', benefits: ['五险一金', '包午餐'], contact_phone: '13811112222' }]);
}
