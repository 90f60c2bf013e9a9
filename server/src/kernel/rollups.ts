/**
 * Rollups: counters per (unit, kind, month) kept exact by adding, in the transaction of every
 * change, the difference between what the item contributed before and after the change. Each
 * item contributes:
 *
 * - `received` +1 for its owner unit in the month it was created;
 * - while open (clock not stopped): `open_within` or `open_overdue` +1 in its creation month,
 *   by the item's `overdue` flag;
 * - once stopped: `completed_early|on_time|late` or `cancelled` +1 in the month it stopped.
 *
 * Because every counter is "sum of contributions", a transfer to another unit, an extension that
 * puts an overdue item back within, or a completion all reduce to the same delta arithmetic,
 * and a full recount with GROUP BY (`recountRollups`) must always give the same numbers.
 */
import { formatLocalDate } from '@dieuhanh/core/calendar/index';
import type { Outcome } from './types.ts';

export type RollupColumn =
  | 'received'
  | 'completedEarly'
  | 'completedOnTime'
  | 'completedLate'
  | 'cancelled'
  | 'openWithin'
  | 'openOverdue';

export const ROLLUP_COLUMNS: readonly RollupColumn[] = [
  'received',
  'completedEarly',
  'completedOnTime',
  'completedLate',
  'cancelled',
  'openWithin',
  'openOverdue',
];

/** What of an item the rollups depend on. */
export interface RollupFacts {
  ownerUnitId: string;
  kind: string;
  createdAt: Date;
  stoppedAt: Date | null;
  outcome: Outcome | null;
  overdue: boolean;
}

export type RollupDeltaRow = { unitId: string; kind: string; period: string } & Record<RollupColumn, number>;

/** The local (Vietnam) month `YYYY-MM` of an instant. */
export function periodOf(at: Date): string {
  return formatLocalDate(at.getTime()).slice(0, 7);
}

const COMPLETED: Record<Outcome, RollupColumn> = {
  early: 'completedEarly',
  on_time: 'completedOnTime',
  late: 'completedLate',
  cancelled: 'cancelled',
};

function contributions(f: RollupFacts): Array<[string, RollupColumn]> {
  const created = `${f.ownerUnitId}\u0000${f.kind}\u0000${periodOf(f.createdAt)}`;
  const out: Array<[string, RollupColumn]> = [[created, 'received']];
  if (f.stoppedAt === null) out.push([created, f.overdue ? 'openOverdue' : 'openWithin']);
  else {
    const stopped = `${f.ownerUnitId}\u0000${f.kind}\u0000${periodOf(f.stoppedAt)}`;
    out.push([stopped, COMPLETED[f.outcome ?? 'on_time']]);
  }
  return out;
}

/** The change to the counters when an item goes from `before` to `after` (null = absent). */
export function rollupDelta(before: RollupFacts | null, after: RollupFacts | null): RollupDeltaRow[] {
  const byKey = new Map<string, RollupDeltaRow>();
  const apply = (facts: RollupFacts | null, sign: 1 | -1) => {
    if (!facts) return;
    for (const [key, column] of contributions(facts)) {
      let row = byKey.get(key);
      if (!row) {
        const [unitId, kind, period] = key.split('\u0000') as [string, string, string];
        row = {
          unitId,
          kind,
          period,
          received: 0,
          completedEarly: 0,
          completedOnTime: 0,
          completedLate: 0,
          cancelled: 0,
          openWithin: 0,
          openOverdue: 0,
        };
        byKey.set(key, row);
      }
      row[column] += sign;
    }
  };
  apply(before, -1);
  apply(after, 1);
  // Sorted, so concurrent writers touch rollup rows in the same order.
  return [...byKey.entries()]
    .filter(([, row]) => ROLLUP_COLUMNS.some((c) => row[c] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
}
