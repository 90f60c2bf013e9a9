import type { LunarDate } from '@dieuhanh/core/calendar/lunar';
import { solarToLunar } from '@dieuhanh/core/calendar/lunar';
import type { DayOff, DayOffKind, WorkingWeekendDay } from '@dieuhanh/core/calendar/types';

/**
 * Pure helpers behind the year view. Dates are calendar dates (`YYYY-MM-DD`), computed in UTC so
 * that the browser's time zone never shifts a day. Lunar dates are computed here with the same
 * code the server uses (`core/src/calendar/lunar.ts`), not fetched one day at a time.
 */

export type DayStatus = DayOffKind | 'weekend' | 'makeup' | 'workday';

export interface DayCell {
  date: string;
  day: number;
  month: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  status: DayStatus;
  /** The day off's name or the make-up day's reason. */
  note: string | null;
  lunar: LunarDate;
}

export interface ScheduleLike {
  daysOff: readonly DayOff[];
  workingWeekendDays: readonly WorkingWeekendDay[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function isoWeekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return js === 0 ? 7 : js;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Every day of a month with its status under the schedule and its lunar date. */
export function monthCells(year: number, month: number, schedule: ScheduleLike): DayCell[] {
  const off = new Map(schedule.daysOff.map((d) => [d.date, d]));
  const makeUp = new Map(schedule.workingWeekendDays.map((d) => [d.date, d]));
  const cells: DayCell[] = [];
  for (let day = 1; day <= daysInMonth(year, month); day++) {
    const date = isoDate(year, month, day);
    const weekday = isoWeekdayOf(date);
    const dayOff = off.get(date);
    const worked = makeUp.get(date);
    let status: DayStatus;
    let note: string | null = null;
    if (dayOff) {
      status = dayOff.kind;
      note = dayOff.name;
    } else if (worked) {
      status = 'makeup';
      note = worked.reason;
    } else status = weekday >= 6 ? 'weekend' : 'workday';
    cells.push({ date, day, month, weekday, status, note, lunar: solarToLunar(date) });
  }
  return cells;
}

export function isWorking(status: DayStatus): boolean {
  return status === 'workday' || status === 'makeup';
}

export interface HolidayRun {
  name: string;
  from: string;
  to: string;
  days: number;
}

/**
 * The holidays as people speak of them: each run of consecutive days not worked that contains a
 * day off, weekends included ("Tết Nguyên đán: 25/01 – 02/02, 9 ngày"), named after its holiday.
 */
export function holidayRuns(cells: readonly DayCell[]): HolidayRun[] {
  const runs: HolidayRun[] = [];
  let current: DayCell[] = [];
  const flush = () => {
    const named = current.filter((c) => c.status === 'holiday' || c.status === 'compensatory');
    const anyOff = current.filter((c) => c.status !== 'weekend');
    if (anyOff.length > 0) {
      const counts = new Map<string, number>();
      for (const c of named.length ? named : anyOff)
        counts.set(c.note ?? '', (counts.get(c.note ?? '') ?? 0) + 1);
      const name = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
      runs.push({
        name,
        from: current[0]!.date,
        to: current[current.length - 1]!.date,
        days: current.length,
      });
    }
    current = [];
  };
  for (const cell of cells) {
    if (isWorking(cell.status)) flush();
    else current.push(cell);
  }
  flush();
  return runs;
}

const STEMS = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'];
const BRANCHES = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'];

/** The sexagenary name of a lunar year: 2024 → "Giáp Thìn", 2025 → "Ất Tỵ". */
export function canChi(lunarYear: number): string {
  return `${STEMS[(lunarYear + 6) % 10]} ${BRANCHES[(lunarYear + 8) % 12]}`;
}
