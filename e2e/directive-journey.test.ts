import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, login, newPage } from './support/browser.ts';

/**
 * The whole life of a directive: the Office imports the seed directive, reviews the draft and
 * assigns the tasks; an officer of Sở Nội vụ accepts, reports progress and submits the result; the
 * Office confirms it, sees it done on the board and exports the list.
 */

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const SEED = fs.readFileSync(path.join(FIXTURES, 'seed-directive.txt'), 'utf8');
const EVIDENCE = path.join(FIXTURES, 'bien-ban-kiem-tra.txt');
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots2';

/** dd/mm/yyyy of a day from today (in Vietnam), for the date pickers. */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

async function pickDate(page: Page, testId: string, value: string) {
  const input = page
    .getByTestId(testId)
    .locator('input')
    .or(page.locator(`input[data-testid="${testId}"]`))
    .first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

describe('a directive from import to a confirmed task', () => {
  let browser: Browser;
  let context: BrowserContext | undefined;
  const number = `${String(Date.now()).slice(-4)}/UBND-NC`;
  let taskUrl = '';

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  async function as(username: string): Promise<Page> {
    await context?.close();
    const opened = await newPage(browser, inject('baseUrl'));
    context = opened.context;
    await login(opened.page, username);
    return opened.page;
  }

  it('imports the seed directive, reviews the draft and assigns the tasks', async () => {
    const page = await as('vanphong');
    await page.getByTestId('nav-directives').click();
    await page.getByTestId('directives-import').click();
    await page.waitForURL('**/directives/import');
    await page.getByTestId('import-text').fill(SEED);
    await page.getByTestId('import-read').click();

    const items = page.locator('[data-testid^="draft-item-"][data-testid$="-6"]');
    await items.first().waitFor();
    expect(await page.locator('[data-testid^="draft-item-ref-"]').count()).toBe(7);
    const item7 = page.getByTestId('draft-item-6');
    expect(await page.getByTestId('draft-item-ref-6').inputValue()).toBe('7');
    const lead = item7.getByTestId('draft-item-lead-6');
    for (const id of ['so-noi-vu', 'thanh-tra-tinh', 'vp-ubnd']) {
      await lead.locator(`[data-unit-id="${id}"]`).waitFor();
    }
    expect(await lead.textContent()).toContain('Sở Nội vụ');
    expect(await lead.textContent()).toContain('Thanh tra tỉnh');
    expect(await lead.textContent()).toContain('Văn phòng Ủy ban nhân dân tỉnh');
    expect(await page.getByTestId('draft-warnings').textContent()).toContain('chưa ghi ngày ban hành');

    // Hovering the item lights up its passage in the source text.
    await item7.getByTestId('draft-item-text-6').hover();
    const mark = page.getByTestId('source-text').getByTestId('source-highlight');
    await mark.first().waitFor();
    expect(await mark.first().textContent()).toContain('Giao Sở Nội vụ');
    await shot(page, 'import-draft-item7');

    // Review: the number and the day the seed leaves blank, a deadline for every item, and no
    // task for the districts dissolved on 01/07/2025.
    await page.getByTestId('draft-number').fill(number);
    await pickDate(page, 'draft-date', '15/01/2024');
    await page.getByTestId('draft-dissolved').waitFor();
    await page.getByTestId('draft-drop-dissolved').click();
    await expect.poll(() => page.getByTestId('draft-dissolved').count()).toBe(0);
    await pickDate(page, 'draft-common-deadline', dayFromToday(45));
    await page.getByTestId('draft-apply-deadline').click();
    // Item 7 gets its own, earlier deadline.
    await pickDate(page, 'draft-item-date-6', dayFromToday(30));
    expect(await page.getByTestId('draft-item-count-6').textContent()).toBe('Sẽ giao 3 nhiệm vụ');
    await page.getByTestId('draft-header').scrollIntoViewIfNeeded();
    await page.getByTestId('draft-number').hover();
    await shot(page, 'import-review');

    await page.getByTestId('draft-create').click();
    await page.waitForURL(/\/directives\/[0-9a-f-]{36}$/, { timeout: 120_000 });
    await page.getByText('Đã vào sổ văn bản và giao').waitFor();
    expect(await page.getByTestId('directive-title').textContent()).toContain(number);
    const tasks7 = page.getByTestId('directive-item-7').getByTestId('directive-item-tasks');
    await tasks7.getByText('Sở Nội vụ', { exact: true }).waitFor();
    expect(await tasks7.getByTestId('task-status').count()).toBe(3);
    await shot(page, 'directive-detail');

    await page.getByTestId('nav-directives').click();
    await page.getByTestId('directive-search').getByRole('searchbox').fill(number.split('/')[0]!);
    await page.getByTestId('directives-table').getByText(number).waitFor();
    await shot(page, 'directives-list');
  }, 300_000);

  it('lets the officer of Sở Nội vụ accept, report progress and submit the result', async () => {
    const page = await as('chuyenvien.snv');
    await page.getByTestId('nav-tasks-unit').click();
    await page
      .getByTestId('task-search')
      .getByRole('searchbox')
      .fill('giao so noi vu kiem tra thuc hien ky luat');
    const row = page
      .getByTestId('tasks-table')
      .getByRole('row', { name: /Sở Nội vụ/ })
      .first();
    await row.waitFor();
    await shot(page, 'tasks-unit');
    await row.getByTestId('task-link').click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    taskUrl = new URL(page.url()).pathname;
    await page.getByTestId('task-status').first().waitFor();
    expect(await page.getByTestId('task-info').textContent()).toContain('Sở Nội vụ');
    await shot(page, 'task-assigned');

    await page.getByTestId('task-action-accept').click();
    await page.getByTestId('action-dialog-accept').getByTestId('action-submit').click();
    await page.getByText('Đã thực hiện: Tiếp nhận.').waitFor();

    await page.getByTestId('task-action-start_work').click();
    await page.getByTestId('action-dialog-start_work').getByTestId('action-submit').click();
    await page.getByText('Đã thực hiện: Bắt đầu thực hiện.').waitFor();

    await page.getByTestId('task-action-report_progress').click();
    const progress = page.getByTestId('action-dialog-report_progress');
    await progress.getByTestId('action-percent').fill('50');
    await progress
      .getByTestId('action-progress-text')
      .fill('Đã kiểm tra 8/16 cơ quan cấp tỉnh; đang tổng hợp kết quả.');
    await progress.getByTestId('action-files').locator('input[type=file]').setInputFiles(EVIDENCE);
    await progress.getByText('bien-ban-kiem-tra.txt').waitFor();
    await expect.poll(() => progress.locator('.ant-upload-list-item-done').count()).toBe(1);
    await shot(page, 'task-progress-dialog');
    await progress.getByTestId('action-submit').click();
    await page.getByText('Đã thực hiện: Báo cáo tiến độ.').waitFor();
    await expect.poll(async () => page.getByTestId('task-progress').textContent()).toContain('50');

    await page.getByTestId('task-action-submit_completion').click();
    const done = page.getByTestId('action-dialog-submit_completion');
    await done
      .getByTestId('action-result-text')
      .fill('Đã hoàn thành kiểm tra việc thực hiện kỷ luật, kỷ cương hành chính; có biên bản kèm theo.');
    await done.getByTestId('action-result-files').locator('input[type=file]').setInputFiles(EVIDENCE);
    await expect.poll(() => done.locator('.ant-upload-list-item-done').count()).toBe(1);
    await done.getByTestId('action-submit').click();
    await page.getByText('Đã thực hiện: Báo cáo hoàn thành.').waitFor();
    await page.getByTestId('task-result').waitFor();
    expect(await page.getByTestId('task-timeline').textContent()).toContain('Báo cáo tiến độ');
    await shot(page, 'task-submitted');
  });

  it('lets the Office confirm the completion and see it on the board and in the export', async () => {
    expect(taskUrl).not.toBe('');
    const page = await as('vanphong');
    await page.getByTestId('notifications-bell').waitFor();
    await page.goto(taskUrl);
    await page.getByTestId('task-action-confirm_done').click();
    await page.getByTestId('action-dialog-confirm_done').getByTestId('action-submit').click();
    await page.getByText('Đã thực hiện: Xác nhận hoàn thành.').waitFor();
    const status = await page.getByTestId('task-status').first().getAttribute('data-status');
    expect(['done_early', 'on_time']).toContain(status);
    await shot(page, 'task-done');

    await page.getByTestId('nav-tasks-board').click();
    const row = page.getByTestId('board-row-so-noi-vu');
    await row.waitFor();
    const early = Number(await row.getByTestId('board-cell-doneEarly').getAttribute('data-value'));
    const onTime = Number(await row.getByTestId('board-cell-doneOnTime').getAttribute('data-value'));
    expect(early + onTime).toBeGreaterThanOrEqual(1);
    await shot(page, 'board');
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('board-report').click(),
    ]);
    expect(report.suggestedFilename()).toMatch(/\.docx$/);
    const reportFile = path.join(SHOTS, `report-${Date.now()}.docx`);
    await report.saveAs(reportFile);
    // A .docx is a zip holding word/document.xml.
    const bytes = fs.readFileSync(reportFile);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);

    await page.getByTestId('nav-tasks-unit').click();
    await page
      .getByTestId('task-search')
      .getByRole('searchbox')
      .fill('giao so noi vu kiem tra thuc hien ky luat');
    await page
      .getByTestId('tasks-table')
      .getByRole('row', { name: /Sở Nội vụ/ })
      .first()
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('tasks-export').click(),
    ]);
    const file = path.join(SHOTS, `export-${Date.now()}.xlsx`);
    fs.mkdirSync(SHOTS, { recursive: true });
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const texts: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((r) =>
        r.eachCell((cell) => {
          texts.push(String(cell.text ?? ''));
        }),
      ),
    );
    expect(texts.some((t) => t.includes('Giao Sở Nội vụ kiểm tra thực hiện kỷ luật'))).toBe(true);
    expect(texts.some((t) => t.includes('Sở Nội vụ'))).toBe(true);
  });
});
