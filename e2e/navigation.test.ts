import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, login, newPage } from './support/browser.ts';

async function navLabels(page: Page): Promise<string[]> {
  const nav = page.getByTestId('side-nav');
  return (await nav.locator('[data-testid^="nav-"]').allTextContents()).map((t) => t.trim());
}

describe('navigation and language', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('switches the navigation to English from the user menu, and remembers it', async () => {
    const { context, page } = await newPage(browser, inject('baseUrl'));
    try {
      await login(page, 'admin');
      expect(await navLabels(page)).toEqual([
        'Nhiệm vụ',
        'Nhiệm vụ của tôi',
        'Nhiệm vụ của đơn vị',
        'Bảng theo dõi',
        'Chỉ đạo, điều hành',
        'Văn bản chỉ đạo',
        'Nhập văn bản chỉ đạo',
        'Cuộc họp',
        'Lịch',
        'Lịch làm việc',
        'Tổ chức',
        'Cơ cấu tổ chức',
        'Cán bộ, công chức',
        'Quản trị',
        'Tài khoản và phân quyền',
      ]);

      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-lang-en').click();
      await page.getByTestId('side-nav').getByText('Organisation', { exact: true }).waitFor();
      expect(await navLabels(page)).toEqual([
        'Tasks',
        'My tasks',
        'My unit’s tasks',
        'Monitoring board',
        'Direction',
        'Directives',
        'Import a directive',
        'Meetings',
        'Calendar',
        'Working calendar',
        'Organisation',
        'Organisation chart',
        'Officials',
        'Administration',
        'Users and roles',
      ]);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');

      // Persisted in localStorage: a reload keeps English.
      await page.reload();
      await page.getByTestId('side-nav').getByText('Administration', { exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows an officer only the modules they may use', async () => {
    const { context, page } = await newPage(browser, inject('baseUrl'));
    try {
      await login(page, 'chuyenvien.snv');
      const labels = await navLabels(page);
      expect(labels).toContain('Tổ chức');
      expect(labels).toContain('Nhiệm vụ của tôi');
      expect(labels).not.toContain('Quản trị');
      // An officer does not register directives nor watch the province's board.
      expect(labels).not.toContain('Nhập văn bản chỉ đạo');
      expect(labels).not.toContain('Bảng theo dõi');
      // Typing the address of a page they may not open does not show it.
      await page.goto('/admin/users');
      await page.getByText('Không có quyền truy cập').waitFor();
    } finally {
      await context.close();
    }
  });
});
