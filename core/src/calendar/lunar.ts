/**
 * The Vietnamese lunisolar calendar, computed astronomically for UTC+7 with Hồ Ngọc Đức's
 * algorithm ("Thuật toán tính âm lịch"): months start on the local day of the new moon, month 11
 * contains the winter solstice, and in a 13-month year the first month without a major solar
 * term (zhongqi) is the leap month. The time zone is what makes it differ from the Chinese
 * calendar (UTC+8): e.g. Tết 1985 was 21 January in Vietnam but 20 February in China.
 *
 * The truncated series for the new moon and the sun's longitude are accurate enough for
 * 1800–2199 (the range Hồ Ngọc Đức checked); we guarantee 1900–2199 and test it.
 */
import { Invalid } from '../errors.ts';
import { civilFromDays, type DayNumber, dayNumberOf, daysFromCivil, formatDayNumber } from './dates.ts';

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  /** True for the intercalary (leap) month that repeats `month`. */
  leap: boolean;
}

const TIME_ZONE = 7;
/** Julian day number of 1970-01-01, to convert our day numbers. */
const JD_EPOCH = 2_440_588;
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01, the origin of the new-moon index k. */
const NEW_MOON_ORIGIN = 2_415_021.076998695;
const DR = Math.PI / 180;

export const LUNAR_FIRST_SOLAR_DATE = '1900-01-01';
export const LUNAR_LAST_SOLAR_DATE = '2199-12-31';
const FIRST_DAY = dayNumberOf(LUNAR_FIRST_SOLAR_DATE);
const LAST_DAY = dayNumberOf(LUNAR_LAST_SOLAR_DATE);

/** Julian day number (local) of the k-th new moon after the one of 1900-01-01. */
function newMoonDay(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DR) + 0.0021 * Math.sin(2 * DR * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DR) + 0.0161 * Math.sin(DR * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(DR * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DR * 2 * F) - 0.0051 * Math.sin(DR * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DR * (M - Mpr)) + 0.0004 * Math.sin(DR * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DR * (2 * F - M)) - 0.0006 * Math.sin(DR * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DR * (2 * F - Mpr)) + 0.0005 * Math.sin(DR * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return Math.floor(jd1 + c1 - deltaT + 0.5 + TIME_ZONE / 24);
}

/** Which of the 12 thirty-degree sectors the sun is in at local midnight starting day `jdn`. */
function sunLongitudeSector(jdn: number): number {
  const T = (jdn - 2_451_545.5 - TIME_ZONE / 24) / 36_525;
  const T2 = T * T;
  const M = 357.5291 + 35_999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36_000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
  let L = (L0 + DL) * DR;
  L -= Math.PI * 2 * Math.floor(L / (Math.PI * 2));
  return Math.floor((L / Math.PI) * 6);
}

// Every conversion needs month 11 of two years and often the leap month offset: memoised, since
// building a calendar converts Tết and Hùng Kings' day for 300 years. Bounded by the year range.
const month11Cache = new Map<number, number>();
const leapOffsetCache = new Map<number, number>();

/** Julian day number of the first day of lunar month 11 of the lunar year ending in Gregorian `year`. */
function lunarMonth11(year: number): number {
  let jd = month11Cache.get(year);
  if (jd === undefined) {
    jd = computeLunarMonth11(year);
    month11Cache.set(year, jd);
  }
  return jd;
}

function computeLunarMonth11(year: number): number {
  const off = dayNumberToJd(daysFromCivil(year, 12, 31)) - 2_415_021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  // The winter solstice (sector 9 begins at 270°) must fall inside month 11.
  return sunLongitudeSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** Index (1-based, counted from month 11) of the leap month in a 13-month year starting at `a11`. */
function leapMonthOffset(a11: number): number {
  let offset = leapOffsetCache.get(a11);
  if (offset === undefined) {
    offset = computeLeapMonthOffset(a11);
    leapOffsetCache.set(a11, offset);
  }
  return offset;
}

function computeLeapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_ORIGIN) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunLongitudeSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunLongitudeSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

function dayNumberToJd(day: DayNumber): number {
  return day + JD_EPOCH;
}

function outOfRange(field: string, what: string): Invalid {
  return new Invalid(
    [
      {
        field,
        messageVi: `${what} nằm ngoài phạm vi âm lịch được hỗ trợ (1900–2199).`,
        messageEn: `${what} is outside the supported lunar calendar range (1900–2199).`,
      },
    ],
    'calendar_out_of_range',
  );
}

/** Lunar date of a solar day number (no range check; callers check). */
export function lunarOfDayNumber(day: DayNumber): LunarDate {
  const year = civilFromDays(day).year;
  const dayJd = dayNumberToJd(day);
  // The mean-month estimate can be off by one lunation near the true new moon; the original
  // checks only one neighbour and gives "day 0" on a few days (e.g. in 2054), so walk to the
  // last new moon on or before the day.
  let k = Math.floor((dayJd - NEW_MOON_ORIGIN) / SYNODIC_MONTH);
  while (newMoonDay(k + 1) <= dayJd) k++;
  while (newMoonDay(k) > dayJd) k--;
  const monthStart = newMoonDay(k);
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const lunarDay = dayJd - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { day: lunarDay, month, year: lunarYear, leap };
}

/**
 * Solar day number of a lunar date, or `undefined` when the date does not exist (a leap flag on a
 * month that is not the leap month, or day 30 of a 29-day month).
 */
export function dayNumberOfLunar(lunar: LunarDate): DayNumber | undefined {
  const { day, month, year, leap } = lunar;
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1);
    b11 = lunarMonth11(year);
  } else {
    a11 = lunarMonth11(year);
    b11 = lunarMonth11(year + 1);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_ORIGIN) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    if (leap && month !== leapMonthAt(leapOff)) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return undefined;
  }
  const monthStart = newMoonDay(k + off);
  const monthLength = newMoonDay(k + off + 1) - monthStart;
  if (day > monthLength) return undefined;
  return monthStart + day - 1 - JD_EPOCH;
}

