import { fold } from '../text/fold.ts';
import { romanToInt } from './dates.ts';
import { type Source, trimSpan } from './source.ts';
import type { Span } from './types.ts';

type Style = 'roman' | 'article' | 'decimal' | 'multi' | 'letter';

/** A numbered part of the body: "II.", "Điều 2.", "3.", "1.2.", "b)". */
export interface BodyNode {
  style: Style;
  /** Position in its list: 1 for "1.", "a)", "I."; for "1.2" the last number. */
  value: number;
  /** For "1.2": [1]; empty otherwise. */
  prefix: number[];
  ref: string;
  /** The marker line, from its first visible character. */
  start: number;
  /** After the marker: where the node's own text starts. */
  contentStart: number;
  /** Where the next marker (of any level) or the body's end is. */
  contentEnd: number;
  parent: BodyNode | null;
  children: BodyNode[];
  /** Under a "MỤC ĐÍCH, YÊU CẦU" or "CĂN CỨ" heading: context, not tasks. */
  skip: boolean;
}

export interface BodyLayout {
  /** Text before the first marker ("Để tăng cường …, Chủ tịch UBND tỉnh yêu cầu …:"). */
  preamble: Span | null;
  roots: BodyNode[];
  /** Where the body (the part that holds tasks) ends, before the closing paragraph. */
  end: number;
}

const ORDINALS = ['một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

// Vietnamese lists skip f, j, w, z: a b c d đ e g h i k …
const LETTERS = 'abcdđeghiklmnopqrstuvxy';

interface Candidate {
  style: Style;
  value: number;
  prefix: number[];
  label: string;
  start: number;
  contentStart: number;
}

const CONTENT_START = /^[\p{L}“"‘'(«[]/u;

export function markerAt(src: Source, lineStart: number, lineEnd: number): Candidate | null {
  const raw = src.plain.slice(lineStart, lineEnd);
  const lead = raw.length - raw.trimStart().length;
  const s = raw.slice(lead);
  const base = lineStart + lead;
  const make = (
    style: Style,
    value: number,
    prefix: number[],
    label: string,
    len: number,
  ): Candidate | null => {
    const rest = s.slice(len);
    if (rest.trim() !== '' && !CONTENT_START.test(rest.trimStart())) return null;
    const ws = rest.length - rest.trimStart().length;
    return { style, value, prefix, label, start: base, contentStart: base + len + ws };
  };
  let m = /^([IVX]{1,5})\s*[.)]/.exec(s);
  if (m) {
    const v = romanToInt(m[1]!);
    return Number.isNaN(v) || v > 20 ? null : make('roman', v, [], m[1]!, m[0].length);
  }
  m = /^(?:Điều|ĐIỀU)\s+(\d{1,3})\s*[.:]/u.exec(s);
  if (m) return make('article', Number(m[1]), [], m[1]!, m[0].length);
  m = /^(\d{1,2}(?:\.\d{1,2})+)[.)]?/.exec(s);
  if (m) {
    const parts = m[1]!.split('.').map(Number);
    const next = s[m[0].length] ?? '';
    if (/[\d/]/.test(next)) return null;
    return make('multi', parts[parts.length - 1]!, parts.slice(0, -1), m[1]!, m[0].length);
  }
  m = /^(\d{1,2})\s*[.)/](?![\d/])/.exec(s);
  if (m) return make('decimal', Number(m[1]), [], String(Number(m[1])), m[0].length);
  // Directives also count in words: "Một là, …", "Hai là, …".
  m = /^(một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+là\s*[,:.]?/iu.exec(s);
  if (m) {
    const v = ORDINALS.indexOf(m[1]!.toLowerCase()) + 1;
    return make('decimal', v, [], String(v), m[0].length);
  }
  m = /^([a-zđ])\s*\)|^([a-zđ])\.(?=\s)/u.exec(s);
  if (m) {
    const letter = (m[1] ?? m[2])!;
    return make('letter', LETTERS.indexOf(letter) + 1, [], letter, m[0].length);
  }
  return null;
}

// Headings of parts that describe rather than assign: a plan's purpose and requirements, its legal
// basis, a conclusion's assessment of the situation.
const SKIP_HEADING =
  /^(?:muc dich|yeu cau|muc tieu|can cu|danh gia chung|tinh hinh|ket qua dat duoc|ket qua thuc hien)(?:[ ,]+(?:va\s+)?(?:muc dich|yeu cau|muc tieu|can cu|xay dung ke hoach|tinh hinh|ket qua))*\s*[.:]?$/;

function nearestDecimal(stack: BodyNode[]): BodyNode | undefined {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.style === 'decimal') return stack[i];
  return undefined;
}

