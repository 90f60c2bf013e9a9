/**
 * Statistics from rollups against the same figures recomputed with GROUP BY over the raw rows,
 * in the same run on the same database. Run with
 *
 *   npx tsx bench/rollups.ts [--items 1000000] [--keep]
 *
 * on PostgreSQL when DATABASE_URL is set (a fresh database `dh_bench_…` is created on that server
 * and dropped afterwards unless --keep), else on PGlite in a temporary folder. Figures go to
 * docs/performance.md ("Statistics from rollups"). Timings are reported, never asserted.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseLocalDate } from '@dieuhanh/core/calendar/index';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { seedDemo } from '../server/src/demo/seed.ts';
import { rebuildRollups, recountRollups } from '../server/src/kernel/index.ts';
import { rowsOf, unitNodes } from '../server/src/kernel/repository.ts';
import {
  type StatsQuery,
  type StatsResult,
  successorResolver,
  workItemStats,
} from '../server/src/kernel/stats.ts';
import type { Actor } from '../server/src/platform/context.ts';
import { type Database, openEmbedded, openPostgres } from '../server/src/platform/db.ts';
import { loadPrincipal } from '../server/src/platform/principal.ts';

const TENANT = 'lang-son';
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ITEMS = Number(arg('--items') ?? 1_000_000);
const KEEP = args.includes('--keep');
/** The bench's "now": every item is received in the 36 months before it. */
const NOW = new Date(parseLocalDate('2026-11-25') + 12 * 3_600_000);
const START = new Date(parseLocalDate('2023-11-26'));
const REFORM = new Date(parseLocalDate('2025-07-01'));

