/** Real Chromium (Debian's) driven by playwright-core, as a phone-sized page. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface Phone {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openPhone(): Promise<Phone> {
  const profileDir = mkdtempSync(join(tmpdir(), 'jz-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    viewport: { width: 390, height: 844 },
    isMobile: true,
    locale: 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Taro's H5 router slides pages in: wait until the newest page has settled before asserting. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('.taro_router > .taro_page.taro_page_show.taro_page_stationed:last-child', { timeout: 15_000 });
}

/** The page currently shown (Taro keeps earlier pages of the stack in the DOM, hidden). */
export const currentPage = (page: Page) => page.locator('.taro_router > .taro_page.taro_page_show:last-child');
