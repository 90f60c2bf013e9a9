/** The wording and measures of Decree 30/2020/NĐ-CP, Appendix I, as the .docx writer applies them. */
import { describe, expect, it } from 'vitest';
import {
  HEADER,
  MARGINS,
  MARGINS_MM,
  PAGE,
  SIZE,
  TEXT_WIDTH,
} from '../src/platform/exports/administrative-layout.ts';
import {
  aboutLine,
  copiesToLines,
  documentNumber,
  issueDate,
  MOTTO,
  NATIONAL_TITLE,
  placeAndDate,
} from '../src/platform/exports/index.ts';
import { textWidthPt } from '../src/platform/exports/text-width.ts';

describe('issueDate: days below 10 and months 1 and 2 take a leading zero', () => {
  it.each([
    ['2024-01-05', 'ngày 05 tháng 01 năm 2024'],
    ['2024-02-01', 'ngày 01 tháng 02 năm 2024'],
    ['2024-02-29', 'ngày 29 tháng 02 năm 2024'],
    ['2024-03-09', 'ngày 09 tháng 3 năm 2024'],
    ['2024-04-15', 'ngày 15 tháng 4 năm 2024'],
    ['2024-09-30', 'ngày 30 tháng 9 năm 2024'],
    ['2024-10-10', 'ngày 10 tháng 10 năm 2024'],
    ['2024-11-01', 'ngày 01 tháng 11 năm 2024'],
    ['2025-12-31', 'ngày 31 tháng 12 năm 2025'],
  ])('%s → %s', (iso, text) => {
    expect(issueDate(iso)).toBe(text);
  });

  it('holds for every day of a leap year', () => {
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      const iso = d.toISOString().slice(0, 10);
      const match = /^ngày (\d+) tháng (\d+) năm 2024$/.exec(issueDate(iso))!;
      expect(match[1]).toHaveLength(2);
      expect(Number(match[1])).toBe(d.getUTCDate());
      const month = d.getUTCMonth() + 1;
      expect(Number(match[2])).toBe(month);
      // Months 3–9 cannot become 13–19 by adding a digit, so they are written alone.
      expect(match[2]).toHaveLength(month >= 3 && month <= 9 ? 1 : 2);
    }
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2024-02-30', '2023-02-29', '15/04/2024', '2024-4-15', '']) {
      expect(() => issueDate(bad)).toThrow(RangeError);
    }
  });

  it('writes the place first, in NFC', () => {
    expect(placeAndDate('Lạng Sơn', '2024-04-15')).toBe('Lạng Sơn, ngày 15 tháng 4 năm 2024');
    expect(placeAndDate(' Lạng Sơn'.normalize('NFD'), '2024-02-05')).toBe(
      'Lạng Sơn, ngày 05 tháng 02 năm 2024',
    );
  });
});

describe('documentNumber', () => {
  it.each([
    ['15/BC-VP', 'Số: 15/BC-VP'],
    ['5/BC-VP', 'Số: 05/BC-VP'],
    ['123/UBND-NC', 'Số: 123/UBND-NC'],
    ['Số: 7/TB-VP', 'Số: 07/TB-VP'],
    ['05/KH-UBND', 'Số: 05/KH-UBND'],
  ])('%s → %s', (number, text) => {
    expect(documentNumber(number)).toBe(text);
  });

  it('leaves room for the number of a draft not yet registered', () => {
    expect(documentNumber('/BC-VP')).toMatch(/^Số:\u00a0{8}\/BC-VP$/);
  });
});

describe('aboutLine', () => {
  it('starts a công văn subject with "V/v" once', () => {
    expect(aboutLine('đôn đốc thực hiện nhiệm vụ')).toBe('V/v đôn đốc thực hiện nhiệm vụ');
    expect(aboutLine('v/v đôn đốc thực hiện nhiệm vụ')).toBe('V/v đôn đốc thực hiện nhiệm vụ');
  });
});

