import type { Line, Source } from './source.ts';
import type { Span } from './types.ts';

/**
 * The visible pieces of a line. Header and signature blocks are two-column tables; once converted
 * to text, the columns end up on one line separated by runs of spaces (or table pipes, which
 * `Source.plain` blanks out), e.g. "TỈNH LẠNG SƠN      Độc lập - Tự do - Hạnh phúc".
 */
export function cellsOf(src: Source, line: Line): Span[] {
  const text = src.plain.slice(line.start, line.end);
  const out: Span[] = [];
  const re = /\S+(?:[ \u00a0]{1,2}\S+)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start: line.start + m.index, end: line.start + m.index + m[0].length });
  }
  return out;
}

/** All letters upper case, at least two of them ("SỞ NỘI VỤ", "KT. CHỦ TỊCH"). */
export function isUpperText(s: string): boolean {
  const letters = s.match(/\p{L}/gu) ?? [];
  return letters.length >= 2 && s === s.toUpperCase();
}
