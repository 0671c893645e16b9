import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { residentIdCheckChar } from '@jz/shared';
import { currentPage, openPhone, settled, type Phone } from './support/browser';

let phone: Phone;
beforeAll(async () => {
  phone = await openPhone();
});
afterAll(async () => phone?.close());

function freshResidentId(): string {
  const seq = String(Date.now() % 1000).padStart(3, '0');
  const first17 = `11010819880512${seq}`;
  return first17 + residentIdCheckChar(first17);
}

it('a person signs in (dev), fills the profile with inline validation, and sees it masked', async () => {
  const { page } = phone;
  const shown = () => currentPage(page);
  await page.goto(inject('stackUrl'));
  await settled(page);
  await shown().getByText('康养托育').first().waitFor();

  await page.locator('.taro-tabbar__tabbar').getByText('我的').click();
  await settled(page);
  await shown().locator('#me-login').click();
  await settled(page);
  const name = `浏览器测试${Date.now() % 100000}`;
  await shown().locator('#dev-login-name input').fill(name);
  await shown().locator('#dev-login-submit').click();
  await page.waitForSelector(`#me-name:has-text("${name}")`, { timeout: 15_000 });

  await shown().locator('#me-complete-profile').click();
  await settled(page);
  const form = shown();

  // Inline validation: a wrong check digit is caught on blur, before anything is sent.
  const idNumber = freshResidentId();
  const wrong = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
  await form.locator('#input-idNumber input').fill(wrong);
  await form.locator('#input-mobile input').click();
  await expect.poll(() => form.locator('#error-idNumber').textContent()).toContain('校验位');

  await form.locator('#input-realName input').fill('李建国');
  await form.locator('#input-idNumber input').fill(idNumber);
  await form.locator('#input-mobile input').fill('13698765432');
  for (const [field, value] of [
    ['idType', 'resident'],
    ['category', 'registered_unemployed'],
    ['district', '110108'],
    ['householdType', 'beijing_urban'],
  ]) {
    await form.locator(`#picker-${field}`).click();
    await page.locator(`#option-${field}-${value}`).click();
  }
  await form.locator('#profile-submit').click();

  await page.waitForSelector('#profile-summary', { timeout: 15_000 });
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
