import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

/** A meeting chaired by a vice chairman: attendance, one conclusion, and the task it gives. */
describe('meetings: attendance, conclusions and their tasks', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, inject('baseUrl')));
    await login(page, 'vanphong');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  async function pickUnit(scope: ReturnType<Page['locator']>, typed: string, name: string) {
    await scope.click();
    await page.keyboard.type(typed);
    await page
      .locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${name}"]`)
      .click();
    await page.keyboard.press('Escape');
  }

  it('registers a meeting and assigns a task from its conclusion', async () => {
    const title = `Họp giao ban công tác cải cách hành chính ${Date.now().toString(36)}`;
    await page.getByTestId('nav-meetings').click();
    await page.getByTestId('meeting-new').click();
    await page.getByTestId('meeting-title').fill(title);
    await page.getByTestId('meeting-chair').fill('Lương Thị Hạnh, Phó Chủ tịch UBND tỉnh');

    await page.getByRole('button', { name: 'Thêm thành phần' }).click();
    await page.getByRole('button', { name: 'Thêm thành phần' }).click();
    await pickUnit(page.getByTestId('attendee-unit-0'), 'so noi vu', 'Sở Nội vụ');
    await pickUnit(page.getByTestId('attendee-unit-1'), 'thanh tra', 'Thanh tra tỉnh');
    await page.getByTestId('attendee-attendance-1').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Vắng mặt"]').click();
    await page.getByTestId('attendee-reason-1').fill('Đi công tác tại Hà Nội');

    await page.getByRole('button', { name: 'Thêm kết luận' }).click();
    await page
      .getByTestId('conclusion-text-0')
      .fill('Sở Nội vụ tổng hợp kết quả kiểm tra công vụ quý IV, báo cáo UBND tỉnh.');
    await pickUnit(page.getByTestId('conclusion-lead-0'), 'so noi vu', 'Sở Nội vụ');
    await screenshot(page, 'meeting-form');
    await page.getByTestId('meeting-save').click();
    await page.getByText('Đã vào sổ cuộc họp.').waitFor();
    await page.getByText('Đi công tác tại Hà Nội').waitFor();

    await page.getByTestId('conclusion-assign-1').click();
    const dialog = page.getByTestId('assign-tasks-dialog');
    const date = dialog.locator('.ant-picker input').first();
    await date.click();
    const d = new Date(Date.now() + 7 * 3_600_000 + 20 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await date.fill(`${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`);
    await date.press('Enter');
    await dialog.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    await page.getByText('Đã giao 1 nhiệm vụ.').waitFor();
    const tasks = page.getByTestId('conclusion-tasks-1');
    await tasks.getByText('Sở Nội vụ').waitFor();
    expect(await tasks.getByTestId('task-status').getAttribute('data-status')).toBe('within');
    await screenshot(page, 'meeting-detail');
  });
});
