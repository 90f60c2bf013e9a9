import { endOfMonth, endOfQuarter, isoDate, isValidDate, romanToInt } from './dates.ts';
import { cleanText, type Source, trimSpan } from './source.ts';
import type { Deadline, DeadlineKind, Recurrence, RecurrenceFrequency, Span } from './types.ts';

/** Where a date written without a year takes its year from. */
export interface YearContext {
  /** The document's year, else the reference date's. */
  year: number | null;
  /** The document's date (a month's first day when only the month is known): later dates roll over. */
  after: string | null;
}

export interface TimeFindings {
  deadlines: Deadline[];
  recurrences: Recurrence[];
  /** "trong thời hạn 05 ngày làm việc": needs a start date and the working-day calendar. */
  relative: Span[];
  problems: Array<[code: string, message: string]>;
}

// Dates in the folded text: "15/4/2024", "15-4", "15.4.2024", "15 tháng 4 năm 2024".
const DMY = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])`;
const LONG = String.raw`(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*,?\s*nam\s+(\d{4}))?`;
const DATE = `(?:${DMY}|${LONG})`;
const YEAR_AFTER = String.raw`(?:\s*(?:/|-|,?\s*nam)\s*(\d{4}))?`;

interface Rule {
  re: RegExp;
  build: (m: RegExpExecArray) => Found | null;
  /** Skip matches right after words that make the period a subject ("báo cáo kết quả quý II/2024"). */
  periodGuard?: boolean;
}

interface Found {
  kind: DeadlineKind;
  year: number | null;
  month: number;
  day: number | null;
  quarter?: number;
}

function dateFrom(m: RegExpExecArray, first: number): { day: number; month: number; year: number | null } {
  const a = m[first] !== undefined ? first : first + 3;
  return {
    day: Number(m[a]),
    month: Number(m[a + 1]),
    year: m[a + 2] !== undefined ? Number(m[a + 2]) : null,
  };
}

const DEADLINE_RULES: Rule[] = [
  {
    re: new RegExp(String.raw`\btruoc\s+(?:ngay\s+)?${DATE}`, 'g'),
    build: (m) => ({ kind: 'before', ...dateFrom(m, 1) }),
  },
  {
    re: new RegExp(
      String.raw`\b(?:cham nhat|muon nhat|han chot|han cuoi|khong qua|khong muon hon)\s*(?:la\s+|vao\s+|den\s+|trong\s+)?(?:ngay\s+)?${DATE}`,
      'g',
    ),
    build: (m) => ({ kind: 'by', ...dateFrom(m, 1) }),
  },
  {
    // "trong ngày 16/3", "hoàn thành (vào) ngày 16/3" — but "họp vào ngày 16/3" is no deadline.
    re: new RegExp(String.raw`\b(?:trong|(?:hoan thanh|xong)(?:\s+vao)?)\s+ngay\s+${DATE}`, 'g'),
    build: (m) => ({ kind: 'by', ...dateFrom(m, 1) }),
  },
  {
    // "trước tháng 6/2024": before the month starts.
    re: new RegExp(String.raw`\btruoc\s+thang\s+(\d{1,2})${YEAR_AFTER}(?![\d/])`, 'g'),
    build: (m) => ({ kind: 'before', month: Number(m[1]), day: 1, year: m[2] ? Number(m[2]) : null }),
  },
  {
    re: new RegExp(String.raw`\btrong\s+thang\s+(\d{1,2})${YEAR_AFTER}(?![\d/])(?!\s*(?:hang|moi)\s)`, 'g'),
    build: (m) => ({
      kind: 'within_month',
      month: Number(m[1]),
      day: null,
      year: m[2] ? Number(m[2]) : null,
    }),
  },
  {
    periodGuard: true,
    re: new RegExp(String.raw`\b(?:(trong)\s+)?quy\s+(iv|i{1,3}|[1-4])(?![a-z0-9])${YEAR_AFTER}`, 'g'),
    build: (m) => {
      const q = /^\d$/.test(m[2]!) ? Number(m[2]) : romanToInt(m[2]!);
      if (!m[1] && !m[3]) return null; // "quý II" alone is a period, not a deadline
      return {
        kind: 'within_quarter',
        quarter: q,
        month: q * 3,
        day: null,
        year: m[3] ? Number(m[3]) : null,
      };
    },
  },
  {
    re: /\btrong\s+nam\s+(\d{4}|nay)\b/g,
    build: (m) => ({ kind: 'within_year', month: 12, day: 31, year: m[1] === 'nay' ? null : Number(m[1]) }),
  },
  {
    re: /\btrong\s+(?:06|6|sau)\s+thang\s+(dau|cuoi)\s+nam(?:\s+(\d{4}))?/g,
    build: (m) => ({
      kind: 'by',
      month: m[1] === 'dau' ? 6 : 12,
      day: null,
      year: m[2] ? Number(m[2]) : null,
    }),
  },
];

/** Words before a quarter that make it the subject of a report rather than a deadline. */
const PERIOD_BEFORE = /(?:ket qua|bao cao|so lieu|tinh hinh|cua|hang|moi|dinh ky)\s+$/;

const FREQ: Record<string, RecurrenceFrequency> = {
  tuan: 'weekly',
  thang: 'monthly',
  quy: 'quarterly',
  nam: 'yearly',
};

interface RecRule {
  re: RegExp;
  build: (m: RegExpExecArray) => { frequency: RecurrenceFrequency; dayOfMonth?: number };
}

const SIX = '(?:06|6|sau)';
const DAY_TAIL = String.raw`(?:\s*[(,;:-]?\s*(?:truoc|cham nhat|vao)\s+ngay\s+(\d{1,2})(?:\s*/\s*\d{1,2})?(?:\s+(?:cua\s+)?thang\s+(?:cuoi|dau)\s+(?:quy|ky)(?:\s+sau)?)?(?:\s*\))?)?`;

const RECURRENCE_RULES: RecRule[] = [
  {
    re: /\b(?:(?:dinh ky\s+)?(?:truoc|cham nhat|vao)\s+)?ngay\s+(\d{1,2})\s+(?:cua\s+)?(?:hang|moi)\s+thang\b/g,
    build: (m) => ({ frequency: 'monthly', dayOfMonth: Number(m[1]) }),
  },
  {
    re: /\b(?:(?:truoc|cham nhat|vao)\s+)?ngay\s+\d{1,2}\s*\/\s*\d{1,2}\s+(?:cua\s+)?(?:hang|moi)\s+nam\b/g,
    build: () => ({ frequency: 'yearly' }),
  },
  {
    re: new RegExp(
      String.raw`\b(?:dinh ky\s+)?(?:hang|moi)\s+${SIX}\s+thang(?:\s+(?:mot|1|01)\s+lan)?\b`,
      'g',
    ),
    build: () => ({ frequency: 'semiannual' }),
  },
  {
    re: new RegExp(String.raw`\b(?:dinh ky\s+)?${SIX}\s+thang\s+(?:mot|1|01)\s+lan\b`, 'g'),
    build: () => ({ frequency: 'semiannual' }),
  },
  {
    re: new RegExp(String.raw`\bdinh ky\s+${SIX}\s+thang\b`, 'g'),
    build: () => ({ frequency: 'semiannual' }),
  },
  {
    // "báo cáo 6 tháng, năm" — but "6 tháng đầu năm" is a period.
    re: new RegExp(
      String.raw`(?<=\b(?:bao cao|so ket)(?:\s+ket qua)?(?:\s+dinh ky)?\s+)${SIX}\s+thang\b(?!\s+(?:dau|cuoi))`,
      'g',
    ),
    build: () => ({ frequency: 'semiannual' }),
  },
  {
    re: new RegExp(
      String.raw`\b(?:dinh ky\s+)?(?:hang|moi)\s+(tuan|thang|quy|nam)\b(?!\s*\d)${DAY_TAIL}`,
      'g',
    ),
    build: (m) => {
      const frequency = FREQ[m[1]!]!;
      const day =
        m[2] !== undefined && (frequency === 'monthly' || frequency === 'quarterly')
          ? Number(m[2])
          : undefined;
      return day !== undefined ? { frequency, dayOfMonth: day } : { frequency };
    },
  },
  {
    re: new RegExp(String.raw`\bdinh ky\s+(tuan|thang|quy|nam)\b(?!\s*\d)${DAY_TAIL}`, 'g'),
    build: (m) => {
      const frequency = FREQ[m[1]!]!;
      const day =
        m[2] !== undefined && (frequency === 'monthly' || frequency === 'quarterly')
          ? Number(m[2])
          : undefined;
      return day !== undefined ? { frequency, dayOfMonth: day } : { frequency };
    },
  },
];

const RELATIVE = /\btrong\s+(?:thoi han|vong|thoi gian)?\s*\d{1,3}\s+ngay(?:\s+lam viec)?/g;

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function byPosition<T extends { span: Span }>(a: T, b: T): number {
  return a.span.start - b.span.start || b.span.end - a.span.end;
}

function resolveDate(f: Found, ctx: YearContext): { date: string } | { problem: string } {
  const explicit = f.year !== null;
  let year = f.year ?? ctx.year;
  if (year === null) return { problem: 'missing_year' };
  const make = (y: number): string | null => {
    if (f.kind === 'within_quarter') return endOfQuarter(y, f.quarter!);
    if (f.day === null) return endOfMonth(y, f.month);
    return isValidDate(y, f.month, f.day) ? isoDate(y, f.month, f.day) : null;
  };
  if (f.month < 1 || f.month > 12) return { problem: 'invalid_date' };
  let date = make(year);
  if (date === null) return { problem: 'invalid_date' };
  // A deadline written without a year that falls before the document itself means next year.
  if (!explicit && ctx.after && date < ctx.after) {
    year += 1;
    date = make(year);
    if (date === null) return { problem: 'invalid_date' };
  }
  return { date };
}

/** Deadlines and recurrences written in `[start, end)`, in text order. */
export function findTimes(src: Source, start: number, end: number, ctx: YearContext): TimeFindings {
  const text = src.folded.slice(start, end);
  const out: TimeFindings = { deadlines: [], recurrences: [], relative: [], problems: [] };
  const spanOf = (s: number, e: number): Span => trimSpan(src, start + s, start + e);

  for (const rule of RECURRENCE_RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const span = spanOf(m.index, m.index + m[0].length);
      out.recurrences.push({ ...rule.build(m), text: cleanText(src, span), span });
    }
  }
  out.recurrences.sort(byPosition);
  out.recurrences = out.recurrences.filter(
    (r, i, all) => !all.slice(0, i).some((p) => overlaps(p.span, r.span)),
  );

  for (const rule of DEADLINE_RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const span = spanOf(m.index, m.index + m[0].length);
      if (out.recurrences.some((r) => overlaps(r.span, span))) continue;
      if (
        rule.periodGuard &&
        !m[0].startsWith('trong') &&
        PERIOD_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index))
      ) {
        continue;
      }
      const f = rule.build(m);
      if (!f) continue;
      const resolved = resolveDate(f, ctx);
      const written = cleanText(src, span);
      if ('problem' in resolved) {
        out.problems.push([
          resolved.problem,
          resolved.problem === 'missing_year'
            ? `Không xác định được năm của hạn “${written}”`
            : `Ngày không hợp lệ trong hạn “${written}”`,
        ]);
        continue;
      }
      out.deadlines.push({ date: resolved.date, text: written, span, kind: f.kind });
    }
  }
  out.deadlines.sort(byPosition);
  out.deadlines = out.deadlines.filter((d, i, all) => !all.slice(0, i).some((p) => overlaps(p.span, d.span)));

  RELATIVE.lastIndex = 0;
  for (let m = RELATIVE.exec(text); m; m = RELATIVE.exec(text))
    out.relative.push(spanOf(m.index, m.index + m[0].length));
  return out;
}