/** Accepts a candidate only where it continues a list or starts a new one, so "03 năm" never is. */
function place(stack: BodyNode[], c: Candidate): BodyNode | null | 'reject' {
  const sameIdx = stack.findLastIndex((n) => n.style === c.style);
  if (sameIdx >= 0) {
    const prev = stack[sameIdx]!;
    const samePrefix = prev.prefix.join('.') === c.prefix.join('.');
    const sibling =
      c.style === 'multi'
        ? (samePrefix && c.value === prev.value + 1) ||
          (c.value === 1 &&
            c.prefix.length === prev.prefix.length &&
            c.prefix.at(-1) === (prev.prefix.at(-1) ?? 0) + 1)
        : c.value === prev.value + 1;
    if (!sibling) return 'reject';
    stack.length = sameIdx;
    return stack[sameIdx - 1] ?? null;
  }
  if (c.value !== 1) return 'reject';
  if (c.style === 'multi') {
    const dec = nearestDecimal(stack);
    if (dec && !(c.prefix.length === 1 && c.prefix[0] === dec.value)) return 'reject';
  }
  return stack[stack.length - 1] ?? null;
}

function refOf(parent: BodyNode | null, c: Candidate): string {
  let label = c.label;
  if (c.style === 'multi' && parent?.style === 'decimal' && c.prefix.length === 1) label = String(c.value);
  return parent ? `${parent.ref}.${label}` : label;
}

const CLOSING =
  /^(?:yeu cau|tren day|trong qua trinh|nhan duoc|thong bao nay|noi nhan|rat mong|tran trong|(?:chu tich )?(?:ubnd|uy ban nhan dan) (?:tinh|huyen|xa|phuong)[a-z ]{0,30}? (?:yeu cau|de nghi) (?:thu truong|cac|chu tich|giam doc)|van phong (?:ubnd|uy ban nhan dan) tinh thong bao|de nghi (?:cac|thu truong|chu tich|giam doc)\b.*(?:nghiem tuc|trien khai|thuc hien)[^.]*\.\s*\/\s*\.)/;

function isParagraphStart(src: Source, lines: Array<{ start: number; end: number }>, i: number): boolean {
  const line = lines[i]!;
  const s = src.plain.slice(line.start, line.end).trim();
  if (!/^\p{Lu}/u.test(s)) return false;
  for (let k = i - 1; k >= 0; k--) {
    const p = src.plain.slice(lines[k]!.start, lines[k]!.end).trim();
    if (p === '') continue;
    return /[.;:!?"”)]$/.test(p);
  }
  return true;
}

/**
 * Splits the body (lines `from` … `to`, exclusive) into its numbered parts. The body ends at the
 * closing paragraph after the last part ("Yêu cầu …", "Trên đây là …") or at a line ending "./.".
 */
export function layoutBody(src: Source, from: number, to: number): BodyLayout {
  const lines = src.lines;
  const roots: BodyNode[] = [];
  const all: BodyNode[] = [];
  const stack: BodyNode[] = [];
  let lastMarkerLine = -1;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    const c = markerAt(src, line.start, line.end);
    if (!c) continue;
    const parent = place(stack, c);
    if (parent === 'reject') continue;
    const node: BodyNode = {
      style: c.style,
      value: c.value,
      prefix: c.prefix,
      ref: refOf(parent, c),
      start: c.start,
      contentStart: c.contentStart,
      contentEnd: 0,
      parent,
      children: [],
      skip: parent?.skip ?? false,
    };
    const heading = fold(src.plain.slice(c.contentStart, line.end));
    if (SKIP_HEADING.test(heading)) node.skip = true;
    (parent ? parent.children : roots).push(node);
    all.push(node);
    stack.push(node);
    lastMarkerLine = i;
  }

  const bodyStart = from < lines.length ? lines[from]!.start : src.text.length;
  let end = to < lines.length ? lines[to]!.start : src.text.length;
  const scanFrom = lastMarkerLine >= 0 ? lastMarkerLine : firstNonBlank(src, from, to);
  for (let i = scanFrom; i >= 0 && i < to; i++) {
    const line = lines[i]!;
    const plain = src.plain.slice(line.start, line.end).trim();
    const isMarkerLine = i === lastMarkerLine;
    if (i > scanFrom && !isMarkerLine && isParagraphStart(src, lines, i)) {
      const f = fold(plain);
      if (CLOSING.test(f)) {
        end = line.start;
        break;
      }
    }
    if (/\.\s*\/\s*\.$/.test(plain)) {
      end = line.end;
      break;
    }
  }

  for (let k = 0; k < all.length; k++) {
    const next = all[k + 1];
    all[k]!.contentEnd = Math.min(next ? next.start : end, end);
  }
  const first = all[0];
  const pre = trimSpan(src, bodyStart, first ? first.start : bodyStart);
  return { preamble: pre.end > pre.start ? pre : null, roots, end };
}

function firstNonBlank(src: Source, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const l = src.lines[i]!;
    if (src.plain.slice(l.start, l.end).trim() !== '') return i;
  }
  return -1;
}
