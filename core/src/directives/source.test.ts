import { describe, expect, it } from 'vitest';
import { buildSource, cleanText, tokenAt, trimSpan } from './source.ts';

describe('buildSource', () => {
  it('keeps the three views the same length so offsets carry over', () => {
    const src = buildSource('**1.** Giao Sở Nội vụ | ĐẦU\r\nViệc 😀 tiếp');
    expect(src.plain).toHaveLength(src.text.length);
    expect(src.folded).toHaveLength(src.text.length);
  });

  it('normalises to NFC before anything else', () => {
    const src = buildSource('Sở Nội vụ'.normalize('NFD'));
    expect(src.text).toBe('Sở Nội vụ'.normalize('NFC'));
    expect(src.folded).toBe('so noi vu');
  });

  it('blanks markdown emphasis, table pipes and escapes in the plain view', () => {
    const src = buildSource('**1\\.** a | b _c_');
    expect(src.plain).toBe('  1 .   a   b  c ');
  });

  it('folds per character, đ included, without collapsing spaces', () => {
    expect(buildSource('Đồng  Đăng\n').folded).toBe('dong  dang ');
  });

  it('reads "&" as "và" and remembers capitals', () => {
    const src = buildSource('Sở GD&ĐT SNV');
    expect(src.tokens.map((t) => t.fold)).toEqual(['so', 'gd', 'va', 'dt', 'snv']);
    expect(src.tokens[0]!.capitalised).toBe(true);
    expect(src.tokens[4]!.allUpper).toBe(true);
    expect(src.tokens[0]!.allUpper).toBe(false);
  });

  it('splits lines without their line breaks', () => {
    const src = buildSource('a\nbc\n');
    expect(src.lines).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 4 },
      { start: 5, end: 5 },
    ]);
  });
});

describe('span helpers', () => {
  const src = buildSource('  **Hồ Tiến  Thiệu**  ');
  it('trims spans to visible characters and cleans text', () => {
    const s = trimSpan(src, 0, src.text.length);
    expect(src.text.slice(s.start, s.end)).toBe('Hồ Tiến  Thiệu');
    expect(cleanText(src, s)).toBe('Hồ Tiến Thiệu');
  });
  it('finds the token at an offset', () => {
    expect(src.tokens[tokenAt(src, 5)]!.fold).toBe('tien');
    expect(tokenAt(src, src.text.length)).toBe(src.tokens.length);
  });
});