async function openBenchDatabase(): Promise<{
  database: Database;
  where: string;
  cleanup: () => Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-bench-'));
    const database = await openEmbedded(dir);
    return {
      database,
      where: `PGlite in ${dir}`,
      cleanup: async () => {
        await database.close();
        if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `dh_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openPostgres(target.toString());
  const version = rowsOf<{ v: string }>(
    await database.db.execute(sql`select current_setting('server_version') as v`),
  )[0]!.v;
  return {
    database,
    where: `PostgreSQL ${version}, database ${name}`,
    cleanup: async () => {
      await database.close();
      if (KEEP) return;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const ms = (t: number) => (t < 10 ? t.toFixed(2) : t < 100 ? t.toFixed(1) : t.toFixed(0));
const sec = (t: number) => `${(t / 1000).toFixed(1)} s`;

/**
 * N work items with realistic mixes: 70 % dossiers (3–15 working days), 15 % tasks (10–60),
 * 10 % feedback, 4 % recommendations, 1 % job-position plans; owners skewed towards a few busy
 * units (the service centre, large communes), 15 % of items before the reform owned by the
 * district units dissolved on 1 July 2025; receipt uniform over 36 months; completion after 20 %
 * to 150 % of the allowed time (so some late), 1.5 % cancelled, the rest still open.
 */
async function generate(db: Database['db'], n: number) {
  const nodes = await unitNodes(db, TENANT);
  const active = nodes.filter((u) => !u.successorId && !u.id.startsWith('huyen-')).map((u) => u.id);
  const districts = nodes
    .filter((u) => u.id.startsWith('huyen-') || u.id === 'thanh-pho-lang-son')
    .map((u) => u.id);
  const activeArray = sql.raw(`array[${active.map((u) => `'${u}'`).join(',')}]`);
  const districtArray = sql.raw(`array[${districts.map((u) => `'${u}'`).join(',')}]`);
  const span = (NOW.getTime() - START.getTime()) / 1000;
  // A bulk load the way an import would do it: foreign keys and secondary indexes are dropped
  // first and rebuilt afterwards (one validating pass and one sort each, instead of per row).
  const indexes = rowsOf<{ name: string; def: string }>(
    await db.execute(sql`select indexname as name, indexdef as def from pg_indexes
      where tablename = 'work_items' and indexname not like '%_pk'`),
  );
  const fks = rowsOf<{ name: string; def: string }>(
    await db.execute(sql`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = 'work_items'::regclass and contype = 'f'`),
  );
  for (const fk of fks) await db.execute(sql.raw(`alter table work_items drop constraint "${fk.name}"`));
  for (const ix of indexes) await db.execute(sql.raw(`drop index "${ix.name}"`));
  const batch = 500_000;
  for (let lo = 1; lo <= n; lo += batch) {
    const hi = Math.min(n, lo + batch - 1);
    await db.transaction(async (tx) => {
      await tx.execute(sql`select setseed(${(lo % 9973) / 9973})`);
      await tx.execute(sql`
        insert into work_items (tenant_id, id, kind, state, title, owner_unit_id, clock, due_at, started_at,
          stopped_at, outcome, overdue, counters, payload, version, created_at, updated_at)
        select ${TENANT}, 'b' || g, a.kind,
          case when f.stopped is null then 'processing' when f.cancelled then 'cancelled' else 'done' end,
          'Công việc số ' || g,
          case when a.created < ${REFORM.toISOString()}::timestamptz and r.r6 < 0.15
            then (${districtArray})[1 + floor(r.r7 * ${districts.length})::int]
            else (${activeArray})[1 + floor(power(r.r7, 2.2) * ${active.length})::int] end,
          jsonb_build_object('startedAt', (extract(epoch from a.created) * 1000)::bigint,
            'budget', jsonb_build_object('unit', 'days', 'amount', b.days), 'pauses', '[]'::jsonb,
            'extensions', '[]'::jsonb, 'stoppedAt', (extract(epoch from f.stopped) * 1000)::bigint),
          d.due, a.created, f.stopped,
          case when f.stopped is null then null when f.cancelled then 'cancelled'
            when f.stopped > d.due then 'late'
            when (f.stopped + interval '7 hours')::date = (d.due + interval '7 hours')::date then 'on_time'
            else 'early' end,
          f.stopped is null and d.due < ${NOW.toISOString()}::timestamptz,
          '{}'::jsonb, '{}'::jsonb, 2 + g % 6, a.created, coalesce(f.stopped, a.created)
        from generate_series(${lo}::int, ${hi}::int) g
        cross join lateral (select random() + 0 * g as r1, random() as r2, random() as r3, random() as r4,
          random() as r5, random() as r6, random() as r7) r
        cross join lateral (select
          case when r.r1 < 0.70 then 'dossier' when r.r1 < 0.85 then 'task' when r.r1 < 0.95 then 'feedback'
            when r.r1 < 0.99 then 'recommendation' else 'job_position_plan' end as kind,
          ${START.toISOString()}::timestamptz + (r.r2 * ${span}) * interval '1 second' as created) a
        cross join lateral (select case a.kind when 'dossier' then 3 + floor(r.r3 * 13)
          when 'task' then 10 + floor(r.r3 * 51) else 10 + floor(r.r3 * 31) end as days) b
        cross join lateral (select a.created + b.days * 1.4 * interval '1 day' as due,
          a.created + b.days * 1.4 * (0.2 + 1.3 * r.r4) * interval '1 day' as finish) d
        cross join lateral (select
          case when d.finish < ${NOW.toISOString()}::timestamptz and r.r5 < 0.985 then d.finish
            when r.r5 >= 0.985 and r.r5 < 0.9999 then a.created + interval '2 days' else null end as stopped,
          r.r5 >= 0.985 as cancelled) f0
        cross join lateral (select case when f0.stopped > ${NOW.toISOString()}::timestamptz then null else f0.stopped end
          as stopped, f0.cancelled) f`);
    });
    process.stdout.write(`\r  generated ${hi.toLocaleString('en')} / ${n.toLocaleString('en')}`);
  }
  process.stdout.write('\n');
  for (const ix of indexes) await db.execute(sql.raw(ix.def));
  for (const fk of fks)
    await db.execute(sql.raw(`alter table work_items add constraint "${fk.name}" ${fk.def}`));
}

/** The same figures as `workItemStats`, recomputed from the raw rows with GROUP BY. */
async function statsFromRaw(
  db: Database['db'],
  query: Required<Pick<StatsQuery, 'from' | 'to'>> & StatsQuery,
) {
  const nodes = await unitNodes(db, TENANT);
  const { byId, resolve } = successorResolver(nodes);
  const target = query.unitId ? resolve(byId.get(query.unitId)!) : null;
  const included = nodes.filter(
    (n) =>
      resolve(n) === n && (!target || (query.subtree ? n.path.startsWith(target.path) : n.id === target.id)),
  );
  const ids = new Set(included.map((n) => n.id));
  const sources = nodes.filter((n) => ids.has(resolve(n).id)).map((n) => n.id);
  const from = new Date(parseLocalDate(`${query.from}-01`)).toISOString();
  const [y, m] = query.to.split('-').map(Number) as [number, number];
  const end = new Date(
    parseLocalDate(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`),
  ).toISOString();
  const unitList = sql.raw(sources.map((u) => `'${u}'`).join(','));
  const rows = rowsOf<Record<string, string | number>>(
    await db.execute(sql`
      select owner_unit_id as "unitId",
        count(*) filter (where created_at >= ${from}::timestamptz and created_at < ${end}::timestamptz) as received,
        count(*) filter (where outcome = 'early' and stopped_at >= ${from}::timestamptz and stopped_at < ${end}::timestamptz) as "completedEarly",
        count(*) filter (where outcome = 'on_time' and stopped_at >= ${from}::timestamptz and stopped_at < ${end}::timestamptz) as "completedOnTime",
        count(*) filter (where outcome = 'late' and stopped_at >= ${from}::timestamptz and stopped_at < ${end}::timestamptz) as "completedLate",
        count(*) filter (where outcome = 'cancelled' and stopped_at >= ${from}::timestamptz and stopped_at < ${end}::timestamptz) as cancelled,
        count(*) filter (where stopped_at is null and not overdue and created_at < ${end}::timestamptz) as "openWithin",
        count(*) filter (where stopped_at is null and overdue and created_at < ${end}::timestamptz) as "openOverdue"
      from work_items
      where tenant_id = ${TENANT} ${query.kind ? sql`and kind = ${query.kind}` : sql``}
        and owner_unit_id in (${unitList})
      group by owner_unit_id`),
  );
  const keys = [
    'received',
    'completedEarly',
    'completedOnTime',
    'completedLate',
    'cancelled',
    'openWithin',
    'openOverdue',
  ] as const;
  const total = Object.fromEntries(keys.map((k) => [k, 0])) as Record<(typeof keys)[number], number>;
  const perUnit = new Map(included.map((n) => [n.id, { ...total }]));
  for (const row of rows) {
    const f = perUnit.get(resolve(byId.get(String(row.unitId))!).id)!;
    for (const k of keys) {
      f[k] += Number(row[k]);
      total[k] += Number(row[k]);
    }
  }
  return { units: included.map((n) => ({ unitId: n.id, ...perUnit.get(n.id)! })), total };
}

