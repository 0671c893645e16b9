import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { fillProfileForm, openHome, sampleProfile, signInFromMe } from './support/journeys';

let phone: Phone;
beforeAll(async () => {
  phone = await openPhone();
});
afterAll(async () => phone?.close());

it('a person signs in (dev), fills the profile with inline validation, and sees it masked', async () => {
  const { page } = phone;
  const shown = () => currentPage(page);
  await openHome(page);
  const name = `浏览器测试${Date.now() % 100000}`;
  await signInFromMe(page, name);

  await shown().locator('#me-complete-profile').click();
  await settled(page);
  const form = shown();

  // Inline validation: a wrong check digit is caught on blur, before anything is sent.
  const values = sampleProfile();
  const { idNumber } = values;
  const wrong = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
  await form.locator('#input-idNumber input').fill(wrong);
  await form.locator('#input-mobile input').click();
  await expect.poll(() => form.locator('#error-idNumber').textContent()).toContain('校验位');

  await fillProfileForm(page, values);
  await expect.poll(() => form.locator('#profile-id-masked').textContent()).toBe(`110108********${idNumber.slice(14)}`);
  expect(await form.locator('#profile-mobile-masked').textContent()).toBe('136****5432');
  const pageText = (await page.locator('body').textContent()) ?? '';
  expect(pageText).not.toContain(idNumber);
  expect(pageText).not.toContain('13698765432');

  // 我的 shows the same masked data after a reload (fetched from the server, not kept in the page).
  await page.goto(new URL('/pages/me/index', inject('stackUrl')).href);
  await settled(page);
  await expect.poll(() => shown().locator('#me-id-masked').textContent()).toBe(`110108********${idNumber.slice(14)}`);
});
