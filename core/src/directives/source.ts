import { fold } from '../text/fold.ts';
import type { Span } from './types.ts';

/** A line of the text; `end` excludes the line break. */
export interface Line {
  start: number;
  end: number;
}

/** A word (`[a-z0-9]+` once folded) or a single punctuation character. */
export interface Token {
  start: number;
  end: number;
  /** Folded form; `&` is read as `va` so that "GD&ĐT" and "GD và ĐT" meet. */
  fold: string;
  word: boolean;
  /** First character of the original is an upper-case letter. */
  capitalised: boolean;
  /** Every letter of the original is upper case ("SNV", "UBND"). */
  allUpper: boolean;
}

/**
 * Three views of one text, all of the same length so that an offset found in one is an offset in
 * the others: `text` (NFC), `plain` (markdown emphasis, table pipes and escapes blanked out) and
 * `folded` (plain, folded character by character: lower case, no diacritics).
 */
export interface Source {
  text: string;
  plain: string;
  folded: string;
  lines: Line[];
  tokens: Token[];
}

const foldCache = new Map<string, string>();

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) {
    return /\s/.test(ch) ? ' ' : ch.toLowerCase();
  }
  let out = foldCache.get(ch);
  if (out === undefined) {
    if (/\s/.test(ch)) out = ' ';
    else {
      // fold() trims and may change length; keep the text aligned by falling back to the char.
      const f = fold(ch);
      out = f.length === 1 ? f : ch;
    }
    foldCache.set(ch, out);
  }
  return out;
}

/** Blanks out markup that documents converted to markdown carry, keeping every offset in place. */
function mask(text: string): string {
  const chars = text.split('');
  let lineStart = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\n') {
      lineStart = true;
      continue;
    }
    if (ch === '*' || ch === '|' || ch === '_') chars[i] = ' ';
    else if (ch === '\\' && /[-.()[\]#*_+!>`]/.test(chars[i + 1] ?? '')) chars[i] = ' ';
    else if (lineStart && (ch === '#' || ch === '>')) chars[i] = ' ';
    if (!/[\s#>*|_]/.test(ch)) lineStart = false;
  }
  return chars.join('');
}

export function buildSource(input: string): Source {
  const text = input.normalize('NFC');
  const plain = mask(text);
  let folded = '';
  for (const ch of plain) {
    // Astral characters are two code units; keep both so offsets stay aligned.
    folded += ch.length === 1 ? foldChar(ch) : ch;
  }
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      lines.push({ start, end: i });
      start = i + 1;
    }
  }
  return { text, plain, folded, lines, tokens: tokenize(text, folded) };
}

function tokenize(text: string, folded: string): Token[] {
  const tokens: Token[] = [];
  const re = /[a-z0-9]+|[^\sa-z0-9]/g;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    const start = m.index;
    const end = start + m[0].length;
    const original = text.slice(start, end);
    const word = /^[a-z0-9]+$/.test(m[0]) || m[0] === '&';
    const first = original[0] ?? '';
    tokens.push({
      start,
      end,
      fold: m[0] === '&' ? 'va' : m[0],
      word,
      capitalised: first !== first.toLowerCase(),
      allUpper: /\p{L}/u.test(original) && original === original.toUpperCase(),
    });
  }
  return tokens;
}

/** Index of the first token starting at or after `offset`. */
export function tokenAt(src: Source, offset: number): number {
  let lo = 0;
  let hi = src.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (src.tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The readable text of a range: markup removed, whitespace collapsed, NFC. */
export function cleanText(src: Source, span: Span): string {
  return collapse(src.plain.slice(span.start, span.end));
}

/** Shrinks a range to its first and last visible character (markup is not visible). */
export function trimSpan(src: Source, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(src.plain[s]!)) s++;
  while (e > s && /\s/.test(src.plain[e - 1]!)) e--;
  return { start: s, end: e };
}

export function lineText(src: Source, line: Line): string {
  return src.plain.slice(line.start, line.end);
}

export function lineFold(src: Source, line: Line): string {
  return src.folded.slice(line.start, line.end);
}

export function isBlank(src: Source, line: Line): boolean {
  return src.plain.slice(line.start, line.end).trim() === '';
}
