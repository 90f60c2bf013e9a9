/**
 * Deadline arithmetic: the table calendar against straightforward day-by-day loops, in the same
 * process on the same inputs. Run with `npx tsx bench/deadline.ts`; figures go to
 * docs/performance.md ("Deadline arithmetic"). Timings are reported, never asserted.
 *
 * Two loops, because "straightforward" spans a wide range: the integer loop is the best a
 * day-by-day walk can reasonably do (it is the fair baseline for the table's design); the
 * date-string loop is how such code is commonly written (Date objects, `YYYY-MM-DD` keys).
 */
import {
  createWorkingCalendar,
  type Instant,
  localDateTime,
  parseLocalDate,
  toIsoVn,
  type WorkingCalendar,
} from '../core/src/calendar/index.ts';

const DAY_MS = 86_400_000;
const OFFSET_MS = 7 * 3_600_000;

/** Sets of exceptional days keyed by integer day number, then a walk one day at a time. */
function createIntegerLoopCalendar(calendar: WorkingCalendar, fromYear: number, toYear: number) {
  const off = new Set<number>();
  const worked = new Set<number>();
  const dayOf = (date: string) => (parseLocalDate(date) + OFFSET_MS) / DAY_MS;
  for (let year = fromYear; year <= toYear; year++) {
    const s = calendar.schedule(year);
    for (const d of s.daysOff) off.add(dayOf(d.date));
    for (const w of s.workingWeekendDays) worked.add(dayOf(w.date));
  }
  const intervals = calendar.hours.intervals.map((i) => {
    const [sh, sm] = i.start.split(':').map(Number);
    const [eh, em] = i.end.split(':').map(Number);
    return [(sh! * 60 + sm!) * 60_000, (eh! * 60 + em!) * 60_000] as const;
  });
  const weekdays = new Set(calendar.hours.weekdays);
  const isWorkingDay = (day: number) => {
    if (off.has(day)) return false;
    if (worked.has(day)) return true;
    return weekdays.has(((((day + 3) % 7) + 7) % 7) + 1);
  };

  return {
    addWorkingDays(start: Instant, n: number): Instant {
      let day = Math.floor((start + OFFSET_MS) / DAY_MS);
      let t = start + OFFSET_MS - day * DAY_MS;
      // Move to the next opening.
      for (;;) {
        let found = false;
        if (isWorkingDay(day)) {
          for (const [s, e] of intervals) {
            if (t < e) {
              t = Math.max(t, s);
              found = true;
              break;
            }
          }
        }
        if (found) break;
        day++;
        t = 0;
      }
      for (let counted = 0; counted < n; ) {
        day++;
        if (isWorkingDay(day)) counted++;
      }
      return day * DAY_MS - OFFSET_MS + t;
    },
  };
}

/** The same walk written the common way: a Date per day and sets of `YYYY-MM-DD` strings. */
function createStringLoopCalendar(calendar: WorkingCalendar, fromYear: number, toYear: number) {
  const off = new Set<string>();
  const worked = new Set<string>();
  for (let year = fromYear; year <= toYear; year++) {
    const s = calendar.schedule(year);
    for (const d of s.daysOff) off.add(d.date);
    for (const w of s.workingWeekendDays) worked.add(w.date);
  }
  const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const intervals = calendar.hours.intervals.map((i) => [minutesOf(i.start), minutesOf(i.end)] as const);
  // A Date shifted by +7 h, so that its UTC fields are the local (Vietnam) ones.
  const isWorkingDay = (local: Date) => {
    const key = local.toISOString().slice(0, 10);
    if (off.has(key)) return false;
    if (worked.has(key)) return true;
    return calendar.hours.weekdays.includes(local.getUTCDay() || 7);
  };

  return {
    addWorkingDays(start: Instant, n: number): Instant {
      const local = new Date(start + OFFSET_MS);
      let minute = local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60;
      for (;;) {
        const interval = isWorkingDay(local) ? intervals.find(([, e]) => minute < e) : undefined;
        if (interval) {
          minute = Math.max(minute, interval[0]);
          break;
        }
        local.setUTCDate(local.getUTCDate() + 1);
        minute = 0;
      }
      for (let counted = 0; counted < n; ) {
        local.setUTCDate(local.getUTCDate() + 1);
        if (isWorkingDay(local)) counted++;
      }
      local.setUTCHours(0, 0, 0, 0);
      return local.getTime() - OFFSET_MS + Math.round(minute * 60_000);
    },
  };
}

/**
 * Calls `batch` (one pass over the inputs, `calls` deadline computations) for about `ms`
 * milliseconds and returns computations per second. Each implementation gets its own batch
 * function, so the call inside is monomorphic and the JIT can inline it: a shared harness
 * calling through one polymorphic site would add the same few nanoseconds to both sides and
 * understate the difference.
 */
function measure(name: string, calls: number, batch: () => number, ms = 1500): number {
  // Summing the results keeps the JIT from dropping the calls.
  let checksum = batch();
  let done = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    checksum += batch();
    done += calls;
    elapsed = performance.now() - t0;
  } while (elapsed < ms);
  if (!Number.isFinite(checksum)) throw new Error('unreachable: keeps the checksum alive');
  const perSecond = (done / elapsed) * 1000;
  console.log(`  ${name.padEnd(44)} ${format(perSecond).padStart(12)} /s`);
  return perSecond;
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A deterministic generator, so runs are comparable. */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
    return x / 2 ** 32;
  };
}

