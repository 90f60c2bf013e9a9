import { fold } from '../text/fold.ts';
import { cellsOf, isUpperText } from './cells.ts';
import { collapse, type Source, trimSpan } from './source.ts';
import type { DirectiveDocumentType, Span } from './types.ts';
import type { UnitIndex } from './unit-index.ts';

export interface HeaderDate {
  day: number | null;
  month: number | null;
  year: number | null;
  span: Span;
}

export interface Header {
  issuer: { value: string; span: Span } | null;
  number: { value: string; span: Span } | null;
  place: { value: string; span: Span } | null;
  date: HeaderDate | null;
  subject: { value: string; span: Span } | null;
  /** The type named by a title line ("CHỈ THỊ"), which outranks the number's symbol. */
  titleType: DirectiveDocumentType | null;
  hasVv: boolean;
  /** The "Kính gửi" line, when there is one. */
  recipientsLine: number | null;
  /** First line of the body (when there is a "Kính gửi", the caller moves past the recipients). */
  bodyLine: number;
}

const TITLES: Record<string, DirectiveDocumentType> = {
  'cong van': 'cong_van',
  'chi thi': 'chi_thi',
  'ke hoach': 'ke_hoach',
  'thong bao': 'thong_bao',
  'thong bao ket luan': 'thong_bao',
  'quyet dinh': 'quyet_dinh',
  'cong dien': 'other',
  'nghi quyet': 'other',
  'bao cao': 'other',
  'to trinh': 'other',
  'huong dan': 'other',
  'chuong trinh': 'other',
  'giay moi': 'other',
  'phuong an': 'other',
  'de an': 'other',
};

/** "Kính gửi:", or a công điện's "CHỦ TỊCH UBND TỈNH điện:". */
export const RECIPIENTS = /^(?:kinh gui\b|[a-z ]{0,60}\bdien\s*:)/;
const MOTTO = /cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–]?\s*tu do\s*[-–]?\s*hanh phuc/;
const SEPARATOR = /^[-–—=_.…\s*~]+$/;
const NUMBER = /^so\s*:\s*|^so\s+(?=[\d.…]*\s*\/)/;
const VV = /^v\s*\/\s*v\b\s*:?\s*/;
// "Lạng Sơn, ngày 15 tháng 3 năm 2024"; the day and month may be blank ("ngày   tháng 01").
const DATE_LONG =
  /^(?:(.*?),?\s+)?ngay\s*(?:(\d{1,2})\s*)?[\s.…_-]*thang\s*(?:(\d{1,2})\s*)?[\s.…_-]*nam\s*(\d{4})/;
const DATE_SHORT = /^(?:(.*?),?\s+)?ngay\s+(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})/;
// A line under the subject that starts like a sentence of the body ends the subject.
const BODY_OPENERS = /^(?:thuc hien|can cu|theo|de |ngay \d|sau |nham |qua |trong |tai |ubnd|uy ban|so )/;

const LEVELS = /^(?:tinh|huyen|xa(?! hoi)|phuong|thanh pho|thi xa|thi tran|dac khu)\b/;
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bUBND\b/gu, 'ỦY BAN NHÂN DÂN'],
  [/\bHĐND\b/gu, 'HỘI ĐỒNG NHÂN DÂN'],
  [/\bMTTQ\b/gu, 'MẶT TRẬN TỔ QUỐC'],
];
const FIELD_HEADS = /^(?:sở|ban|bộ|cục|vụ|viện|trường|trung tâm|văn phòng|thanh tra|hội|đài|chi cục)\s/u;

function cap(w: string): string {
  return (w[0] ?? '').toUpperCase() + w.slice(1);
}

/**
 * "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" → "Ủy ban nhân dân tỉnh Lạng Sơn": sentence case, place names
 * after an administrative level capitalised, and in agency names ("Sở Văn hóa, Thể thao và Du
 * lịch") the first word of each field. A unit of the list with the same folded name wins.
 */