describe('copiesToLines', () => {
  it('writes each entry "- …;" and ends with "- Lưu: VT, ….", whatever punctuation came in', () => {
    expect(
      copiesToLines(['Chủ tịch UBND tỉnh (b/c)', '- Các sở, ban, ngành;', 'UBND các huyện.'], 'TH'),
    ).toEqual([
      '- Chủ tịch UBND tỉnh (b/c);',
      '- Các sở, ban, ngành;',
      '- UBND các huyện;',
      '- Lưu: VT, TH.',
    ]);
  });

  it('keeps the archive line last, with VT first and once', () => {
    expect(copiesToLines(['Lưu: VT, TH', 'Sở Nội vụ'])).toEqual(['- Sở Nội vụ;', '- Lưu: VT, TH.']);
    expect(copiesToLines(['Sở Nội vụ'], 'VT, KT')).toEqual(['- Sở Nội vụ;', '- Lưu: VT, KT.']);
    expect(copiesToLines([])).toEqual(['- Lưu: VT.']);
  });

  it('starts with "- Như trên;" when the document has addressees', () => {
    expect(copiesToLines(['Lãnh đạo VP'], 'TH', true)).toEqual([
      '- Như trên;',
      '- Lãnh đạo VP;',
      '- Lưu: VT, TH.',
    ]);
    expect(copiesToLines(['Như trên', 'Lãnh đạo VP'], 'TH', true)[0]).toBe('- Như trên;');
    expect(copiesToLines(['Như trên', 'Lãnh đạo VP'], 'TH', true)).toHaveLength(3);
  });
});

describe('page and type measures', () => {
  const twipsToMm = (twips: number) => (twips / 1440) * 25.4;

  it('is A4 with the margins in the decree ranges', () => {
    expect(Math.round(twipsToMm(PAGE.width))).toBe(210);
    expect(Math.round(twipsToMm(PAGE.height))).toBe(297);
    expect(MARGINS_MM.top).toBeGreaterThanOrEqual(20);
    expect(MARGINS_MM.top).toBeLessThanOrEqual(25);
    expect(MARGINS_MM.bottom).toBeGreaterThanOrEqual(20);
    expect(MARGINS_MM.bottom).toBeLessThanOrEqual(25);
    expect(MARGINS_MM.left).toBeGreaterThanOrEqual(30);
    expect(MARGINS_MM.left).toBeLessThanOrEqual(35);
    expect(MARGINS_MM.right).toBeGreaterThanOrEqual(15);
    expect(MARGINS_MM.right).toBeLessThanOrEqual(20);
    expect(twipsToMm(MARGINS.left)).toBeCloseTo(MARGINS_MM.left, 1);
  });

  it('keeps every type size in its range', () => {
    const ranges: Record<keyof typeof SIZE, [number, number]> = {
      issuer: [12, 13],
      nationalTitle: [12, 13],
      motto: [13, 14],
      number: [13, 13],
      about: [12, 13],
      placeDate: [13, 14],
      title: [13, 14],
      body: [13, 14],
      table: [11, 14],
      copiesToLabel: [12, 12],
      copiesTo: [11, 11],
      signer: [13, 14],
      pageNumber: [13, 14],
    };
    for (const [part, [min, max]] of Object.entries(ranges)) {
      const size = SIZE[part as keyof typeof SIZE];
      expect(size, part).toBeGreaterThanOrEqual(min);
      expect(size, part).toBeLessThanOrEqual(max);
    }
  });

  it('fits the national title, the motto and the province name each on one line', () => {
    expect(textWidthPt(NATIONAL_TITLE, SIZE.nationalTitle, true) * 20).toBeLessThan(HEADER.right);
    expect(textWidthPt(MOTTO, SIZE.motto, true) * 20).toBeLessThan(HEADER.right);
    expect(textWidthPt('ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN', SIZE.issuer) * 20).toBeLessThan(HEADER.left);
    // The header table may reach into the left margin, never past the right one.
    expect(HEADER.left + HEADER.right - HEADER.shift).toBe(TEXT_WIDTH);
  });

  it('measures Vietnamese letters as their base letters', () => {
    expect(textWidthPt('Độc lập', 13, true)).toBe(textWidthPt('Doc lap', 13, true));
    expect(textWidthPt('M', 10)).toBeCloseTo(8.89);
    expect(textWidthPt('M', 10, true)).toBeCloseTo(9.44);
  });
});
