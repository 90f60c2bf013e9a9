import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every time the app shows is in Vietnam's time zone, wherever the browser is. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';

/** A calendar date as the API sends it (`YYYY-MM-DD`) → `dd/MM/yyyy`; no time zone applies. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const d = dayjs(isoDate);
  return d.isValid() ? d.format(DATE_FORMAT) : isoDate;
}

/** The day after a calendar date, e.g. the first day a unit no longer exists after `validTo`. */
export function dayAfter(isoDate: string): string {
  return dayjs(isoDate).add(1, 'day').format('YYYY-MM-DD');
}

/** An instant (ISO 8601) → `dd/MM/yyyy HH:mm` in Asia/Ho_Chi_Minh. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const d = dayjs.utc(instant);
  return d.isValid() ? d.tz(TIME_ZONE).format(DATE_TIME_FORMAT) : instant;
}

/** Today's date in Vietnam as `YYYY-MM-DD`. */
export function todayInVietnam(): string {
  return dayjs().tz(TIME_ZONE).format('YYYY-MM-DD');
}

/** A dayjs date from a DatePicker → `YYYY-MM-DD` (the API's date format), or null. */
export function toIsoDate(value: dayjs.Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

export function fromIsoDate(value: string | null | undefined): dayjs.Dayjs | null {
  return value ? dayjs(value) : null;
}
