import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

describe('organisation: the unit tree and its officials', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, inject('baseUrl')));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('refuses a wrong password with the Vietnamese message', async () => {
    await page.goto('/');
    // Not logged in: the app sends the visitor to the login page.
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Điều hành' }).waitFor();
    await screenshot(page, 'login');
    await page.getByTestId('login-username').fill('chutich');
    await page.getByTestId('login-password').fill('sai-mat-khau');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    await screenshot(page, 'login-error');
  });

  it('finds "Thất Khê" by typing "that khe" and shows its officials', async () => {
    await login(page, 'admin');
    await page.getByRole('link', { name: 'Cơ cấu tổ chức' }).click();
    await page.waitForURL('**/org/units');
    const tree = page.getByTestId('unit-tree');
    await tree.getByText('Văn phòng Ủy ban nhân dân tỉnh').waitFor();
    await screenshot(page, 'unit-tree');

    await page.getByTestId('unit-search').getByRole('searchbox').fill('that khe');
    const row = tree.getByRole('row', { name: /Thất Khê/ });
    await row.waitFor();
    // Only the match (and its ancestors) remain.
    expect(await tree.getByText('Sở Nội vụ', { exact: true }).count()).toBe(0);
    await screenshot(page, 'unit-search');

    await row.getByText('Ủy ban nhân dân xã Thất Khê').click();
    const detail = page.getByTestId('unit-detail');
    await detail.waitFor();
    const officials = detail.getByTestId('unit-officials');
    await officials.getByText('Hứa Văn Đức').waitFor();
    expect(await officials.textContent()).toContain('Chủ tịch UBND xã Thất Khê');
    expect(page.url()).toContain('unit=xa-that-khe');
    await screenshot(page, 'unit-detail');
  });

  it('marks the former districts as dissolved and names their successor', async () => {
    await page.goto('/org/units?unit=huyen-trang-dinh');
    const detail = page.getByTestId('unit-detail');
    await detail.getByText('Đơn vị đã giải thể từ ngày 01/07/2025.').waitFor();
    await detail.getByRole('link', { name: 'Ủy ban nhân dân xã Tràng Định' }).first().click();
    await page.waitForURL('**unit=xa-trang-dinh');
    await detail.getByTestId('unit-attributes').getByText('06046').waitFor();
  });
});
