import { describe, expect, it } from 'vitest';
import { findTimes, type YearContext } from './deadlines.ts';
import { buildSource } from './source.ts';

function times(text: string, ctx: YearContext = { year: 2024, after: '2024-03-15' }) {
  const src = buildSource(text);
  const t = findTimes(src, 0, src.text.length, ctx);
  return { ...t, src };
}

describe('deadlines', () => {
  it.each([
    ['báo cáo trước ngày 15/4/2024.', 'before', '2024-04-15', 'trước ngày 15/4/2024'],
    ['hoàn thành trước 31/12', 'before', '2024-12-31', 'trước 31/12'],
    ['gửi trước ngày 15 tháng 4 năm 2024', 'before', '2024-04-15', 'trước ngày 15 tháng 4 năm 2024'],
    ['xong chậm nhất ngày 30/6/2024', 'by', '2024-06-30', 'chậm nhất ngày 30/6/2024'],
    ['chậm nhất là ngày 05/5', 'by', '2024-05-05', 'chậm nhất là ngày 05/5'],
    ['hạn chót ngày 20-5-2024', 'by', '2024-05-20', 'hạn chót ngày 20-5-2024'],
    ['không quá ngày 10/6/2024', 'by', '2024-06-10', 'không quá ngày 10/6/2024'],
    ['hoàn thành trong ngày 16/3/2024', 'by', '2024-03-16', 'trong ngày 16/3/2024'],
    ['xong trong tháng 3', 'within_month', '2024-03-31', 'trong tháng 3'],
    ['trình trong tháng 02/2024', 'within_month', '2024-02-29', 'trong tháng 02/2024'],
    ['trong tháng 11 năm 2024', 'within_month', '2024-11-30', 'trong tháng 11 năm 2024'],
    ['trước tháng 6/2024', 'before', '2024-06-01', 'trước tháng 6/2024'],
    ['thực hiện trong quý II', 'within_quarter', '2024-06-30', 'trong quý II'],
    ['hoàn thành quý III/2024', 'within_quarter', '2024-09-30', 'quý III/2024'],
    ['trong quý 4 năm 2024', 'within_quarter', '2024-12-31', 'trong quý 4 năm 2024'],
    ['hoàn thành trong năm 2025', 'within_year', '2025-12-31', 'trong năm 2025'],
    ['trong năm nay', 'within_year', '2024-12-31', 'trong năm nay'],
    ['trong 6 tháng đầu năm 2024', 'by', '2024-06-30', 'trong 6 tháng đầu năm 2024'],
  ])('%s', (text, kind, date, written) => {
    const { deadlines, src } = times(text);
    expect(deadlines[0]).toMatchObject({ kind, date, text: written });
    const d = deadlines[0]!;
    expect(src.text.slice(d.span.start, d.span.end)).toBe(written);
  });

  it('takes the document year, then rolls a date before the document into the next year', () => {
    const ctx = { year: 2024, after: '2024-12-16' };
    expect(times('trước ngày 15/01', ctx).deadlines[0]?.date).toBe('2025-01-15');
    expect(times('trước ngày 20/12', ctx).deadlines[0]?.date).toBe('2024-12-20');
    expect(times('trong quý I', ctx).deadlines[0]?.date).toBe('2025-03-31');
    expect(times('trước ngày 15/01/2024', ctx).deadlines[0]?.date).toBe('2024-01-15');
  });

  it('does not read a period for a deadline', () => {
    expect(times('báo cáo kết quả quý II/2024').deadlines).toEqual([]);
    expect(times('tình hình quý II').deadlines).toEqual([]);
    expect(times('Sau 03 năm triển khai; ngày 15/4/2024 đã họp').deadlines).toEqual([]);
    expect(times('số liệu tính đến ngày 30/6/2024').deadlines).toEqual([]);
  });

  it('rejects impossible dates and missing years', () => {
    expect(times('trước 31/2').problems.map((p) => p[0])).toEqual(['invalid_date']);
    expect(times('trước 15/4', { year: null, after: null }).problems.map((p) => p[0])).toEqual([
      'missing_year',
    ]);
  });

  it('lists relative deadlines for the caller to flag', () => {
    const { relative, deadlines, src } = times('trong thời hạn 05 ngày làm việc kể từ ngày nhận');
    expect(deadlines).toEqual([]);
    expect(src.text.slice(relative[0]!.start, relative[0]!.end)).toBe('trong thời hạn 05 ngày làm việc');
  });
});

describe('recurrences', () => {
  it.each([
    ['báo cáo định kỳ hằng tháng', 'monthly', undefined, 'định kỳ hằng tháng'],
    ['báo cáo hàng tháng', 'monthly', undefined, 'hàng tháng'],
    ['gửi trước ngày 20 hằng tháng', 'monthly', 20, 'trước ngày 20 hằng tháng'],
    ['vào ngày 25 hằng tháng', 'monthly', 25, 'vào ngày 25 hằng tháng'],
    ['định kỳ hằng tháng (trước ngày 25)', 'monthly', 25, 'định kỳ hằng tháng (trước ngày 25)'],
    ['hằng quý', 'quarterly', undefined, 'hằng quý'],
    [
      'báo cáo định kỳ hằng quý (trước ngày 15 của tháng cuối quý)',
      'quarterly',
      15,
      'định kỳ hằng quý (trước ngày 15 của tháng cuối quý)',
    ],
    ['định kỳ quý', 'quarterly', undefined, 'định kỳ quý'],
    ['báo cáo 6 tháng, năm', 'semiannual', undefined, '6 tháng'],
    ['báo cáo kết quả 6 tháng', 'semiannual', undefined, '6 tháng'],
    ['định kỳ 6 tháng một lần', 'semiannual', undefined, 'định kỳ 6 tháng một lần'],
    ['6 tháng một lần', 'semiannual', undefined, '6 tháng một lần'],
    ['hằng năm', 'yearly', undefined, 'hằng năm'],
    ['trước ngày 15/12 hằng năm', 'yearly', undefined, 'trước ngày 15/12 hằng năm'],
    ['thứ Sáu hằng tuần', 'weekly', undefined, 'hằng tuần'],
    ['mỗi tuần', 'weekly', undefined, 'mỗi tuần'],
  ])('%s', (text, frequency, dayOfMonth, written) => {
    const { recurrences, deadlines, src } = times(text);
    expect(recurrences[0]).toMatchObject({ frequency, text: written });
    expect(recurrences[0]!.dayOfMonth).toBe(dayOfMonth);
    expect(src.text.slice(recurrences[0]!.span.start, recurrences[0]!.span.end)).toBe(written);
    expect(deadlines).toEqual([]);
  });

  it('is not fooled by "ngân hàng năm 2024" or a half-year period', () => {
    expect(times('vốn vay ngân hàng năm 2024').recurrences).toEqual([]);
    expect(times('sơ kết 6 tháng đầu năm').recurrences).toEqual([]);
    expect(times('thường xuyên kiểm tra').recurrences).toEqual([]);
  });

  it('keeps a deadline and a recurrence of the same item apart', () => {
    const { deadlines, recurrences } = times('hoàn thành trước 30/6/2024; sau đó báo cáo hằng quý');
    expect(deadlines.map((d) => d.date)).toEqual(['2024-06-30']);
    expect(recurrences.map((r) => r.frequency)).toEqual(['quarterly']);
  });
});
