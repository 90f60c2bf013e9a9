/**
 * The printed width of a line in Times New Roman, to draw the decree's short rules under the
 * issuer, the motto and the subject at the length of the text above them. The advance widths
 * are the Times metrics (thousandths of an em) that Times New Roman and Liberation Serif share;
 * a Vietnamese letter is as wide as its base letter, since its marks sit above or below it.
 */

// Printable ASCII from the space (32) to the tilde (126).
const REGULAR = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500,
  500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333,
  389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469,
  500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
  278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
const BOLD = [
  250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500,
  500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389,
  500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581,
  500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389,
  333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
];

function advance(char: string, table: number[]): number {
  const base = char.normalize('NFD').replace(/\p{M}/gu, '').replace('đ', 'd').replace('Đ', 'D');
  const code = base.codePointAt(0) ?? 0;
  if (base === '') return 0;
  if (code === 0xa0) return table[0]!;
  return code >= 32 && code <= 126 ? table[code - 32]! : 500;
}

/** Width in points of `text` set in Times New Roman at `size` points. */
export function textWidthPt(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const char of text.normalize('NFC')) units += advance(char, table);
  return (units * size) / 1000;
}
