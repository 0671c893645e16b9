/**
 * The supply side end to end: an enterprise declares a need → the district reviewer publishes it
 * (工作台 需求审核) → the training institution proposes a project answering it (工作台 项目申报) → the
 * same reviewer (演示审核员, 朝阳区; INS-001 and the demand are in 朝阳区 too) publishes the project
 * (工作台 项目审核) → a worker finds it in 培训 with the demand it answers, and 需求清单 shows the demand with the
 * headcount still uncovered and the project answering it.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '@jz/shared';
import { currentPage, openPhone, settled, type Phone } from './support/browser';
import { openHome, openTab, signInFromMe } from './support/journeys';

let enterprise: Phone;
let reviewer: Phone;
let institution: Phone;
beforeAll(async () => {
  [enterprise, reviewer, institution] = await Promise.all([openPhone(), openPhone(), openPhone()]);
});
afterAll(async () => {
  await Promise.all([enterprise?.close(), reviewer?.close(), institution?.close()]);
});

const stamp = Date.now() % 1_000_000;
const ENTERPRISE = `供给链路企业${stamp}`;
const TITLE = `供给链路养老护理项目${stamp}`;

function creditCode(): string {
  const body = '91' + Array.from({ length: 15 }, (_, i) => CREDIT_CODE_ALPHABET[(stamp * (i + 7) + i * 13) % CREDIT_CODE_ALPHABET.length]).join('');
  return body + creditCodeCheckChar(body);
}

async function openWorkbenchPage(page: Page, path: string): Promise<void> {
  await page.goto(new URL(path, inject('stackUrl')).href);
  await settled(page);
}

it('a declared need becomes a published demand, a proposal answering it becomes a catalog project the worker finds', async () => {
  // 1. The enterprise declares a need in 朝阳区 on the 企业申报 page.
  {
    const { page } = enterprise;
    await openHome(page);
    await signInFromMe(page, `供给企业${stamp}`);
    await openWorkbenchPage(page, '/pages/declare/index');
    const form = currentPage(page);
    await form.locator('#declare-form').waitFor();
    await form.locator('#input-enterpriseName input').fill(ENTERPRISE);
    await form.locator('#input-creditCode input').fill(creditCode());
    await form.locator('#input-contactName input').fill('王经理');
    await form.locator('#input-contactPhone input').fill('13912345678');
    await form.locator('#picker-occupation').click();
    await page.locator('#option-sheet-occupation .option-sheet__option').first().click();
    await form.locator('#input-headcount input').fill('30');
    await form.locator('#input-skills textarea').fill('能独立完成失能老人照护');
    await form.locator('#picker-district').click();
    await page.locator('#option-district-110105').click();
    await form.locator('#picker-wantedBy').click();
    await page.locator('.weui-picker__action:visible').last().click();
    await expect.poll(() => form.locator('#picker-wantedBy').textContent()).not.toContain('请选择日期');
    await form.locator('#declare-submit').click();
    await page.waitForSelector('#declare-done', { timeout: 15_000 });
  }

  // 2. The district reviewer publishes it in 工作台 → 需求审核.
  {
    const { page } = reviewer;
    await openHome(page);
    await signInFromMe(page, '演示审核员');
    await openWorkbenchPage(page, '/workbench/demand-review/index');
    const queue = currentPage(page);
    const card = queue.locator('#demand-review-page .card', { hasText: ENTERPRISE });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    await card.click();
    await page.locator('#demand-publish').click();
    await expect.poll(() => queue.locator('#demand-review-page .card', { hasText: ENTERPRISE }).count(), { timeout: 15_000 }).toBe(0);
  }

  // 3. The institution proposes a project answering it in 工作台 → 项目申报, and submits it.
  {
    const { page } = institution;
    await openHome(page);
    await signInFromMe(page, '演示培训机构');
    await openWorkbenchPage(page, '/workbench/proposals/index');
    const shown = currentPage(page);
    await shown.locator('#proposal-new').click();
    await shown.locator('#proposal-form').waitFor();
    await shown.locator('#picker-demands').click();
    await page.locator('#demand-picker .proposals__demand', { hasText: ENTERPRISE }).click();
    await page.locator('#demand-picker-done').click();
    await expect.poll(() => shown.locator('#value-occupations').textContent()).not.toContain('自动带出');
    await shown.locator('#input-title input').fill(TITLE);
    await shown.locator('#picker-projectType').click();
    await page.locator('#option-projectType-upskilling').click();
    await shown.locator('#picker-level').click();
    await page.locator('#option-level-4').click();
    await shown.locator('#input-headcount input').fill('20');
    await shown.locator('#input-hours input').fill('80');
    await shown.locator('#input-content textarea').fill('理论40课时：照护基础；实操40课时：失能老人照护与康复。');
    await shown.locator('#audience-key_group').click();
    await shown.locator('#proposal-send').click();
    const card = currentPage(page).locator('.proposals__item', { hasText: TITLE });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.locator('.tag').textContent()).toBe('待审核');
  }

  // 4. The same reviewer publishes it in 工作台 → 项目审核.
  {
    const { page } = reviewer;
    await openWorkbenchPage(page, '/workbench/proposal-review/index');
    const queue = currentPage(page);
    const card = queue.locator('.proposal-review__item', { hasText: TITLE });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    await card.click();
    await expect.poll(() => page.locator('#proposal-review-sheet').textContent()).toContain(ENTERPRISE);
    await page.locator('#proposal-publish').click();
    await expect.poll(() => queue.locator('.proposal-review__item', { hasText: TITLE }).count(), { timeout: 15_000 }).toBe(0);
  }

  // 5. A worker finds it in 培训 and sees the enterprise whose demand it answers.
  {
    const { page } = enterprise;
    await openHome(page);
    await openTab(page, '培训');
    const shown = currentPage(page);
    await shown.locator('#training-search-input input').fill(TITLE);
    await shown.locator('#training-search-submit').click();
    await expect.poll(() => shown.locator('#training-total').textContent(), { timeout: 15_000 }).toBe('共找到 1 个培训项目');
    await shown.locator('.project-card', { hasText: TITLE }).click();
    await settled(page);
    await currentPage(page).locator('#project-page').waitFor();
    expect(await currentPage(page).locator('#project-title').textContent()).toContain(TITLE);
    await expect.poll(() => currentPage(page).locator('#project-page').textContent()).toContain(ENTERPRISE);
  }

  // 6. 需求清单 shows what training already answers (30 wanted, the project trains 20), the project one tap away.
  {
    const { page } = enterprise;
    await openWorkbenchPage(page, '/pages/demands/index');
    const shown = currentPage(page);
    await shown.locator('#demands-search-input input').fill(ENTERPRISE);
    await shown.locator('#demands-search-submit').click();
    const card = shown.locator('#demands-list .card', { hasText: ENTERPRISE });
    await expect.poll(() => card.locator('.demands__supply-line').textContent(), { timeout: 15_000 }).toBe('还缺 10 人 · 已有 1 个培训项目');
    await card.locator('.demands__project', { hasText: TITLE }).click();
    await settled(page);
    await expect.poll(() => currentPage(page).locator('#project-title').textContent(), { timeout: 15_000 }).toContain(TITLE);
  }
});
