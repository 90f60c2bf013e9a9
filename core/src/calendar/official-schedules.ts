/**
 * Official yearly schedules for civil servants (cán bộ, công chức, viên chức), as data. Each year
 * overrides the provisional rule entirely, so every weekday off in the year must be listed.
 * Administrators add and correct years at run time (from the database) by passing schedules to
 * `createWorkingCalendar`; this file is the default shipped with the code.
 *
 * Kinds: `holiday` a statutory holiday (Labour Code 2019, Art. 112); `compensatory` the weekday
 * given instead of a holiday that fell on a weekend (Art. 111(3)); `swapped` a working day
 * exchanged for a Saturday that is worked instead (listed in `workingWeekendDays`).
 */
import { COMPENSATORY_NAME, HOLIDAY_NAMES, SWAPPED_NAME } from './holidays.ts';
import type { YearSchedule } from './types.ts';

const { newYear, tet, hungKings, reunification, labour, nationalDay } = HOLIDAY_NAMES;

/**
 * Where each year comes from, and what was checked. "Verified" means confirmed against press
 * reports of the official decision while writing this file; the rest comes from the issue that
 * specified this calendar and has not been re-checked against the source text.
 */
export const OFFICIAL_SCHEDULE_SOURCES: Readonly<Record<number, string>> = {
  2024:
    'Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh 2024; ' +
    'ý kiến của Thủ tướng Chính phủ (4/2024) về hoán đổi ngày làm việc dịp 30/4–1/5. ' +
    'Verified: 27/4–1/5 off with Sat 4/5 worked; 2/9: 31/8–3/9 off. From the issue: Tết 8–14/2 ' +
    '(8/2 = 29 tháng Chạp). Assumed from Art. 112 with no swap: 1/1 (Mon) and Hùng Kings 18/4 (Thu).',
  2025:
    'Thông báo của Bộ Lao động – Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh 2025; ' +
    'ý kiến của Thủ tướng Chính phủ về hoán đổi ngày làm việc dịp 30/4–1/5 năm 2025. ' +
    'From the issue: Tết 25/1–2/2 (Mon 27/1 swapped, Sat 8/2 worked); Hùng Kings Mon 7/4; ' +
    '30/4–4/5 (Fri 2/5 swapped, Sat 26/4 worked); 2/9: 30/8–2/9. Assumed: 1/1 (Wed) one day, no swap.',
  2026:
    'Văn bản 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch 1–4/1, Fri 2/1 swapped, Sat 10/1 worked); ' +
    'ý kiến của Thủ tướng Chính phủ ngày 13/10/2025 theo đề xuất của Bộ Nội vụ (Tết 14–22/2; ' +
    'Quốc khánh 29/8–2/9 with 1/9 as the adjacent day, Mon 31/8 swapped, Sat 22/8 worked). ' +
    'Verified in press reports (Thanh Niên, Công an TP.HCM, kienthuc.net.vn, VPCP text quoted). ' +
    'Hùng Kings falls on Sun 26/4: Mon 27/4 compensatory (Art. 111(3)). Assumed: no swap around ' +
    '30/4 (Thu) – 1/5 (Fri). Not included: Ngày Văn hóa Việt Nam (24/11) — Politburo Resolution ' +
    '80-NQ/TW chose it as a paid day off and Government Resolution 30/NQ-CP (2/2026) asks for an ' +
    'amendment of Art. 112(1), but no amended Labour Code was found; add it here (or at run time) ' +
    'once it is law.',
};