export function normaliseIssuer(upper: string, index: UnitIndex): string {
  let s = collapse(upper);
  for (const [re, full] of ABBREVIATIONS) s = s.replace(re, full);
  const f = fold(s);
  const known = index.units.find((u) => fold(u.name) === f);
  if (known) return known.name;
  const words = s.toLowerCase().split(' ');
  const out: string[] = [];
  let proper = false;
  const agency = FIELD_HEADS.test(s.toLowerCase());
  const headLen = agency
    ? /^(?:trung tâm|văn phòng|thanh tra|chi cục)\s/u.test(s.toLowerCase())
      ? 2
      : 1
    : 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const prev = out[i - 1] ?? '';
    if (proper) {
      out.push(cap(w));
      continue;
    }
    const rest = fold(words.slice(i).join(' '));
    if (i > 0 && LEVELS.test(rest)) {
      const levelLen = /^(?:thanh pho|thi xa|thi tran|dac khu)\b/.test(rest) ? 2 : 1;
      for (let k = 0; k < levelLen; k++) out.push(words[i + k]!);
      i += levelLen - 1;
      proper = true;
      continue;
    }
    const fieldStart =
      agency && (i === headLen || prev.endsWith(',') || ((prev === 'và' || prev === '-') && i > headLen));
    out.push(i === 0 || fieldStart ? cap(w) : w);
  }
  // "ủy ban nhân dân" inside a name keeps its capital: "Văn phòng Ủy ban nhân dân tỉnh".
  return out.join(' ').replace(/ ủy ban nhân dân/gu, ' Ủy ban nhân dân');
}

function cellText(src: Source, c: Span): string {
  return collapse(src.plain.slice(c.start, c.end));
}

/**
 * Combines the issuer lines: "ỦY BAN NHÂN DÂN" + "TỈNH LẠNG SƠN" is one name; "UBND TỈNH LẠNG SƠN"
 * + "SỞ NỘI VỤ" is the superior and the issuer; a bare "VĂN PHÒNG" is the superior's office.
 */
function pickIssuer(src: Source, cells: Span[], index: UnitIndex): { value: string; span: Span } | null {
  const entries: Array<{ text: string; span: Span }> = [];
  for (const c of cells) {
    const text = cellText(src, c);
    const prev = entries[entries.length - 1];
    const f = fold(text);
    const prevHasLevel = prev
      ? /\b(?:tinh|huyen|xa|phuong|thanh pho|thi xa|dac khu)\b/.test(fold(prev.text))
      : true;
    if (prev && LEVELS.test(f) && !prevHasLevel) {
      prev.text = `${prev.text} ${text}`;
      prev.span = { start: prev.span.start, end: c.end };
    } else entries.push({ text, span: c });
  }
  const last = entries[entries.length - 1];
  if (!last) return null;
  const superior = entries[entries.length - 2];
  if (superior && /^(?:van phong|thanh tra)$/.test(fold(last.text))) {
    return {
      value: normaliseIssuer(`${last.text} ${superior.text}`, index),
      span: { start: superior.span.start, end: last.span.end },
    };
  }
  return { value: normaliseIssuer(last.text, index), span: last.span };
}

export function typeFromNumber(number: string): DirectiveDocumentType | null {
  const slash = number.indexOf('/');
  if (slash < 0) return null;
  const code = fold(number.slice(slash + 1).split('-')[0] ?? '');
  switch (code) {
    case 'ct':
      return 'chi_thi';
    case 'kh':
      return 'ke_hoach';
    case 'tb':
      return 'thong_bao';
    case 'qd':
      return 'quyet_dinh';
    case 'nq':
    case 'bc':
    case 'ttr':
    case 'cd':
    case 'hd':
    case 'qc':
    case 'ctr':
    case 'gm':
    case 'pa':
    case 'da':
      return 'other';
    default:
      // Công văn carry no type code: "12/UBND-NC" is issuer and division.
      return code === '' ? null : 'cong_van';
  }
}

function parseDate(src: Source, c: Span): { place: Header['place']; date: HeaderDate } | null {
  const f = src.folded.slice(c.start, c.end);
  const m = DATE_SHORT.exec(f) ?? DATE_LONG.exec(f);
  if (!m) return null;
  const placeRaw = m[1];
  let place: Header['place'] = null;
  if (placeRaw && placeRaw.trim() !== '') {
    const ps = trimSpan(src, c.start, c.start + placeRaw.length);
    place = { value: collapse(src.plain.slice(ps.start, ps.end)), span: ps };
  }
  const dateStart = c.start + (placeRaw ? f.indexOf('ngay', placeRaw.length) : f.indexOf('ngay'));
  return {
    place,
    date: {
      day: m[2] ? Number(m[2]) : null,
      month: m[3] ? Number(m[3]) : null,
      year: Number(m[4]),
      span: { start: dateStart, end: c.start + m[0].length },
    },
  };
}

