import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { CertificateVerification } from '@jz/shared';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { sql } from '../functions/test/harness/db';
import { apiGet, openHome, openTab, sampleProfile, signInFromMe } from './support/journeys';

const VALID_TOKEN = 'SAMPLE-valid-skill-level-certificate-01';
const REVOKED_TOKEN = 'SAMPLE-revoked-skill-level-certificate-03';
/** The seed's holder of the valid sample (supabase/seeds/50_certificates.sql); the API only ever answers masked names. */
const VALID_HOLDER = '演示学员';

let phone: Phone;
beforeAll(async () => {
  phone = await openPhone();
});
afterAll(async () => phone?.close());

const openVerify = async (token: string) => {
  await phone.page.goto(new URL(`/pages/verify/index?token=${encodeURIComponent(token)}`, inject('stackUrl')).href);
  await settled(phone.page);
};

it('looks a seeded certificate up by number and name and shows it 有效; a wrong number is caught before sending', async () => {
  const { page } = phone;
  const shown = () => currentPage(page);
  const { certificate } = await apiGet<CertificateVerification>(`/api/verify/${VALID_TOKEN}`);
  expect(certificate.status).toBe('valid');

  await openHome(page);
  await openTab(page, '证书');
  const form = shown().locator('#lookup-form');
  await form.waitFor();

  // Inline check: a number of the wrong shape shows the shared rule's message and sends nothing.
  await form.locator('#input-certificateNo input').fill('S12345');
  await form.locator('#input-name input').fill(VALID_HOLDER);
  await form.locator('#lookup-submit').click();
  await expect.poll(() => shown().locator('#error-certificateNo').textContent()).toBe('职业技能等级证书编号应为Y或S加21位数字');
  expect(await shown().locator('#lookup-results').count()).toBe(0);

  await form.locator('#input-certificateNo input').fill(certificate.certificateNo);
  await form.locator('#lookup-submit').click();
  const card = shown().locator(`#lookup-${certificate.certificateNo}`);
  await card.waitFor({ timeout: 15_000 });
  expect(await shown().locator('#error-certificateNo').count()).toBe(0);
  expect(await card.locator(`#lookup-${certificate.certificateNo}-status`).textContent()).toBe('有效');
  expect(await card.textContent()).toContain(certificate.occupation.name);
  expect(await card.textContent()).toContain(certificate.holder.name);
});

it('opens the verification page of a valid certificate: 有效 and the masked holder', async () => {
  const { certificate } = await apiGet<CertificateVerification>(`/api/verify/${VALID_TOKEN}`);
  await openVerify(VALID_TOKEN);
  const shown = currentPage(phone.page);
  await shown.locator('#verify-status').waitFor({ timeout: 15_000 });
  expect(await shown.locator('.verify__badge-text').textContent()).toBe('有效');
  expect(await shown.locator('#verify-status').getAttribute('class')).toContain('verify__badge--valid');
  expect(await shown.locator('#verify-holder').textContent()).toBe(certificate.holder.name);
  expect(certificate.holder.name).not.toBe(VALID_HOLDER);
  expect(await shown.locator('#verify-facts').textContent()).toContain(certificate.certificateNo);
});

it('shows 已撤销 for a revoked certificate, and a plain message for a token that matches nothing', async () => {
  await openVerify(REVOKED_TOKEN);
  let shown = currentPage(phone.page);
  await shown.locator('#verify-status').waitFor({ timeout: 15_000 });
  expect(await shown.locator('.verify__badge-text').textContent()).toBe('已撤销');
  expect(await shown.locator('#verify-status').getAttribute('class')).toContain('verify__badge--revoked');

  await openVerify('SAMPLE-no-such-certificate-token-000000');
  shown = currentPage(phone.page);
  await shown.getByText('找不到这张证书，请核对二维码或链接').waitFor({ timeout: 15_000 });
  expect(await shown.locator('#verify-status').count()).toBe(0);
});

it('shows 我的证书 to its holder, with the detail page and its verification QR code', async () => {
  const { page } = phone;
  await openHome(page);
  await signInFromMe(page, VALID_HOLDER);
  await openTab(page, '证书');
  const mine = currentPage(page).locator('#my-certificates');
  await mine.waitFor({ timeout: 15_000 });
  const { certificate } = await apiGet<CertificateVerification>(`/api/verify/${VALID_TOKEN}`);
  const card = mine.locator('.cert-card', { hasText: certificate.certificateNo });
  await card.click();
  await settled(page);
  const detail = currentPage(page);
  await detail.locator('#certificate-facts').waitFor({ timeout: 15_000 });
  expect(await detail.locator('#certificate-status').textContent()).toBe('有效');
  expect(await detail.locator('#certificate-facts').textContent()).toContain(VALID_HOLDER);
  await detail.locator('#certificate-qr-image').waitFor({ timeout: 15_000 });
  expect(await detail.locator('#certificate-qr-image img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
});

it('signs up for a skill evaluation from 证书 → 参加技能评价, and sees it under 我的评价报名', async () => {
  const { page } = phone;
  // An open sitting of 养老护理员 四级 at EVA-001 that takes self-study candidates (the seed has only a past one).
  const code = `PJ-${new Date().getFullYear()}-${randomInt(8000, 9000)}`;
  const [session] = await sql<{ id: string }>(
    `insert into public.evaluation_sessions (code, institution_id, occupation_id, level, starts_at, ends_at, district, place,
                                             capacity, registered, signup_opens_at, signup_closes_at, fee, status)
     select $1, i.id, o.id, '4', now() + interval '20 days', now() + interval '20 days 3 hours', i.district, '朝阳区示例考点2号楼',
            30, 0, now() - interval '1 day', now() + interval '10 days', 0, 'published'
     from public.institutions i, public.occupations o
     where i.code = 'EVA-001' and o.code = '4-10-01-05'
     returning id`,
    [code],
  );
  await sql('insert into public.evaluation_session_settings (session_id, allows_self_study) values ($1, true)', [session!.id]);
  const name = `评价${Array.from({ length: 4 }, () => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'[randomInt(20)]).join('')}`;
  const login = await fetch(new URL('/api/auth/dev-login', inject('stackUrl')), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  }).then((r) => r.json() as Promise<{ token: string }>);
  const profile = await fetch(new URL('/api/me/profile', inject('stackUrl')), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${login.token}` },
    body: JSON.stringify(sampleProfile({ realName: name })),
  });
  expect(profile.status).toBe(200);

  await page.goto(new URL('/pages/me/index', inject('stackUrl')).href);
  await settled(page);
  if (await currentPage(page).locator('#me-logout').count()) await currentPage(page).locator('#me-logout').click();
  await signInFromMe(page, name);
  await openTab(page, '证书');
  await currentPage(page).locator('#certificates-evaluations').click();
  await settled(page);
  const shown = currentPage(page);
  const card = shown.locator(`#evaluation-session-${session!.id}`);
  await card.waitFor({ timeout: 15_000 });
  expect(await card.textContent()).toContain('养老护理员');
  await card.locator(`#evaluation-signup-${session!.id}`).click();
  await page.locator('#evaluation-confirm').click();
  await page.locator('#evaluation-sheet').waitFor({ state: 'detached', timeout: 15_000 });
  const mine = shown.locator('[id^="my-evaluation-"]', { hasText: '朝阳区示例考点2号楼' });
  await mine.waitFor({ timeout: 15_000 });
  expect(await mine.textContent()).toContain('已报名');
});
