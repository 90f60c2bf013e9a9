import { describe, expect, it } from 'vitest';
import { cellsOf, isUpperText } from './cells.ts';
import { buildSource } from './source.ts';

describe('cellsOf', () => {
  it('splits columns on runs of spaces and table pipes, not on single spaces', () => {
    const src = buildSource('| Số: 12/UBND-NC | Lạng Sơn, ngày 5 tháng 9 năm 2025 |');
    const cells = cellsOf(src, src.lines[0]!).map((c) => src.text.slice(c.start, c.end));
    expect(cells).toEqual(['Số: 12/UBND-NC', 'Lạng Sơn, ngày 5 tháng 9 năm 2025']);
    const two = buildSource('TỈNH LẠNG SƠN      Độc lập - Tự do - Hạnh phúc  ');
    expect(cellsOf(two, two.lines[0]!)).toHaveLength(2);
  });

  it('recognises upper-case text', () => {
    expect(isUpperText('KT. CHỦ TỊCH')).toBe(true);
    expect(isUpperText('Chủ tịch')).toBe(false);
    expect(isUpperText('12/')).toBe(false);
  });
});
