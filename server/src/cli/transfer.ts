import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { findUserByUsername } from '../modules/auth/repository.ts';
import {
  exportOfficials,
  exportUnits,
  ImportInvalid,
  importOfficialsFromFile,
  importUnitsFromFile,
} from '../modules/org/transfer.ts';
import type { Actor, Deps } from '../platform/context.ts';
import type { Database } from '../platform/db.ts';
import { loadPrincipal } from '../platform/principal.ts';

/** The CLI acts as a named account, so imports are scoped and audited like the same work in the app. */
async function actorFor(db: Database['db'], tenantId: string, username: string): Promise<Actor | null> {
  const user = await findUserByUsername(db, tenantId, username);
  const principal = user ? await loadPrincipal(db, tenantId, user.id) : null;
  return principal ? { principal, requestId: `cli-${process.pid}` } : null;
}

export async function transfer(
  database: Database,
  config: Config,
  opts: {
    direction: 'import' | 'export';
    what: string;
    file: string | undefined;
    as: string | undefined;
    tenantId: string;
    dryRun: boolean;
  },
): Promise<number> {
  if (opts.what !== 'units' && opts.what !== 'officials') {
    console.error('Chỉ hỗ trợ "units" hoặc "officials" / only "units" or "officials" are supported');
    return 2;
  }
  if (!opts.file) {
    console.error('Cần tên tệp (.xlsx hoặc .csv) / a file name (.xlsx or .csv) is required');
    return 2;
  }
  const actor = await actorFor(database.db, opts.tenantId, opts.as ?? 'admin');
  if (!actor) {
    console.error(`Không tìm thấy tài khoản "${opts.as ?? 'admin'}" / no such account; pass --as <username>`);
    return 2;
  }
  const deps: Deps = { database, db: database.db, config, now: () => new Date() };
  if (opts.direction === 'export') {
    const format = opts.file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
    const file =
      opts.what === 'units'
        ? await exportUnits(deps, actor, format)
        : await exportOfficials(deps, actor, format);
    fs.writeFileSync(opts.file, file.buffer);
    console.log(`Đã xuất / exported ${file.rows} rows to ${path.resolve(opts.file)}`);
    return 0;
  }
  const buffer = fs.readFileSync(opts.file);
  const run = opts.what === 'units' ? importUnitsFromFile : importOfficialsFromFile;
  try {
    const report = await run(deps, actor, buffer, 'auto', {
      dryRun: opts.dryRun,
      filename: path.basename(opts.file),
    });
    console.log(
      `${opts.dryRun ? 'Kiểm tra (không ghi) / dry run' : 'Đã nhập / imported'}: ${report.imported} rows, ${report.created} created, ${report.updated} updated.`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ImportInvalid)) throw error;
    console.error('Tệp có dòng không hợp lệ, không ghi gì / the file has invalid rows; nothing was written:');
    for (const e of error.report.errors)
      console.error(`  dòng/row ${e.row} ${e.field}: ${e.messageVi} / ${e.messageEn}`);
    return 1;
  }
}