export function parseHeader(src: Source, index: UnitIndex): Header {
  const h: Header = {
    issuer: null,
    number: null,
    place: null,
    date: null,
    subject: null,
    titleType: null,
    hasVv: false,
    recipientsLine: null,
    bodyLine: src.lines.length,
  };
  const issuerCells: Span[] = [];
  const subjectCells: Span[] = [];
  let subjectPrefix = 0;
  let phase: 'top' | 'meta' | 'subject' = 'top';
  for (let i = 0; i < src.lines.length; i++) {
    const line = src.lines[i]!;
    const cells = cellsOf(src, line);
    if (cells.length === 0) {
      if (phase === 'subject' && subjectCells.length > 0) phase = 'meta';
      continue;
    }
    if (RECIPIENTS.test(src.folded.slice(cells[0]!.start, line.end))) {
      h.recipientsLine = i;
      h.bodyLine = i + 1;
      break;
    }
    let unclassified = false;
    for (const c of cells) {
      const f = src.folded.slice(c.start, c.end);
      const raw = cellText(src, c);
      if (MOTTO.test(f)) {
        // A motto cell may still start with the issuer's column ("ỦY BAN NHÂN DÂN CỘNG HÒA …").
        const at = f.search(MOTTO);
        if (phase === 'top' && at > 0 && isUpperText(raw))
          issuerCells.push(trimSpan(src, c.start, c.start + at));
        continue;
      }
      if (SEPARATOR.test(raw)) continue;
      const num = NUMBER.exec(f);
      if (num && !h.number) {
        const s = trimSpan(src, c.start + num[0].length, c.end);
        let start = s.start;
        while (start < s.end && /[.…_\s]/.test(src.plain[start]!)) start++;
        const value = src.plain
          .slice(start, s.end)
          .replace(/\s*([/-])\s*/g, '$1')
          .replace(/\s+/g, '');
        if (value !== '') h.number = { value, span: { start, end: s.end } };
        phase = 'meta';
        continue;
      }
      const d = h.date ? null : parseDate(src, c);
      if (d) {
        h.date = d.date;
        h.place = d.place;
        phase = 'meta';
        continue;
      }
      const vv = VV.exec(f);
      if (vv && !h.subject && subjectCells.length === 0) {
        h.hasVv = true;
        subjectCells.push({ start: c.start + vv[0].length, end: c.end });
        phase = 'subject';
        continue;
      }
      const title = TITLES[f.replace(/[:.]\s*$/, '').trim()];
      if (title && isUpperText(raw) && !h.titleType) {
        h.titleType = title;
        phase = 'subject';
        continue;
      }
      const opensBody = /^\p{Lu}/u.test(raw) && (BODY_OPENERS.test(f) || raw.length > 120);
      if (phase === 'subject' && subjectCells.length < 6 && !(subjectCells.length > 0 && opensBody)) {
        if (subjectCells.length === 0 && /^ve viec\b\s*:?\s*/.test(f)) {
          subjectPrefix = /^ve viec\b\s*:?\s*/.exec(f)![0].length;
        }
        subjectCells.push(c);
        continue;
      }
      if (phase === 'top' && isUpperText(raw)) {
        issuerCells.push(c);
        continue;
      }
      unclassified = true;
    }
    if (unclassified) {
      h.bodyLine = i;
      break;
    }
  }
  if (subjectCells.length > 0) {
    const first = subjectCells[0]!;
    const span = trimSpan(src, first.start + subjectPrefix, subjectCells[subjectCells.length - 1]!.end);
    const value = collapse(src.plain.slice(span.start, span.end))
      .replace(/^["“](.*)["”]$/u, '$1')
      .replace(/[.;]$/, '');
    if (value !== '') h.subject = { value, span };
  }
  h.issuer = pickIssuer(src, issuerCells, index);
  return h;
}