function inputs(count: number, minDays: number, maxDays: number, seed: number) {
  const random = lcg(seed);
  const from = parseLocalDate('2024-01-01');
  const to = parseLocalDate('2030-12-31');
  const starts = new Float64Array(count);
  const budgets = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    // Whole minutes, any time of day: a quarter of them outside working hours.
    starts[i] = from + Math.floor(random() * ((to - from) / 60_000)) * 60_000;
    budgets[i] = minDays + Math.floor(random() * (maxDays - minDays + 1));
  }
  return { starts, budgets };
}

let t0 = performance.now();
const calendar = createWorkingCalendar();
const firstBuild = performance.now() - t0;
// Distinct schedules force new tables; the same options reuse the cached ones.
const builds = 20;
t0 = performance.now();
for (let i = 0; i < builds; i++) {
  const date = toIsoVn(localDateTime('2030-03-04', '00:00') + i * 7 * DAY_MS).slice(0, 10);
  createWorkingCalendar({
    schedules: [
      {
        year: 2030,
        provisional: false,
        daysOff: [{ date, name: 'x', kind: 'holiday' }],
        workingWeekendDays: [],
      },
    ],
  });
}
const newBuild = (performance.now() - t0) / builds;
t0 = performance.now();
for (let i = 0; i < builds * 10; i++) createWorkingCalendar();
const cachedBuild = (performance.now() - t0) / (builds * 10);
const integerLoop = createIntegerLoopCalendar(calendar, 2024, 2032);
const stringLoop = createStringLoopCalendar(calendar, 2024, 2032);

console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
console.log(
  `Calendar construction (tables for 1900–2199): first in the process ${firstBuild.toFixed(1)} ms, ` +
    `new tables ${newBuild.toFixed(1)} ms, cached tables ${(cachedBuild * 1000).toFixed(0)} µs`,
);

// All three must agree before their speed means anything.
{
  const { starts, budgets } = inputs(20_000, 0, 60, 7);
  for (let i = 0; i < starts.length; i++) {
    const a = calendar.addWorkingDays(starts[i]!, budgets[i]!);
    for (const other of [integerLoop, stringLoop]) {
      const b = other.addWorkingDays(starts[i]!, budgets[i]!);
      if (a !== b)
        throw new Error(`Mismatch at ${toIsoVn(starts[i]!)} + ${budgets[i]}: ${toIsoVn(a)} vs ${toIsoVn(b)}`);
    }
  }
}

const COUNT = 100_000;
const results: Array<{ workload: string; table: number; integerLoop: number; stringLoop: number }> = [];
for (const [workload, minDays, maxDays] of [
  ['addWorkingDays, 1–30 working days', 1, 30],
  ['addWorkingDays, 60–250 working days', 60, 250],
] as const) {
  console.log(`\n${workload} (${COUNT.toLocaleString('en-US')} random starts in 2024–2030):`);
  const { starts, budgets } = inputs(COUNT, minDays, maxDays, 42);
  const table = measure('table calendar', COUNT, () => {
    let sum = 0;
    for (let i = 0; i < COUNT; i++) sum += calendar.addWorkingDays(starts[i]!, budgets[i]!);
    return sum;
  });
  const integer = measure('day-by-day loop, integer days', COUNT, () => {
    let sum = 0;
    for (let i = 0; i < COUNT; i++) sum += integerLoop.addWorkingDays(starts[i]!, budgets[i]!);
    return sum;
  });
  // The string loop is slow: a tenth of the inputs is plenty for a stable figure.
  const string = measure('day-by-day loop, Date and string keys', COUNT / 10, () => {
    let sum = 0;
    for (let i = 0; i < COUNT / 10; i++) sum += stringLoop.addWorkingDays(starts[i]!, budgets[i]!);
    return sum;
  });
  console.log(`  ratio table / integer loop: ${(table / integer).toFixed(0)}×`);
  console.log(`  ratio table / string loop:  ${(table / string).toFixed(0)}×`);
  results.push({ workload, table, integerLoop: integer, stringLoop: string });
}

console.log('\nOther table operations (budgets of 1–30 days):');
{
  const { starts, budgets } = inputs(COUNT, 1, 30, 43);
  measure('addWorkingMinutes (n × 450 min)', COUNT, () => {
    let sum = 0;
    for (let i = 0; i < COUNT; i++) sum += calendar.addWorkingMinutes(starts[i]!, budgets[i]! * 450);
    return sum;
  });
  measure('workingMinutesBetween (n calendar days apart)', COUNT, () => {
    let sum = 0;
    for (let i = 0; i < COUNT; i++)
      sum += calendar.workingMinutesBetween(starts[i]!, starts[i]! + budgets[i]! * DAY_MS);
    return sum;
  });
}

const example = localDateTime('2025-01-22', '09:00');
console.log(
  `\nExample: ${toIsoVn(example)} + 3 working days = ${toIsoVn(calendar.addWorkingDays(example, 3))}`,
);
console.log('Target: > 1 000 000/s and ≥ 100× the loop.');
for (const r of results) {
  const fast = r.table > 1_000_000;
  console.log(
    `  ${r.workload}: > 1 M/s ${fast ? 'yes' : 'NO'}; ≥ 100× integer loop ${r.table / r.integerLoop >= 100 ? 'yes' : 'NO'}; ≥ 100× string loop ${r.table / r.stringLoop >= 100 ? 'yes' : 'NO'}`,
  );
}
