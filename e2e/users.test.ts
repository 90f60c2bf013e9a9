import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

describe('administration: users and role grants', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, inject('baseUrl')));
    await login(page, 'admin');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('lists the accounts with their roles', async () => {
    await page.getByRole('link', { name: 'Tài khoản và phân quyền' }).click();
    const table = page.getByTestId('users-table');
    await table.getByText('chutich.thatkhe').waitFor();
    expect(await page.getByTestId('user-grants-chutich.thatkhe').textContent()).toContain(
      'Thủ trưởng đơn vị',
    );
    await screenshot(page, 'users');
  });

  it('creates a user, grants a role on a unit, and disables the account', async () => {
    // Unique, so that the journey can run again against a long-lived server (E2E_BASE_URL).
    const username = `kiemthu.${Date.now().toString(36)}`;
    await page.getByTestId('user-create').click();
    const dialog = page.getByTestId('create-user-dialog');
    await dialog.getByTestId('create-user-username').fill(username);
    await dialog.getByTestId('create-user-display-name').fill('Nguyễn Thị Kiểm Thử');
    await dialog.getByTestId('create-user-password').fill('mat-khau-du-dai');
    await dialog.getByTestId('create-user-confirm').fill('mat-khau-du-dai');
    await dialog.getByRole('button', { name: 'Tạo mới' }).click();
    await page.getByText('Đã tạo tài khoản.').waitFor();

    await page.getByTestId('user-search').getByRole('searchbox').fill(username);
    await page.getByTestId(`user-add-grant-${username}`).click();
    const grant = page.getByTestId('grant-dialog');
    await grant.getByTestId('grant-role').click();
    await page.locator('.ant-select-item-option[title="Cán bộ, công chức"]').click();
    await grant.getByTestId('grant-unit').click();
    await page.keyboard.type('that khe');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: 'Thất Khê' }).first().click();
    await grant.getByRole('button', { name: 'Cấp vai trò' }).click();
    await page.getByText('Đã cấp vai trò.').waitFor();
    const grants = page.getByTestId(`user-grants-${username}`);
    await grants.getByText('Ủy ban nhân dân xã Thất Khê').waitFor();

    await page.getByTestId(`user-toggle-${username}`).click();
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText('Đã khóa tài khoản.').waitFor();
    const row = page
      .getByTestId('users-table')
      .getByRole('row', { name: new RegExp(username.replace('.', '\\.')) });
    await row.getByText('Đã khóa').waitFor();
  });
});