async function time<T>(fn: () => Promise<T>, budgetMs: number, maxReps: number) {
  await fn();
  const times: number[] = [];
  let result: T | undefined;
  const deadline = performance.now() + budgetMs;
  while (times.length < maxReps && (times.length < 3 || performance.now() < deadline)) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    result: result!,
    min: times[0]!,
    median: times[Math.floor(times.length / 2)]!,
    p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!,
    reps: times.length,
  };
}

async function main() {
  console.log(
    `Node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} CPU (${os.cpus()[0]?.model}), load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const { database, where, cleanup } = await openBenchDatabase();
  console.log(`Database: ${where}; ${ITEMS.toLocaleString('en')} work items`);
  try {
    const db = database.db;
    await seedDemo(db, TENANT);
    let t0 = performance.now();
    await generate(db, ITEMS);
    const insertMs = performance.now() - t0;
    await db.execute(sql`analyze work_items`);
    t0 = performance.now();
    await rebuildRollups(db, TENANT);
    const rollupMs = performance.now() - t0;
    await db.execute(sql`analyze work_item_rollups`);
    const rollupRows = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from work_item_rollups`),
    )[0]!.n;
    const size = rowsOf<{ items: string; rollups: string }>(
      await db.execute(sql`select pg_size_pretty(pg_total_relation_size('work_items')) as items,
        pg_size_pretty(pg_total_relation_size('work_item_rollups')) as rollups`),
    )[0]!;
    console.log(
      `Insert: ${sec(insertMs)} (${Math.round(ITEMS / (insertMs / 1000)).toLocaleString('en')} rows/s); rollups built from the rows in ${sec(rollupMs)}: ${rollupRows.toLocaleString('en')} rows`,
    );
    console.log(`Sizes: work_items ${size.items}, work_item_rollups ${size.rollups}`);
    const mix = rowsOf<{ kind: string; n: number; open: number; late: number }>(
      await db.execute(sql`select kind, count(*)::int as n, count(*) filter (where stopped_at is null)::int as open,
        count(*) filter (where outcome = 'late')::int as late from work_items group by kind order by n desc`),
    );
    console.log(
      `Mix: ${mix.map((k) => `${k.kind} ${k.n.toLocaleString('en')} (open ${k.open.toLocaleString('en')}, late ${k.late.toLocaleString('en')})`).join('; ')}`,
    );

    const [adminRow] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from users where username = 'admin'`),
    );
    const actor: Actor = { principal: (await loadPrincipal(db, TENANT, adminRow!.id))!, requestId: 'bench' };
    const deps = { db, now: () => NOW };
    const queries: Array<[string, Required<Pick<StatsQuery, 'from' | 'to'>> & StatsQuery]> = [
      ['province, dossiers, 12 months, every unit', { kind: 'dossier', from: '2025-12', to: '2026-11' }],
      ['province, all kinds, 36 months, every unit', { from: '2023-12', to: '2026-11' }],
      [
        'one department subtree, all kinds, 11 months',
        { unitId: 'so-noi-vu', subtree: true, from: '2026-01', to: '2026-11' },
      ],
      [
        'one commune + dissolved district, tasks, 36 months',
        { unitId: 'xa-trang-dinh', kind: 'task', from: '2023-12', to: '2026-11' },
      ],
    ];
    console.log(
      '\n| query | from rollups (median / p95 / min) | GROUP BY over rows (median / p95 / min) | ratio of medians |',
    );
    console.log('| --- | --- | --- | --- |');
    for (const [label, query] of queries) {
      const fast = await time(() => workItemStats(deps, actor, query), 3000, 200);
      const slow = await time(() => statsFromRaw(db, query), 20_000, 20);
      const a = fast.result as StatsResult;
      const b = slow.result;
      const same =
        JSON.stringify(a.total) === JSON.stringify(b.total) &&
        JSON.stringify(a.units.map(({ unitName: _n, ...u }) => u)) === JSON.stringify(b.units);
      if (!same)
        throw new Error(
          `figures differ for "${label}": ${JSON.stringify(a.total)} vs ${JSON.stringify(b.total)}`,
        );
      console.log(
        `| ${label} (received ${a.total.received.toLocaleString('en')}) | ${ms(fast.median)} / ${ms(fast.p95)} / ${ms(fast.min)} ms (${fast.reps}×) | ${ms(slow.median)} / ${ms(slow.p95)} / ${ms(slow.min)} ms (${slow.reps}×) | ${Math.round(slow.median / fast.median).toLocaleString('en')}× |`,
      );
    }
    // The incremental rollups equal a full recount (here trivially, as they were built by one;
    // the kernel tests prove it for histories of changes).
    const recount = await recountRollups(db, TENANT);
    console.log(
      `\nRecount check: ${recount.length.toLocaleString('en')} rollup rows recomputed; figures of every query matched.`,
    );
  } finally {
    await cleanup();
  }
}

await main();
