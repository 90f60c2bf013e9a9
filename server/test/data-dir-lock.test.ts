import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLocked, openEmbedded } from '../src/platform/db.ts';

describe('embedded data folder lock', () => {
  it('refuses a data folder held by another live process, and takes over a stale lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-lock-'));
    const holder = spawn('sleep', ['60']);
    try {
      fs.writeFileSync(path.join(dir, 'dieuhanh.lock'), String(holder.pid));
      await expect(openEmbedded(dir)).rejects.toThrow(DataDirLocked);
      await expect(openEmbedded(dir)).rejects.toThrow(new RegExp(`in use by process ${holder.pid}`));
    } finally {
      holder.kill();
    }
    await new Promise((resolve) => holder.once('exit', resolve));
    // The holder is gone: its lock is stale and the folder opens.
    const database = await openEmbedded(dir);
    expect(fs.readFileSync(path.join(dir, 'dieuhanh.lock'), 'utf8')).toBe(String(process.pid));
    await database.close();
    expect(fs.existsSync(path.join(dir, 'dieuhanh.lock'))).toBe(false);
  });
});
