import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LoginResult } from '@jz/shared';
import { sql } from '../functions/test/harness/db';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { api, freshResidentId, openHome, signInFromMe } from './support/journeys';

let phone: Phone;
beforeAll(async () => {
  phone = await openPhone();
});
afterAll(async () => phone?.close());


/** A worker in 朝阳区 holding a 养老护理员 四级 certificate (written by SQL, as issuing is tested elsewhere). */
async function arrangeWorker(name: string): Promise<{ userId: string }> {
  const { token, user } = await api<LoginResult>('POST', '/api/auth/dev-login', { name });
  await api('PUT', '/api/me/profile', {
    realName: name,
    idType: 'resident',
    idNumber: freshResidentId(),
    mobile: '13698761234',
    category: 'rural_migrant',
    district: '110105',
    householdType: 'other_rural',
  }, token);
  await sql(
    `insert into public.certificates (certificate_no, type, holder_user_id, holder_name, holder_id_type, holder_id_number_enc,
                                      holder_id_number_hash, holder_id_number_masked, occupation_id, level, institution_id,
                                      issued_on, verify_token, source)
     select public.allocate_certificate_no(i.id, 'skill_level', '4', current_date - 20), 'skill_level', $1::uuid, $2, 'resident',
            'e2e:not-encrypted', 'e2e:no-lookup:' || $1::text, '110108********0000', o.id, '4', i.id, current_date - 20, $3, 'import'
     from public.institutions i, public.occupations o
     where i.code = 'EVA-001' and o.code = '4-10-01-05'`,
    [user.id, name, randomBytes(30).toString('base64url')],
  );
  return { userId: user.id };
}

it('a certified worker sees the matching job first with its reason, marks interest with consent, and the station sees them', async () => {
  const { page } = phone;
  const shown = () => currentPage(page);
  const tail = Array.from({ length: 4 }, () => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'[randomInt(20)]).join('');
  const name = `岗位${tail}`;
  const { userId } = await arrangeWorker(name);

  // 朝阳区's station posts a well-paid 养老护理员 job wanting 四级.
  const station = await api<LoginResult>('POST', '/api/auth/dev-login', { name: `站员${tail}`, roles: [{ role: 'station_staff', scope: 'STA-110105-001' }] });
  const validUntil = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const { job } = await api<{ job: { id: string; payComparison: { text: string } } }>('POST', '/api/jobs', {
    enterpriseName: '北京示例康养服务有限公司',
    creditCode: (await sql<{ credit_code: string }>(`select credit_code from public.enterprises where name = '北京示例康养服务有限公司'`))[0]!.credit_code,
    title: `养老护理员${tail}`,
    occupation: '4-10-01-05',
    level: '4',
    openings: 2,
    payMin: 28000,
    payMax: 32000,
    district: '110105',
    benefits: ['五险一金'],
    contactName: '周主任',
    contactPhone: '13911112222',
    validUntil,
  }, station.token);
  expect(job.payComparison.text).toMatch(/^高于本职业中位数 \d+%$/);

  await openHome(page);
  await signInFromMe(page, name);
  await shown().locator('.me__link-job-matches').click();
  await settled(page);
  const first = shown().locator('#job-matches-list .job-card').first();
  await first.waitFor({ timeout: 15_000 });
  expect(await first.getAttribute('id')).toBe(`job-${job.id}`);
  expect(await first.locator('.job-card__reason').textContent()).toBe(`您持有养老护理员四级证书 · 同在朝阳区 · ${job.payComparison.text}`);

  await first.click();
  await settled(page);
  await shown().locator('#job-interest-button').waitFor({ timeout: 15_000 });
  expect(await shown().locator('#job-pay-compare').textContent()).toContain(job.payComparison.text);
  expect(await shown().locator('#job-contact').count()).toBe(0);
  await shown().locator('#job-consent').click();
  await shown().locator('#job-interest-button').click();
  await expect.poll(() => shown().locator('#job-contact').textContent(), { timeout: 15_000 }).toContain('13911112222');

  const interested = await api<{ items: { userId: string; name: string; mobile: string }[] }>('GET', `/api/jobs/${job.id}/interested`, undefined, station.token);
  expect(interested.items).toEqual([expect.objectContaining({ userId, name, mobile: '13698761234' })]);
});
