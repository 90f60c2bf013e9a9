/**
 * How a value given by a module becomes one cell of an exported list, the same way for .xlsx
 * and CSV: text in NFC, numbers as numbers, and dates on the Vietnamese wall clock.
 */

export type ColumnType = 'text' | 'number' | 'date' | 'datetime' | 'percent';
export type ExportLocale = 'vi' | 'en';

/** What a row may hold for a column. `percent` values are ratios (0.25 is 25 %), as in Excel. */
export type ExportValue = string | number | boolean | Date | null | undefined;

/** One cell, ready to write. Dates carry the wall-clock time in Vietnam in their UTC fields. */
export type Cell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; wall: Date }
  | null;

/**
 * Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact for any
 * date this platform stores and needs no time-zone database.
 */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Control characters other than tab and line breaks are invalid in XML and invisible in CSV. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** NFC (a decomposed "ệ" from a pasted text becomes one character) without control characters. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(CONTROL, '');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date from `YYYY-MM-DD`, or null when it is not one (2024-02-30 is not). */
export function parseIsoDate(iso: string): { y: number; m: number; d: number } | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return { y, m, d };
}

/** The wall clock in Vietnam at `instant`, as a Date whose UTC fields read that wall clock. */
export function vietnamWallClock(instant: Date): Date {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS);
}

/** YYYY-MM-DD of `instant` in Vietnam (for file names and "as of" lines). */
export function vietnamDate(instant: Date): string {
  return vietnamWallClock(instant).toISOString().slice(0, 10);
}

function wallOf(value: string | Date, type: 'date' | 'datetime', key: string): Date {
  let wall: Date;
  if (value instanceof Date) {
    wall = vietnamWallClock(value);
  } else {
    const day = parseIsoDate(value.trim());
    // A bare date is a calendar date, not an instant: it is the same day everywhere.
    if (day) wall = new Date(Date.UTC(day.y, day.m - 1, day.d));
    else if (/^\d{4}-\d{2}-\d{2}T/.test(value.trim())) wall = vietnamWallClock(new Date(value.trim()));
    else wall = new Date(Number.NaN);
  }
  if (Number.isNaN(wall.getTime())) {
    throw new TypeError(`Column "${key}": "${String(value)}" is not a date or an ISO date-time.`);
  }
  if (type === 'date')
    wall = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
  return wall;
}

const BOOLEAN_WORDS: Record<ExportLocale, [string, string]> = { vi: ['Có', 'Không'], en: ['Yes', 'No'] };

/**
 * The cell for `value` in a column of `type`. A value of the wrong kind is a bug in the calling
 * module, so it throws rather than writing something misleading.
 */
export function toCell(value: ExportValue, type: ColumnType, key: string, locale: ExportLocale): Cell {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'text':
      if (typeof value === 'boolean') return { kind: 'text', text: BOOLEAN_WORDS[locale][value ? 0 : 1] };
      if (value instanceof Date)
        return { kind: 'text', text: formatWall(wallOf(value, 'date', key), 'date') };
      return { kind: 'text', text: cleanText(String(value)) };
    case 'number':
    case 'percent': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) {
        throw new TypeError(`Column "${key}": ${JSON.stringify(value)} is not a finite number.`);
      }
      return { kind: 'number', value: n };
    }
    case 'date':
    case 'datetime':
      if (typeof value !== 'string' && !(value instanceof Date)) {
        throw new TypeError(`Column "${key}": ${JSON.stringify(value)} is not a date.`);
      }
      return { kind: 'date', wall: wallOf(value, type, key) };
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** dd/mm/yyyy, or dd/mm/yyyy HH:mm, from a wall-clock Date. */
export function formatWall(wall: Date, type: 'date' | 'datetime'): string {
  const date = `${pad2(wall.getUTCDate())}/${pad2(wall.getUTCMonth() + 1)}/${wall.getUTCFullYear()}`;
  return type === 'date' ? date : `${date} ${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`;
}
