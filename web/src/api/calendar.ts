import type { DayOff, WorkingHours, WorkingTime, WorkingWeekendDay } from '@dieuhanh/core/calendar/types';
import { api } from './client.ts';

/** `GET /api/calendar/holidays?year=`: the schedule in force for a year and where it comes from. */
export interface HolidaysView {
  year: number;
  provisional: boolean;
  /** Set for this tenant, the shipped official schedule, or the provisional rule. */
  source: 'tenant' | 'official' | 'provisional';
  daysOff: DayOff[];
  workingWeekendDays: WorkingWeekendDay[];
}

export interface StoredSchedule {
  year: number;
  daysOff: DayOff[];
  workingWeekendDays: WorkingWeekendDay[];
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface ScheduleBody {
  daysOff: DayOff[];
  workingWeekendDays: WorkingWeekendDay[];
  /** The version replaced (0 when none is stored). */
  version?: number;
}

export const calendarApi = {
  holidays: (year: number, signal?: AbortSignal) =>
    api.get<HolidaysView>('/calendar/holidays', { year }, signal),
  deadline: (query: { start: string; workingDays?: number; workingHours?: number }, signal?: AbortSignal) =>
    api.get<{ due: string }>('/calendar/deadline', query, signal),
  workingTime: (query: { from: string; to: string }, signal?: AbortSignal) =>
    api.get<WorkingTime>('/calendar/working-time', query, signal),
  workingHours: (signal?: AbortSignal) => api.get<WorkingHours>('/calendar/working-hours', {}, signal),
  schedules: (signal?: AbortSignal) =>
    api.get<{ items: StoredSchedule[] }>('/calendar/schedules', {}, signal),
  putSchedule: (year: number, body: ScheduleBody) =>
    api.put<StoredSchedule>(`/calendar/schedules/${year}`, body),
  deleteSchedule: (year: number) => api.delete<void>(`/calendar/schedules/${year}`),
};
