/** Steps several browser journeys share: signing in (dev), filling in 我的资料, reading the API directly. */
import { randomInt } from 'node:crypto';
import { expect, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { residentIdCheckChar } from '@jz/shared';
import { currentPage, settled } from './browser';

/** A valid resident ID number no other test run is likely to have used (born 1988, Haidian). */
export function freshResidentId(): string {
  const day = String(randomInt(1, 29)).padStart(2, '0');
  const seq = String(randomInt(0, 1000)).padStart(3, '0');
  const first17 = `1101081988${String(randomInt(1, 13)).padStart(2, '0')}${day}${seq}`;
  return first17 + residentIdCheckChar(first17);
}

/** Calls the stack's API directly (set-up and checks around a journey); anything but 2xx throws. */
export async function api<T = any>(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(new URL(path, inject('stackUrl')), {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** GET from the stack's API (public catalog calls need no token). */
export const apiGet = <T = any>(path: string): Promise<T> => api<T>('GET', path);

/** Opens the app at 首页 and waits until it has drawn. */
export async function openHome(page: Page): Promise<void> {
  await page.goto(inject('stackUrl'));
  await settled(page);
  await currentPage(page).getByText('康养托育').first().waitFor();
}

export async function openTab(page: Page, name: '首页' | '培训' | '证书' | '我的'): Promise<void> {
  await page.locator('.taro-tabbar__tabbar').getByText(name, { exact: true }).click();
  await settled(page);
}

/** From 我的: 登录 → dev login with `name`, back on 我的 showing the name. */
export async function signInFromMe(page: Page, name: string): Promise<void> {
  await openTab(page, '我的');
  await currentPage(page).locator('#me-login').click();
  await settled(page);
  await currentPage(page).locator('#dev-login-name input').fill(name);
  await currentPage(page).locator('#dev-login-submit').click();
  await page.waitForSelector(`#me-name:has-text("${name}")`, { timeout: 15_000 });
}

export interface ProfileValues {
  realName: string;
  idNumber: string;
  mobile: string;
  idType: string;
  category: string;
  district: string;
  householdType: string;
}

export function sampleProfile(overrides: Partial<ProfileValues> = {}): ProfileValues {
  return {
    realName: '李建国',
    idNumber: freshResidentId(),
    mobile: '13698765432',
    idType: 'resident',
    category: 'registered_unemployed',
    district: '110108',
    householdType: 'beijing_urban',
    ...overrides,
  };
}

/** On the 我的资料 form: fills every field, saves, and waits for the saved (masked) summary. */
export async function fillProfileForm(page: Page, values: ProfileValues): Promise<void> {
  const form = currentPage(page);
  await form.locator('#input-realName input').fill(values.realName);
  await form.locator('#input-idNumber input').fill(values.idNumber);
  await form.locator('#input-mobile input').fill(values.mobile);
  for (const field of ['idType', 'category', 'district', 'householdType'] as const) {
    await form.locator(`#picker-${field}`).click();
    await page.locator(`#option-${field}-${values[field]}`).click();
  }
  await form.locator('#profile-submit').click();
  await page.waitForSelector('#profile-summary', { timeout: 15_000 });
  await expect.poll(() => form.locator('#profile-real-name').textContent()).toBe(values.realName);
}
