import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { LoginResult } from '@jz/shared';
import { sql } from '../functions/test/harness/db';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { api, freshResidentId, openHome, openTab, signInFromMe } from './support/journeys';

let phone: Phone;
beforeAll(async () => {
  phone = await openPhone();
});
afterAll(async () => phone?.close());


/** A 社保卡 account: 19 digits passing the Luhn check. */
function bankAccount(): string {
  const body = `6217${Array.from({ length: 14 }, () => randomInt(10)).join('')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** A 农村转移就业劳动者 in 朝阳区 holding a fresh 养老护理员 四级 certificate (written by SQL, as issuing is tested elsewhere). */
async function arrangeWorker(name: string): Promise<{ certificateId: string; certificateNo: string }> {
  const { token, user } = await api<LoginResult>('POST', '/api/auth/dev-login', { name });
  await api('PUT', '/api/me/profile', {
    realName: name,
    idType: 'resident',
    idNumber: freshResidentId(),
    mobile: '13698765432',
    category: 'rural_migrant',
    district: '110105',
    householdType: 'other_rural',
  }, token);
  const [row] = await sql<{ id: string; certificate_no: string }>(
    `insert into public.certificates (certificate_no, type, holder_user_id, holder_name, holder_id_type, holder_id_number_enc,
                                      holder_id_number_hash, holder_id_number_masked, occupation_id, level, institution_id,
                                      issued_on, verify_token, source)
     select public.allocate_certificate_no(i.id, 'skill_level', '4', current_date - 20), 'skill_level', $1::uuid, $2, 'resident',
            'e2e:not-encrypted', 'e2e:no-lookup:' || $1::text, '110108********0000', o.id, '4', i.id, current_date - 20, $3, 'import'
     from public.institutions i, public.occupations o
     where i.code = 'EVA-001' and o.code = '4-10-01-05'
     returning id, certificate_no`,
    [user.id, name, randomBytes(30).toString('base64url')],
  );
  return { certificateId: row!.id, certificateNo: row!.certificate_no };
}

it('a worker checks the rules, declares no pension, gives a valid card number and applies (已提交); the district reviewer approves it and the worker sees 审核通过', async () => {
  const { page } = phone;
  const shown = () => currentPage(page);
  // Names allow Chinese characters only: a random tail keeps each run's worker new.
  const name = `补贴${Array.from({ length: 4 }, () => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'[randomInt(20)]).join('')}`;
  const { certificateNo } = await arrangeWorker(name);

  await openHome(page);
  await signInFromMe(page, name);
  await openTab(page, '证书');
  await shown().locator('.cert-card', { hasText: certificateNo }).click();
  await settled(page);
  await shown().locator('#certificate-apply-subsidy').click();
  await settled(page);

  // Before the declaration the pension rule is not met; ticking it makes the person eligible for 1,500 元.
  const rules = shown().locator('#subsidy-rules');
  await rules.waitFor({ timeout: 15_000 });
  await expect.poll(() => shown().locator('#subsidy-rule-no_pension').getAttribute('class')).toContain('subsidy__rule--fail');
  await shown().locator('#subsidy-no-pension').click();
  await expect.poll(() => shown().locator('#subsidy-verdict').textContent(), { timeout: 15_000 }).toBe('可以申请，补贴 1,500 元');
  expect(await shown().locator('.subsidy__rule--fail').count()).toBe(0);
  expect(await shown().locator('#subsidy-rule-person_category').textContent()).toMatch(/\S/);
  await shown().locator('#subsidy-check-next').click();

  // A card number failing the Luhn check is caught on the spot.
  const account = bankAccount();
  const wrong = account.slice(0, -1) + String((Number(account.at(-1)) + 1) % 10);
  await shown().locator('#input-bankAccount input').fill(wrong);
  await shown().locator('#subsidy-bank-next').click();
  await expect.poll(() => shown().locator('#error-bankAccount').textContent()).toBe('社保卡金融账户号码有误，请核对');
  await shown().locator('#input-bankAccount input').fill(account);
  await expect.poll(() => shown().locator('#error-bankAccount').count()).toBe(0);
  await shown().locator('#subsidy-bank-next').click();

  await shown().locator('#subsidy-confirm').waitFor();
  expect((await shown().locator('#subsidy-confirm-account').textContent())?.replace(/\s/g, '')).toBe(account);
  await shown().locator('#subsidy-submit').click();
  await shown().locator('#subsidy-done').waitFor({ timeout: 15_000 });
  expect(await shown().locator('#subsidy-done').textContent()).toContain(`**** ${account.slice(-4)}`);

  await shown().locator('#subsidy-progress').click();
  await settled(page);
  const app = shown().locator('.subsidy-app').first();
  await app.waitFor({ timeout: 15_000 });
  expect(await app.locator('[id^="subsidy-status-"]').textContent()).toBe('已提交');
  expect(await app.locator('[id$="-submitted"]').getAttribute('class')).toMatch(/tracker__step--(current|done)/);
  expect(await app.locator('[id$="-approved"]').getAttribute('class')).toContain('tracker__step--pending');
  expect(await app.textContent()).toContain(certificateNo);
  const applicationId = (await app.getAttribute('id'))!.replace(/^subsidy-/, '');

  // 朝阳区's reviewer (roles granted through dev login) starts the review, then approves it in a batch.
  const reviewer = `审核${name.slice(2)}`;
  await api('POST', '/api/auth/dev-login', { name: reviewer, roles: [{ role: 'reviewer', scope: '110105' }] });
  await page.goto(new URL('/pages/me/index', inject('stackUrl')).href);
  await settled(page);
  await shown().locator('#me-logout').click();
  await signInFromMe(page, reviewer);
  await shown().locator('.me__link-workbench').click();
  await settled(page);
  await shown().locator('#bench-open-review').click();
  await settled(page);
  await shown().locator('#review-filter-submitted').click();
  const item = shown().locator(`#review-${applicationId}`);
  await item.waitFor({ timeout: 15_000 });
  await expect.poll(() => shown().locator('#review-totals').textContent()).toMatch(/^共 \d+ 条，合计 [\d,]+ 元$/);
  await item.locator('.review__more').click();
  const sheet = page.locator('#review-sheet');
  expect(await sheet.locator('#review-history').textContent()).toContain('已提交');
  await expect.poll(() => sheet.locator('#review-check').textContent(), { timeout: 15_000 }).toContain('补助标准为1500元');
  // Rejecting needs a reason: an empty one is refused on the spot.
  await sheet.locator('#review-reject').click();
  await sheet.locator('#review-reject-confirm').click();
  await expect.poll(() => sheet.locator('#review-error').textContent()).toBe('驳回时请写明原因（至少2个字）');
  await sheet.locator('#review-reject-cancel').click();
  await sheet.locator('#review-start').click();
  await sheet.waitFor({ state: 'detached', timeout: 15_000 });

  await shown().locator('#review-filter-under_review').click();
  await shown().locator(`#review-pick-${applicationId}`).click();
  await shown().locator('#review-batch-approve').click();
  await expect.poll(() => shown().locator(`#review-${applicationId}`).count(), { timeout: 15_000 }).toBe(0);
  await shown().locator('#review-filter-approved').click();
  await expect.poll(() => shown().locator(`#review-status-${applicationId}`).textContent(), { timeout: 15_000 }).toBe('审核通过');

  // Back as the worker: the tracker shows 审核通过.
  await page.goto(new URL('/pages/me/index', inject('stackUrl')).href);
  await settled(page);
  await shown().locator('#me-logout').click();
  await signInFromMe(page, name);
  await shown().locator('.me__link-subsidies').click();
  await settled(page);
  await expect.poll(() => shown().locator(`#subsidy-status-${applicationId}`).textContent(), { timeout: 15_000 }).toBe('审核通过');
  // The step the application stands at is drawn as current; the ones before it as done.
  expect(await shown().locator(`#subsidy-step-${applicationId}-under_review`).getAttribute('class')).toContain('tracker__step--done');
  expect(await shown().locator(`#subsidy-step-${applicationId}-approved`).getAttribute('class')).toMatch(/tracker__step--(current|done)/);
  expect(await shown().locator(`#subsidy-step-${applicationId}-paid`).getAttribute('class')).toContain('tracker__step--pending');
});
