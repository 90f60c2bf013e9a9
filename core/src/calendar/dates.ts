import { Invalid } from '../errors.ts';
import { type Instant, VN_OFFSET_MS } from './types.ts';

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** A local calendar day as a count of days since 1970-01-01 (negative before). */
export type DayNumber = number;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`). Used
 * instead of `Date.UTC` because `Date` maps years 0–99 to 1900–1999 and allocates on formatting.
 */
export function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Inverse of `daysFromCivil`. */
export function civilFromDays(days: DayNumber): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: DayNumber): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day number. */
export function formatDayNumber(day: DayNumber): string {
  const c = civilFromDays(day);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function invalidDate(field: string, value: string): Invalid {
  return new Invalid(
    [
      {
        field,
        messageVi: `Ngày "${value}" không hợp lệ (định dạng YYYY-MM-DD).`,
        messageEn: `"${value}" is not a valid date (format YYYY-MM-DD).`,
      },
    ],
    'invalid_date',
  );
}

/** Day number of a local `YYYY-MM-DD` date; throws `Invalid` for malformed or nonexistent dates. */
export function dayNumberOf(date: string, field = '/date'): DayNumber {
  const m = DATE_RE.exec(date);
  if (!m) throw invalidDate(field, date);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw invalidDate(field, date);
  return daysFromCivil(year, month, day);
}

/** Local day number (UTC+7) of an instant. */
export function dayNumberAt(at: Instant): DayNumber {
  return Math.floor((at + VN_OFFSET_MS) / DAY_MS);
}

/** The instant at which a local day starts (00:00 +07:00). */
export function startOfDayNumber(day: DayNumber): Instant {
  return day * DAY_MS - VN_OFFSET_MS;
}

/** The instant of local midnight (00:00 +07:00) starting the given `YYYY-MM-DD` day. */
export function parseLocalDate(date: string): Instant {
  return startOfDayNumber(dayNumberOf(date));
}

/** Local date `YYYY-MM-DD` (UTC+7) of an instant. */
export function formatLocalDate(at: Instant): string {
  return formatDayNumber(dayNumberAt(at));
}

const TIME_RE = /^(\d{2}):(\d{2})$/;

/**
 * Milliseconds after local midnight of an `HH:MM` time. `24:00` is accepted only when
 * `allowEndOfDay` (an interval may end at midnight, a moment may not be written that way).
 */
export function timeOfDayMs(time: string, field = '/time', allowEndOfDay = false): number {
  const m = TIME_RE.exec(time);
  const h = m ? Number(m[1]) : Number.NaN;
  const min = m ? Number(m[2]) : Number.NaN;
  const ok = m !== null && min < 60 && (h < 24 || (allowEndOfDay && h === 24 && min === 0));
  if (!ok) {
    throw new Invalid(
      [
        {
          field,
          messageVi: `Giờ "${time}" không hợp lệ (định dạng HH:MM).`,
          messageEn: `"${time}" is not a valid time (format HH:MM).`,
        },
      ],
      'invalid_time',
    );
  }
  return (h * 60 + min) * MINUTE_MS;
}

/** The instant of a local date and `HH:MM` time in Vietnam, e.g. `('2024-04-15', '09:00')`. */
export function localDateTime(date: string, time: string): Instant {
  return startOfDayNumber(dayNumberOf(date)) + timeOfDayMs(time);
}

/**
 * ISO 8601 with the Vietnam offset, e.g. `2024-04-15T09:00:00+07:00`; milliseconds are shown only
 * when not zero (the string still sorts chronologically because '+' sorts before '.').
 */
export function toIsoVn(at: Instant): string {
  if (!Number.isFinite(at)) throw new RangeError(`Not an instant: ${at}`);
  const local = at + VN_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  const ms = local - day * DAY_MS;
  const h = Math.floor(ms / 3_600_000);
  const min = Math.floor((ms % 3_600_000) / MINUTE_MS);
  const s = Math.floor((ms % MINUTE_MS) / 1000);
  const frac = ms % 1000;
  const fracText = frac === 0 ? '' : `.${pad(Math.floor(frac), 3)}`;
  return `${formatDayNumber(day)}T${pad(h)}:${pad(min)}:${pad(s)}${fracText}+07:00`;
}
