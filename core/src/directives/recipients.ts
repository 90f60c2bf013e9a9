import { accept, type MentionContext, readUnitList, unresolvedMention } from './mentions.ts';
import { tokenAt, trimSpan } from './source.ts';
import type { Span, UnitMention } from './types.ts';

const BULLET = /^\s*[-+•–—]\s*/;

/** Splits a recipients text on ";" and reads each part as a list of units. */
function readSegment(ctx: MentionContext, span: Span, out: UnitMention[]): void {
  const { src } = ctx;
  const text = src.plain.slice(span.start, span.end);
  let at = 0;
  for (const part of text.split(';')) {
    const partStart = span.start + at;
    at += part.length + 1;
    let s = trimSpan(src, partStart, partStart + part.length);
    const b = BULLET.exec(src.plain.slice(s.start, s.end));
    if (b) s = trimSpan(src, s.start + b[0].length, s.end);
    // Trailing "." "," and the end-of-text mark "./." are punctuation, not part of a name.
    let end = s.end;
    while (end > s.start && /[.,/:\s]/.test(src.plain[end - 1]!)) end--;
    s = { start: s.start, end };
    if (s.end <= s.start) continue;
    let t = tokenAt(src, s.start);
    const tEnd = tokenAt(src, s.end);
    while (t < tEnd) {
      const list = readUnitList(ctx, t, tEnd, { allowUnknown: true });
      if (!list) {
        out.push(unresolvedMention(ctx, trimSpan(src, src.tokens[t]!.start, s.end)));
        break;
      }
      const next = src.tokens[list.endTok];
      if (list.endTok < tEnd && next?.word) {
        // The name goes on past what was recognised ("Các cơ quan báo chí"): keep it whole.
        const kept = list.mentions.slice(0, -1);
        out.push(...kept);
        const last = list.mentions[list.mentions.length - 1]!;
        out.push(unresolvedMention(ctx, trimSpan(src, last.span.start, s.end)));
        break;
      }
      out.push(...accept(ctx, list));
      t = list.endTok;
      while (t < tEnd && !src.tokens[t]!.word) t++;
    }
  }
}

/**
 * Recipients after "Kính gửi": the rest of that line ("Kính gửi: Sở Nội vụ; Sở Tài chính.") and
 * the bullet lines that follow ("- Các Sở, Ban, ngành;"). Returns the first line after them.
 */
export function parseRecipients(
  ctx: MentionContext,
  line: number,
): { mentions: UnitMention[]; next: number } {
  const { src } = ctx;
  const lines = src.lines;
  const out: UnitMention[] = [];
  const first = lines[line]!;
  const m = /kinh gui\s*:?|\bdien\s*:/.exec(src.folded.slice(first.start, first.end));
  const restStart = first.start + (m ? m.index + m[0].length : 0);
  const rest = trimSpan(src, restStart, first.end);
  let next = line + 1;
  // "Kính gửi:" alone on its line (a table cell) is followed by the recipient on the next line.
  let inlineOpen = rest.end <= rest.start;
  if (rest.end > rest.start) {
    readSegment(ctx, rest, out);
    inlineOpen = /[;,]$/.test(src.plain.slice(rest.start, rest.end));
  }
  // A bullet may wrap onto a line of its own ("- Ủy ban nhân dân các huyện,\n  thành phố."):
  // the pending segment grows until a line ends it with ";" or ".", or the next bullet starts.
  let pending: Span | null = null;
  const flush = () => {
    if (pending) readSegment(ctx, pending, out);
    pending = null;
  };
  for (let i = line + 1; i < lines.length; i++) {
    const l = lines[i]!;
    const text = src.plain.slice(l.start, l.end);
    if (text.trim() === '') continue;
    const bullet = BULLET.test(text);
    const wraps =
      pending !== null &&
      !bullet &&
      !/[.;:]\s*$/.test(src.plain.slice(pending.start, pending.end)) &&
      /^\s*\p{Ll}/u.test(text);
    if (!bullet && !wraps && !(inlineOpen && text.trim().length < 160)) break;
    if (wraps && pending) pending = { start: pending.start, end: l.end };
    else {
      flush();
      pending = { start: l.start, end: l.end };
    }
    inlineOpen = !bullet && !wraps && /[;,]\s*$/.test(text);
    next = i + 1;
    if (/\.\s*$/.test(text) && !/[;,]\s*$/.test(text) && !bullet && !wraps) break;
  }
  flush();
  return { mentions: out, next };
}
