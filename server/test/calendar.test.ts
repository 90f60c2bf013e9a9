import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/index.ts';
import { call, login, type Session, TENANT, useApp } from './helper.ts';

const ctx = useApp();
let admin: Session;
let officer: Session;

beforeAll(async () => {
  admin = await login(ctx, 'admin');
  officer = await login(ctx, 'chuyenvien.snv');
});

const get = (url: string, session: Session | null = officer) => call(ctx, session, 'GET', url);
const q = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();

describe('calendar API: reading', () => {
  it('requires a login for every read', async () => {
    for (const url of [
      '/api/calendar/holidays?year=2026',
      '/api/calendar/lunar?date=2026-02-17',
      `/api/calendar/deadline?${q({ start: '2026-03-02T08:00:00+07:00', workingDays: 1 })}`,
      `/api/calendar/working-time?${q({ from: '2026-03-02', to: '2026-03-03' })}`,
      '/api/calendar/working-hours',
    ]) {
      const res = await get(url, null);
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('lists the official schedule of a year with swapped and make-up days, and the provisional rule beyond', async () => {
    const res = await get('/api/calendar/holidays?year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2026, provisional: false, source: 'official' });
    expect(body.daysOff).toContainEqual({
      date: '2026-02-17',
      name: expect.stringMatching(/Tết/),
      kind: 'holiday',
    });
    expect(body.daysOff).toContainEqual(expect.objectContaining({ date: '2026-01-02', kind: 'swapped' }));
    expect(body.workingWeekendDays).toContainEqual({ date: '2026-01-10', reason: expect.any(String) });
    const later = (await get('/api/calendar/holidays?year=2031')).json();
    expect(later).toMatchObject({
      year: 2031,
      provisional: true,
      source: 'provisional',
      workingWeekendDays: [],
    });
    expect(later.daysOff.length).toBeGreaterThan(5);
  });

  it('names the field of bad input in a problem+json', async () => {
    const cases: Array<[string, string]> = [
      ['/api/calendar/holidays?year=1800', '/querystring/year'],
      ['/api/calendar/holidays?year=abc', '/querystring/year'],
      ['/api/calendar/holidays', '/querystring/year'],
      ['/api/calendar/lunar?date=2026-02-30', '/querystring/date'],
      ['/api/calendar/lunar?date=17/02/2026', '/querystring/date'],
      [`/api/calendar/deadline?${q({ start: 'yesterday', workingDays: 1 })}`, '/querystring/start'],
      [`/api/calendar/deadline?${q({ start: '2026-03-02T08:00:00+07:00' })}`, '/querystring/workingDays'],
      [
        `/api/calendar/deadline?${q({ start: '2026-03-02T08:00:00+07:00', workingDays: 1, workingHours: 2 })}`,
        '/querystring/workingDays',
      ],
      [
        `/api/calendar/deadline?${q({ start: '2026-03-02T08:00:00+07:00', workingDays: -1 })}`,
        '/querystring/workingDays',
      ],
      [
        `/api/calendar/deadline?${q({ start: '2199-12-30T08:00:00+07:00', workingDays: 100 })}`,
        '/querystring/workingDays',
      ],
      [`/api/calendar/working-time?${q({ from: '2026-03-02', to: 'tomorrow' })}`, '/querystring/to'],
    ];
    for (const [url, field] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(
        res.json().errors.map((e: { field: string }) => e.field),
        url,
      ).toContain(field);
      expect(res.json().messageVi).toBeTruthy();
    }
  });

  it('converts solar dates to the Vietnamese lunar calendar', async () => {
    expect((await get('/api/calendar/lunar?date=2026-02-17')).json()).toEqual({
      day: 1,
      month: 1,
      year: 2026,
      leap: false,
    });
    // 2025 has a leap sixth month (from 25 July 2025).
    expect((await get('/api/calendar/lunar?date=2025-07-25')).json()).toEqual({
      day: 1,
      month: 6,
      year: 2025,
      leap: true,
    });
  });

  it('computes deadlines in working days and hours, skipping Tết, with a +07:00 answer', async () => {
    const due = async (params: Record<string, string | number>) => {
      const res = await get(`/api/calendar/deadline?${q(params)}`);
      expect(res.statusCode, JSON.stringify(params)).toBe(200);
      return res.json().due;
    };
    expect(await due({ start: '2026-03-02T08:00:00+07:00', workingDays: 5 })).toBe(
      '2026-03-09T08:00:00+07:00',
    );
    expect(await due({ start: '2026-03-02T01:00:00Z', workingDays: 5 })).toBe('2026-03-09T08:00:00+07:00');
    // Friday before Tết: the next working day is Monday 23 February.
    expect(await due({ start: '2026-02-13T10:00:00+07:00', workingDays: 1 })).toBe(
      '2026-02-23T10:00:00+07:00',
    );
    expect(await due({ start: '2026-03-02T09:00:00+07:00', workingHours: 4 })).toBe(
      '2026-03-02T15:00:00+07:00',
    );
    // Half a day is 4 working hours.
    expect(await due({ start: '2026-03-02T09:00:00+07:00', workingDays: 0.5 })).toBe(
      '2026-03-02T15:00:00+07:00',
    );
    // Saturday 10 January 2026 is a make-up working day.
    expect(await due({ start: '2026-01-09T08:00:00+07:00', workingDays: 1 })).toBe(
      '2026-01-10T08:00:00+07:00',
    );
    // An unencoded '+' arrives as a space and is still understood.
    const raw = await get('/api/calendar/deadline?start=2026-03-02T08:00:00+07:00&workingDays=1');
    expect(raw.json().due).toBe('2026-03-03T08:00:00+07:00');
  });

  it('counts working time between two instants', async () => {
    const res = await get(
      `/api/calendar/working-time?${q({ from: '2026-03-02T08:00:00+07:00', to: '2026-03-03T08:00:00+07:00' })}`,
    );
    expect(res.json()).toEqual({ days: 1, hours: 7.5, minutes: 450 });
    const tet = await get(`/api/calendar/working-time?${q({ from: '2026-02-13', to: '2026-02-24' })}`);
    // Friday 13 and Monday 23 February: two full working days.
    expect(tet.json()).toEqual({ days: 2, hours: 15, minutes: 900 });
  });
});

describe('calendar API: administration', () => {
  const schedule2027 = {
    daysOff: [
      { date: '2027-01-01', name: 'Tết Dương lịch', kind: 'holiday' },
      { date: '2027-03-03', name: 'Nghỉ theo quyết định của tỉnh', kind: 'holiday' },
    ],
    workingWeekendDays: [{ date: '2027-03-06', reason: 'Làm bù ngày 03/03/2027' }],
  };

  it('is for administrators only', async () => {
    const res = await call(ctx, officer, 'PUT', '/api/calendar/schedules/2027', schedule2027);
    expect(res.statusCode).toBe(403);
    expect((await call(ctx, officer, 'DELETE', '/api/calendar/schedules/2027')).statusCode).toBe(403);
    expect(
      (
        await call(ctx, officer, 'PUT', '/api/calendar/working-hours', {
          intervals: [{ start: '08:00', end: '12:00' }],
          weekdays: [1],
          hoursPerDay: 4,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('validates a schedule: dates in the year, days off on weekdays, make-up days on weekends, no date twice', async () => {
    const res = await call(ctx, admin, 'PUT', '/api/calendar/schedules/2027', {
      daysOff: [
        { date: '2028-01-03', name: 'Sai năm', kind: 'holiday' },
        { date: '2027-03-06', name: 'Thứ Bảy', kind: 'holiday' },
        { date: '2027-03-03', name: 'Một', kind: 'holiday' },
        { date: '2027-03-03', name: 'Hai', kind: 'holiday' },
      ],
      workingWeekendDays: [{ date: '2027-03-04', reason: 'Thứ Năm' }],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        '/daysOff/0/date',
        '/daysOff/1/date',
        '/daysOff/3/date',
        '/workingWeekendDays/0/date',
      ]),
    );
    const schemaError = await call(ctx, admin, 'PUT', '/api/calendar/schedules/2027', {
      daysOff: [{ date: '2027-03-03', name: 'x', kind: 'festival' }],
      workingWeekendDays: [],
    });
    expect(schemaError.statusCode).toBe(400);
    expect(schemaError.json().errors[0].field).toMatch(/^\/daysOff\/0/);
  });

  it('stores a schedule, audits it, and deadlines use it at once; deleting falls back to the provisional rule', async () => {
    const before = await get(
      `/api/calendar/deadline?${q({ start: '2027-03-02T08:00:00+07:00', workingDays: 1 })}`,
    );
    expect(before.json().due).toBe('2027-03-03T08:00:00+07:00');
    const put = await call(ctx, admin, 'PUT', '/api/calendar/schedules/2027', {
      ...schedule2027,
      version: 0,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ year: 2027, version: 1, daysOff: schedule2027.daysOff });
    const after = await get(
      `/api/calendar/deadline?${q({ start: '2027-03-02T08:00:00+07:00', workingDays: 2 })}`,
    );
    // Wednesday 3 is off, Saturday 6 is worked: Tuesday + 2 working days = Friday 5.
    expect(after.json().due).toBe('2027-03-05T08:00:00+07:00');
    const three = await get(
      `/api/calendar/deadline?${q({ start: '2027-03-02T08:00:00+07:00', workingDays: 3 })}`,
    );
    expect(three.json().due).toBe('2027-03-06T08:00:00+07:00');
    const holidays = (await get('/api/calendar/holidays?year=2027')).json();
    expect(holidays).toMatchObject({
      provisional: false,
      source: 'tenant',
      workingWeekendDays: schedule2027.workingWeekendDays,
    });
    const stale = await call(ctx, admin, 'PUT', '/api/calendar/schedules/2027', {
      ...schedule2027,
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    const v2 = await call(ctx, admin, 'PUT', '/api/calendar/schedules/2027', { ...schedule2027, version: 1 });
    expect(v2.json().version).toBe(2);
    expect(
      (await call(ctx, admin, 'GET', '/api/calendar/schedules'))
        .json()
        .items.map((s: { year: number }) => s.year),
    ).toEqual([2027]);

    expect((await call(ctx, admin, 'DELETE', '/api/calendar/schedules/2027')).statusCode).toBe(204);
    expect((await get('/api/calendar/holidays?year=2027')).json()).toMatchObject({
      provisional: true,
      source: 'provisional',
    });
    const reverted = await get(
      `/api/calendar/deadline?${q({ start: '2027-03-02T08:00:00+07:00', workingDays: 1 })}`,
    );
    expect(reverted.json().due).toBe('2027-03-03T08:00:00+07:00');
    expect((await call(ctx, admin, 'DELETE', '/api/calendar/schedules/2027')).statusCode).toBe(404);
    const audit = await ctx.deps.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, TENANT), eq(auditEvents.resourceType, 'calendar_schedule')));
    expect(audit.map((a) => a.action)).toEqual([
      'calendar.schedule_set',
      'calendar.schedule_set',
      'calendar.schedule_deleted',
    ]);
  });

  it('sets the tenant’s working hours, validated, and deadlines follow them', async () => {
    expect((await get('/api/calendar/working-hours')).json()).toMatchObject({
      hoursPerDay: 8,
      weekdays: [1, 2, 3, 4, 5],
    });
    const bad = await call(ctx, admin, 'PUT', '/api/calendar/working-hours', {
      intervals: [{ start: '13:00', end: '12:00' }],
      weekdays: [1, 2, 3, 4, 5],
      hoursPerDay: 8,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/intervals/0');
    const hours = {
      intervals: [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      weekdays: [1, 2, 3, 4, 5],
      hoursPerDay: 8,
    };
    const put = await call(ctx, admin, 'PUT', '/api/calendar/working-hours', hours);
    expect(put.statusCode).toBe(200);
    const due = await get(
      `/api/calendar/deadline?${q({ start: '2026-03-02T09:00:00+07:00', workingHours: 4 })}`,
    );
    expect(due.json().due).toBe('2026-03-02T14:00:00+07:00');
    const time = await get(
      `/api/calendar/working-time?${q({ from: '2026-03-02T08:00:00+07:00', to: '2026-03-03T08:00:00+07:00' })}`,
    );
    expect(time.json()).toEqual({ days: 1, hours: 8, minutes: 480 });
    expect((await get('/api/calendar/working-hours')).json()).toEqual(hours);
  });
});