/** Lunar date (Vietnam, UTC+7) of a solar `YYYY-MM-DD` date in 1900–2199. */
export function solarToLunar(date: string): LunarDate {
  const day = dayNumberOf(date);
  if (day < FIRST_DAY || day > LAST_DAY) throw outOfRange('/date', `Ngày ${date}`);
  return lunarOfDayNumber(day);
}

/** Solar `YYYY-MM-DD` date of a Vietnamese lunar date; throws `Invalid` if it does not exist. */
export function lunarToSolar(lunar: LunarDate): string {
  const { day, month, year } = lunar;
  const integers = Number.isInteger(day) && Number.isInteger(month) && Number.isInteger(year);
  if (!integers || day < 1 || day > 30 || month < 1 || month > 12) {
    throw invalidLunar(lunar);
  }
  // Lunar year 1899's last months and 2199's first ones map into the solar range; others do not.
  if (year < 1899 || year > 2199) throw outOfRange('/year', `Năm âm lịch ${year}`);
  const solar = dayNumberOfLunar(lunar);
  if (solar === undefined) throw invalidLunar(lunar);
  if (solar < FIRST_DAY || solar > LAST_DAY) throw outOfRange('/year', `Ngày âm lịch ${describe(lunar)}`);
  return formatDayNumber(solar);
}

function describe(lunar: LunarDate): string {
  return `${lunar.day}/${lunar.month}${lunar.leap ? ' (nhuận)' : ''}/${lunar.year}`;
}

function invalidLunar(lunar: LunarDate): Invalid {
  return new Invalid(
    [
      {
        field: '/lunar',
        messageVi: `Ngày âm lịch ${describe(lunar)} không tồn tại.`,
        messageEn: `The lunar date ${describe(lunar)} does not exist.`,
      },
    ],
    'invalid_lunar_date',
  );
}

/** Day number of Tết (day 1 of month 1) of a lunar year. */
export function tetDayNumber(lunarYear: number): DayNumber {
  // Month 1 is never a leap month and always has a day 1, so this cannot be undefined.
  return dayNumberOfLunar({ day: 1, month: 1, year: lunarYear, leap: false })!;
}

/** The leap month of a lunar year (1–12), or `undefined` in a year without one. */
export function leapMonthOf(lunarYear: number): number | undefined {
  // A leap month 1–10 lies in the span that starts at month 11 of the previous year; a leap
  // month 11 or 12 lies in the span that starts at this year's month 11.
  const early = leapMonthInSpan(lunarMonth11(lunarYear - 1), lunarMonth11(lunarYear));
  if (early !== undefined && early <= 10) return early;
  const late = leapMonthInSpan(lunarMonth11(lunarYear), lunarMonth11(lunarYear + 1));
  return late !== undefined && late >= 11 ? late : undefined;
}

function leapMonthInSpan(a11: number, b11: number): number | undefined {
  return b11 - a11 > 365 ? leapMonthAt(leapMonthOffset(a11)) : undefined;
}

/**
 * Month number of the leap month at offset `leapOff` after month 11. Hồ Ngọc Đức's original
 * maps offset 2 to 0 and so cannot convert a leap month 12; we map it to 12.
 */
function leapMonthAt(leapOff: number): number {
  const m = leapOff - 2;
  return m <= 0 ? m + 12 : m;
}
