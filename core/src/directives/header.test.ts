import { describe, expect, it } from 'vitest';
import { UNITS } from './fixtures/units.ts';
import { normaliseIssuer, parseHeader, typeFromNumber } from './header.ts';
import { buildSource } from './source.ts';
import { UnitIndex } from './unit-index.ts';

const index = new UnitIndex(UNITS);
const header = (text: string) => {
  const src = buildSource(text);
  return { h: parseHeader(src, index), src };
};

describe('issuer', () => {
  it.each([
    ['ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n', 'Ủy ban nhân dân tỉnh Lạng Sơn'],
    ['UBND TỈNH LẠNG SƠN\nSỞ NỘI VỤ\n', 'Sở Nội vụ'],
    ['UBND TỈNH LẠNG SƠN\nVĂN PHÒNG\n', 'Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn'],
    ['VĂN PHÒNG UBND TỈNH\n', 'Văn phòng Ủy ban nhân dân tỉnh'],
    ['UBND TỈNH LẠNG SƠN\nTHANH TRA TỈNH\n', 'Thanh tra tỉnh'],
    ['ỦY BAN NHÂN DÂN\nXÃ THẤT KHÊ\n', 'Ủy ban nhân dân xã Thất Khê'],
    [
      'ỦY BAN NHÂN DÂN     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LẠNG SƠN     Độc lập - Tự do - Hạnh phúc\n',
      'Ủy ban nhân dân tỉnh Lạng Sơn',
    ],
  ])('%j', (top, issuer) => {
    const { h, src } = header(`${top}\nSố: 1/UBND\n\nNội dung.`);
    expect(h.issuer?.value).toBe(issuer);
    expect(src.text.slice(h.issuer!.span.start, h.issuer!.span.end)).toMatch(/^[A-ZỦ]/u);
  });

  it('cases names it does not know', () => {
    expect(normaliseIssuer('SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', index)).toBe(
      'Sở Lao động - Thương binh và Xã hội',
    );
    expect(normaliseIssuer('SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH CAO BẰNG', index)).toBe(
      'Sở Văn hóa, Thể thao và Du lịch tỉnh Cao Bằng',
    );
    expect(normaliseIssuer('UBND HUYỆN CAO LỘC', index)).toBe('Ủy ban nhân dân huyện Cao Lộc');
  });
});

describe('number, date and place', () => {
  it('reads a blank number and a blank day', () => {
    const { h } = header('Số: /UBND-NC\nLạng Sơn, ngày tháng 01 năm 2024\n');
    expect(h.number?.value).toBe('/UBND-NC');
    expect(h.date).toMatchObject({ day: null, month: 1, year: 2024 });
    expect(h.place?.value).toBe('Lạng Sơn');
  });

  it('reads placeholders and a spaced number', () => {
    const { h } = header('Số: ......./KH-UBND\nLạng Sơn, ngày ….. tháng …. năm 2025\n');
    expect(h.number?.value).toBe('/KH-UBND');
    expect(h.date).toMatchObject({ day: null, month: null, year: 2025 });
    expect(header('Số: 12 / UBND-NC\n').h.number?.value).toBe('12/UBND-NC');
  });

  it('reads a short date', () => {
    const { h, src } = header('Số: 5/SNV\nThất Khê, ngày 05/9/2025\n');
    expect(h.date).toMatchObject({ day: 5, month: 9, year: 2025 });
    expect(src.text.slice(h.date!.span.start, h.date!.span.end)).toBe('ngày 05/9/2025');
  });

  it('reads number and date on one table row', () => {
    const { h } = header('| Số: 1234/UBND-KT | Lạng Sơn, ngày 05 tháng 9 năm 2025 |\n');
    expect(h.number?.value).toBe('1234/UBND-KT');
    expect(h.date).toMatchObject({ day: 5, month: 9, year: 2025 });
  });
});

describe('subject and type', () => {
  it('joins a V/v over several lines and stops at Kính gửi', () => {
    const { h } = header('Số: 1/UBND\nV/v thực hiện chủ đề\nnăm 2024\nKính gửi: Sở Nội vụ.\n');
    expect(h.subject?.value).toBe('thực hiện chủ đề năm 2024');
    expect(h.recipientsLine).toBe(3);
    expect(h.hasVv).toBe(true);
  });

  it('takes the subject under a title, without "Về việc"', () => {
    const { h } = header('Số: 5/CT-UBND\n\nCHỈ THỊ\nVề việc tăng cường kỷ luật\n\nThời gian qua …\n');
    expect(h.titleType).toBe('chi_thi');
    expect(h.subject?.value).toBe('tăng cường kỷ luật');
    expect(h.bodyLine).toBe(5);
  });

  it('stops the subject at a body sentence without a blank line', () => {
    const { h } = header('Số: 1/UBND\nV/v báo cáo\nThực hiện Công văn số 12 của UBND tỉnh, …\n');
    expect(h.subject?.value).toBe('báo cáo');
    expect(h.bodyLine).toBe(2);
  });

  it.each([
    ['12/UBND-NC', 'cong_van'],
    ['05/CT-UBND', 'chi_thi'],
    ['88/KH-UBND', 'ke_hoach'],
    ['212/TB-VP', 'thong_bao'],
    ['1520/QĐ-UBND', 'quyet_dinh'],
    ['12/CĐ-UBND', 'other'],
    ['30/BC-SNV', 'other'],
    ['125', null],
  ])('type of %s', (number, type) => {
    expect(typeFromNumber(number)).toBe(type);
  });
});
