import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { sql } from '../functions/test/harness/db';
import { freshResidentId, openHome, signInFromMe } from './support/journeys';

/** The seeded evaluation institution staff account (role evaluator_staff, scope EVA-001). */
const EVALUATOR = '演示评价机构';
/** EVA-001 certifies 养老护理员 (the seed's past session is 四级). */
const OCCUPATION = '4-10-01-05';
const HEADER = '证书编号,姓名,证件类型,证件号码,职业编码,工种/职业方向,等级,发证日期';

let phone: Phone;
beforeAll(async () => {
  phone = await openPhone();
});
afterAll(async () => phone?.close());

it('an evaluator pastes a certificate CSV with one bad row: the row and its reason are reported, nothing is written', async () => {
  const { page } = phone;
  const shown = () => currentPage(page);
  const [eva] = await sql<{ certificate_code: string }>(`select certificate_code from public.institutions where code = 'EVA-001'`);
  const number = () => `S${eva!.certificate_code}11000001244${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const good = number();
  const bad = number();
  const csv = [
    HEADER,
    `${good},王小明,居民身份证,${freshResidentId()},${OCCUPATION},,四级,2024-05-06`,
    `${bad},赵小红,居民身份证,110105194912310021,${OCCUPATION},,四级,2024-05-06`,
  ].join('\n');

  await openHome(page);
  await signInFromMe(page, EVALUATOR);
  await shown().locator('.me__link-workbench').click();
  await settled(page);
  await shown().locator('#bench-open-evaluation').click();
  await settled(page);
  await shown().locator('#bench-eval-sessions').waitFor({ timeout: 15_000 });

  await shown().locator('#bench-import-csv textarea').fill(csv);
  await shown().locator('#bench-import-submit').click();
  const report = shown().locator('#bench-import-report');
  await report.waitFor({ timeout: 15_000 });

  expect(await shown().locator('#bench-import-status').textContent()).toBe('没有导入');
  const total = async (id: string) => (await shown().locator(`#bench-import-${id} .bench-eval__total-value`).textContent())?.trim();
  expect(await total('rows')).toBe('2');
  expect(await total('accepted')).toBe('1');
  expect(await total('rejected')).toBe('1');
  expect(await total('imported')).toBe('0');
  const row = shown().locator('#bench-import-row-3');
  expect(await row.locator('.bench-eval__reject-no').textContent()).toBe(bad);
  expect(await row.locator('.bench-eval__reject-reason').textContent()).toBe('身份证号校验位不对，请核对后重新输入');
  expect(await shown().locator('#bench-import-rejections .bench-eval__reject:not(.bench-eval__reject--head)').count()).toBe(1);

  // All or nothing: the valid row was not written either.
  expect(await sql(`select 1 from public.certificates where certificate_no = any($1)`, [[good, bad]])).toEqual([]);
});
