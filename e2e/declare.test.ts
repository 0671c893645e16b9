import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { openHome, signInFromMe } from './support/journeys';

let phone: Phone;
beforeAll(async () => {
  phone = await openPhone();
});
afterAll(async () => phone?.close());

const CREDIT_CODE = '91350100M000100Y43';

it('an enterprise (dev login) declares a skill need with inline credit-code checks and sees it 待审核', async () => {
  const { page } = phone;
  const shown = () => currentPage(page);
  await openHome(page);
  await signInFromMe(page, `企业申报${Date.now() % 100000}`);

  // 需求清单 → 企业申报用工需求
  await page.goto(new URL('/pages/demands/index', inject('stackUrl')).href);
  await settled(page);
  await shown().locator('#demands-declare').click();
  await settled(page);
  const form = shown();
  await form.locator('#declare-form').waitFor();

  // A wrong check character is caught on blur, before anything is sent.
  const wrong = CREDIT_CODE.slice(0, 17) + (CREDIT_CODE[17] === '3' ? '4' : '3');
  await form.locator('#input-creditCode input').fill(wrong);
  await form.locator('#input-contactName input').click();
  await expect.poll(() => form.locator('#error-creditCode').textContent()).toContain('校验位');

  // Fixing it clears the message.
  await form.locator('#input-creditCode input').fill(CREDIT_CODE);
  await expect.poll(() => form.locator('#error-creditCode').count()).toBe(0);

  const enterprise = `浏览器测试企业${Date.now() % 100000}`;
  await form.locator('#input-enterpriseName input').fill(enterprise);
  await form.locator('#input-contactName input').fill('王经理');
  await form.locator('#input-contactPhone input').fill('13912345678');
  await form.locator('#picker-occupation').click();
  await page.locator('#option-sheet-occupation .option-sheet__option').first().click();
  await form.locator('#input-headcount input').fill('12');
  await form.locator('#input-skills textarea').fill('会失能老人照护，持养老护理员四级证书优先');
  await form.locator('#picker-district').click();
  await page.locator('#option-district-110108').click();
  await form.locator('#picker-wantedBy').click();
  await page.locator('.weui-picker__action:visible').last().click();
  await expect.poll(() => form.locator('#picker-wantedBy').textContent()).not.toContain('请选择日期');
  await form.locator('#input-payMin input').fill('6000');
  await form.locator('#input-payMax input').fill('8000');

  await form.locator('#declare-submit').click();
  await page.waitForSelector('#declare-done', { timeout: 15_000 });
  expect(await form.locator('#declare-done').textContent()).toContain('已提交，等待区人社审核');

  // 我的申报 lists it as 待审核.
  const card = form.locator('#declare-mine .card', { hasText: enterprise });
  await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
  expect(await card.locator('.tag').textContent()).toBe('待审核');
});