export const OFFICIAL_SCHEDULES: readonly YearSchedule[] = [
  {
    year: 2024,
    provisional: false,
    daysOff: [
      { date: '2024-01-01', name: newYear, kind: 'holiday' },
      { date: '2024-02-08', name: tet, kind: 'holiday' },
      { date: '2024-02-09', name: tet, kind: 'holiday' },
      { date: '2024-02-12', name: tet, kind: 'holiday' },
      // Tết days 10–11/2 (mùng 1–2) fell on Saturday and Sunday.
      { date: '2024-02-13', name: `${COMPENSATORY_NAME} ${tet}`, kind: 'compensatory' },
      { date: '2024-02-14', name: `${COMPENSATORY_NAME} ${tet}`, kind: 'compensatory' },
      { date: '2024-04-18', name: hungKings, kind: 'holiday' },
      { date: '2024-04-29', name: `${SWAPPED_NAME} (làm bù thứ Bảy 04/05/2024)`, kind: 'swapped' },
      { date: '2024-04-30', name: reunification, kind: 'holiday' },
      { date: '2024-05-01', name: labour, kind: 'holiday' },
      { date: '2024-09-02', name: nationalDay, kind: 'holiday' },
      { date: '2024-09-03', name: nationalDay, kind: 'holiday' },
    ],
    workingWeekendDays: [{ date: '2024-05-04', reason: 'Làm bù cho ngày nghỉ hoán đổi thứ Hai 29/04/2024' }],
  },
  {
    year: 2025,
    provisional: false,
    daysOff: [
      { date: '2025-01-01', name: newYear, kind: 'holiday' },
      { date: '2025-01-27', name: `${SWAPPED_NAME} (làm bù thứ Bảy 08/02/2025)`, kind: 'swapped' },
      { date: '2025-01-28', name: tet, kind: 'holiday' },
      { date: '2025-01-29', name: tet, kind: 'holiday' },
      { date: '2025-01-30', name: tet, kind: 'holiday' },
      { date: '2025-01-31', name: tet, kind: 'holiday' },
      { date: '2025-04-07', name: hungKings, kind: 'holiday' },
      { date: '2025-04-30', name: reunification, kind: 'holiday' },
      { date: '2025-05-01', name: labour, kind: 'holiday' },
      { date: '2025-05-02', name: `${SWAPPED_NAME} (làm bù thứ Bảy 26/04/2025)`, kind: 'swapped' },
      { date: '2025-09-01', name: nationalDay, kind: 'holiday' },
      { date: '2025-09-02', name: nationalDay, kind: 'holiday' },
    ],
    workingWeekendDays: [
      { date: '2025-02-08', reason: 'Làm bù cho ngày nghỉ hoán đổi thứ Hai 27/01/2025' },
      { date: '2025-04-26', reason: 'Làm bù cho ngày nghỉ hoán đổi thứ Sáu 02/05/2025' },
    ],
  },
  {
    year: 2026,
    provisional: false,
    daysOff: [
      { date: '2026-01-01', name: newYear, kind: 'holiday' },
      { date: '2026-01-02', name: `${SWAPPED_NAME} (làm bù thứ Bảy 10/01/2026)`, kind: 'swapped' },
      { date: '2026-02-16', name: tet, kind: 'holiday' },
      { date: '2026-02-17', name: tet, kind: 'holiday' },
      { date: '2026-02-18', name: tet, kind: 'holiday' },
      { date: '2026-02-19', name: tet, kind: 'holiday' },
      { date: '2026-02-20', name: tet, kind: 'holiday' },
      { date: '2026-04-27', name: `${COMPENSATORY_NAME} ${hungKings}`, kind: 'compensatory' },
      { date: '2026-04-30', name: reunification, kind: 'holiday' },
      { date: '2026-05-01', name: labour, kind: 'holiday' },
      { date: '2026-08-31', name: `${SWAPPED_NAME} (làm bù thứ Bảy 22/08/2026)`, kind: 'swapped' },
      { date: '2026-09-01', name: nationalDay, kind: 'holiday' },
      { date: '2026-09-02', name: nationalDay, kind: 'holiday' },
    ],
    workingWeekendDays: [
      { date: '2026-01-10', reason: 'Làm bù cho ngày nghỉ hoán đổi thứ Sáu 02/01/2026' },
      { date: '2026-08-22', reason: 'Làm bù cho ngày nghỉ hoán đổi thứ Hai 31/08/2026' },
    ],
  },
];
