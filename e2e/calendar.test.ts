import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

describe('working calendar', () => {
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

  const status = (date: string) => page.getByTestId(`cal-day-${date}`).getAttribute('data-status');

  it('shows 2025 with Tết off and the make-up Saturday worked', async () => {
    await page.getByTestId('nav-calendar').click();
    await page.getByTestId('cal-year-select').click();
    await page.locator('.ant-select-item-option[title="Năm 2025"]').click();
    await page.getByTestId('cal-day-2025-01-25').waitFor();
    expect(await page.getByTestId('cal-source').textContent()).toBe('Lịch nghỉ chính thức');

    // Tết At Ty: Saturday 25/01 to Sunday 02/02/2025, nine days in a row not worked.
    for (let day = 25; day <= 33; day++) {
      const date = day <= 31 ? `2025-01-${day}` : `2025-02-0${day - 31}`;
      expect(['holiday', 'swapped', 'compensatory', 'weekend']).toContain(await status(date));
    }
    expect(await status('2025-01-29')).toBe('holiday');
    expect(await status('2025-01-27')).toBe('swapped');
    expect(await status('2025-02-03')).toBe('workday');
    // Saturday 26/04/2025 is worked, for the Friday 02/05 swapped off.
    expect(await status('2025-04-26')).toBe('makeup');
    expect(await status('2025-05-02')).toBe('swapped');
    // Lunar dates: 29/01/2025 is the first day of the first lunar month (Tết).
    expect(await page.getByTestId('cal-day-2025-01-29').getAttribute('data-lunar')).toBe('1/1');
    expect(await page.getByTestId('cal-holidays').textContent()).toContain('Tết Nguyên đán');
    expect(await page.getByTestId('cal-holidays').textContent()).toContain('25/01/2025');
    await screenshot(page, 'calendar-2025');
  });

  it('marks a year without an official schedule as provisional', async () => {
    await page.goto('/calendar?year=2030');
    await page.getByTestId('cal-day-2030-01-01').waitFor();
    expect(await page.getByTestId('cal-source').textContent()).toBe('Tạm tính');
    await page.getByTestId('cal-provisional').waitFor();
  });

  it('computes a deadline in working days across Tết', async () => {
    await page.goto('/calendar?year=2025');
    const start = page
      .locator('input[data-testid="deadline-start"]')
      .or(page.getByTestId('deadline-start').locator('input'))
      .first();
    await start.click();
    await start.fill('24/01/2025 08:00');
    await start.press('Enter');
    await page
      .getByTestId('deadline-amount')
      .locator('input')
      .or(page.locator('input[data-testid="deadline-amount"]'))
      .first()
      .fill('1');
    await page.getByTestId('deadline-compute').click();
    // Friday 24/01 08:00 + 1 working day: Tết, then Monday 03/02/2025 08:00.
    await page.getByTestId('deadline-result').getByText('03/02/2025 08:00').waitFor();
  });
});
