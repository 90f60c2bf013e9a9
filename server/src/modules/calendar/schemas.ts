import { type Static, Type } from 'typebox';

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Year = Type.Integer({ minimum: 1900, maximum: 2199 });
/** An instant with an offset (`2026-03-02T08:00:00+07:00`, `…Z`) or a local date (midnight in Vietnam). */
const Instant = Type.String({
  minLength: 10,
  maxLength: 40,
  description: 'ISO 8601 instant, e.g. 2026-03-02T08:00:00+07:00',
});

export const DayOffSchema = Type.Object({
  date: DateString,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('compensatory'), Type.Literal('swapped')]),
});
export const WorkingWeekendDaySchema = Type.Object({
  date: DateString,
  reason: Type.String({ maxLength: 200 }),
});

export const HolidaysQuery = Type.Object({ year: Year });
export const HolidaysSchema = Type.Object({
  year: Type.Integer(),
  provisional: Type.Boolean(),
  /** Where the schedule comes from: set for this tenant, shipped official schedule, or the rule. */
  source: Type.Union([Type.Literal('tenant'), Type.Literal('official'), Type.Literal('provisional')]),
  daysOff: Type.Array(DayOffSchema),
  workingWeekendDays: Type.Array(WorkingWeekendDaySchema),
});

export const LunarQuery = Type.Object({ date: DateString });
export const LunarSchema = Type.Object({
  day: Type.Integer(),
  month: Type.Integer(),
  year: Type.Integer(),
  leap: Type.Boolean(),
});

export const DeadlineQuery = Type.Object({
  start: Instant,
  workingDays: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000 })),
  workingHours: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
});
export type DeadlineQuery = Static<typeof DeadlineQuery>;
export const DeadlineSchema = Type.Object({ due: Type.String({ description: 'ISO 8601 with +07:00' }) });

export const WorkingTimeQuery = Type.Object({ from: Instant, to: Instant });
export type WorkingTimeQuery = Static<typeof WorkingTimeQuery>;
export const WorkingTimeSchema = Type.Object({
  days: Type.Integer({ description: 'Whole working days' }),
  hours: Type.Number({ description: 'Working hours (fractional)' }),
  minutes: Type.Number({ description: 'Working minutes; negative when `to` is before `from`' }),
});

export const YearParams = Type.Object({ year: Year });
export const ScheduleBody = Type.Object(
  {
    daysOff: Type.Array(DayOffSchema, { maxItems: 60 }),
    workingWeekendDays: Type.Array(WorkingWeekendDaySchema, { maxItems: 60 }),
    /** The version being replaced (0 when none is stored); omit to overwrite unconditionally. */
    version: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type ScheduleBody = Static<typeof ScheduleBody>;
export const StoredScheduleSchema = Type.Object({
  year: Type.Integer(),
  daysOff: Type.Array(DayOffSchema),
  workingWeekendDays: Type.Array(WorkingWeekendDaySchema),
  version: Type.Integer(),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const StoredScheduleList = Type.Object({ items: Type.Array(StoredScheduleSchema) });

export const WorkingHoursSchema = Type.Object(
  {
    intervals: Type.Array(
      Type.Object({
        start: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
        end: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
      }),
      { minItems: 1, maxItems: 6 },
    ),
    weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
    hoursPerDay: Type.Number({ exclusiveMinimum: 0, maximum: 24 }),
  },
  { additionalProperties: false },
);
export type WorkingHoursBody = Static<typeof WorkingHoursSchema>;
