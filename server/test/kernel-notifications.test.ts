import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, settings, users } from '../src/db/schema/index.ts';
import {
  createWorkItem,
  runDueJobs,
  SIGNATURE_HEADER,
  transition,
  type WorkItem,
} from '../src/kernel/index.ts';
import { BACKOFF_BASE_MS } from '../src/kernel/jobs.ts';
import { call, login, type Session, useApp } from './helper.ts';
import { kernelDeps, registerTaskKind, TENANT, userId, vn } from './kernel-support.ts';

const ctx = useApp();
let officer: string;
let monitor: string;
let officerSession: Session;

beforeAll(async () => {
  registerTaskKind();
  officer = await userId(ctx.deps.db, 'chuyenvien.snv');
  monitor = await userId(ctx.deps.db, 'vanphong');
  officerSession = await login(ctx, 'chuyenvien.snv');
});

async function newTask(title: string, at = vn('2026-03-02', '08:00')): Promise<WorkItem> {
  ctx.setNow(at);
  return ctx.deps.db.transaction((tx) =>
    createWorkItem(tx, {
      tenantId: TENANT,
      kind: 'task',
      title,
      ownerUnitId: 'so-noi-vu',
      assigneeId: officer,
      actor: { userId: monitor },
      now: at,
      budget: { unit: 'days', amount: 5 },
    }),
  );
}

describe('in-app notifications API', () => {
  it('needs a login', async () => {
    for (const [method, url] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread-count'],
      ['POST', '/api/notifications/read-all'],
      ['POST', '/api/notifications/x/read'],
    ] as const) {
      expect((await call(ctx, null, method, url)).statusCode, url).toBe(401);
    }
  });

  it('lists my notifications newest first with the unread count, marks one and all read', async () => {
    await newTask('Thông báo một', vn('2026-03-02', '08:00'));
    await newTask('Thông báo hai', vn('2026-03-02', '09:00'));
    await newTask('Thông báo ba', vn('2026-03-02', '10:00'));
    const list = await call(ctx, officerSession, 'GET', '/api/notifications');
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.items.map((n: { titleVi: string }) => n.titleVi)).toEqual([
      'Đã giao: Thông báo ba',
      'Đã giao: Thông báo hai',
      'Đã giao: Thông báo một',
    ]);
    expect(body).toMatchObject({ total: 3, unread: 3 });
    expect(body.items[0]).toMatchObject({
      kind: 'created',
      itemKind: 'task',
      titleEn: 'Assigned: Thông báo ba',
      readAt: null,
    });
    expect((await call(ctx, officerSession, 'GET', '/api/notifications/unread-count')).json()).toEqual({
      count: 3,
    });

    // Someone else cannot read (or learn of) my notification.
    const other = await login(ctx, 'giamdoc.snv');
    expect((await call(ctx, other, 'POST', `/api/notifications/${body.items[0].id}/read`)).statusCode).toBe(
      404,
    );
    expect((await call(ctx, other, 'GET', '/api/notifications')).json().total).toBe(0);

    ctx.setNow(vn('2026-03-02', '11:00'));
    expect(
      (await call(ctx, officerSession, 'POST', `/api/notifications/${body.items[0].id}/read`)).statusCode,
    ).toBe(204);
    expect((await call(ctx, officerSession, 'GET', '/api/notifications/unread-count')).json()).toEqual({
      count: 2,
    });
    const unread = (await call(ctx, officerSession, 'GET', '/api/notifications?unread=true&limit=1')).json();
    expect(unread).toMatchObject({ total: 2, unread: 2 });
    expect(unread.items).toHaveLength(1);
    const all = await call(ctx, officerSession, 'POST', '/api/notifications/read-all');
    expect(all.json()).toEqual({ updated: 2 });
    expect((await call(ctx, officerSession, 'GET', '/api/notifications/unread-count')).json()).toEqual({
      count: 0,
    });
    const read = (await call(ctx, officerSession, 'GET', '/api/notifications')).json().items[0];
    expect(read.readAt).toBe(vn('2026-03-02', '11:00').toISOString());
    expect((await call(ctx, officerSession, 'POST', '/api/notifications/no-such-id/read')).statusCode).toBe(
      404,
    );
  });
});

describe('e-mail over SMTP', () => {
  const received: Array<{ from: string; to: string[]; data: string }> = [];
  let smtp: SMTPServer;
  let port: number;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => {
          data += chunk.toString('utf8');
        });
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
    await ctx.deps.db.update(users).set({ email: 'mai.lt@snv.langson.gov.vn' }).where(eq(users.id, officer));
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('skips e-mail when SMTP_URL is not set', async () => {
    delete process.env.SMTP_URL;
    await newTask('Không gửi thư');
    const emailJobs = await ctx.deps.db.select().from(jobs).where(eq(jobs.kind, 'notify.email'));
    expect(emailJobs).toEqual([]);
  });

  it('delivers a notification to a real SMTP server as a job, retrying with backoff when it is down', async () => {
    process.env.MAIL_FROM = 'Điều hành Lạng Sơn <dieuhanh@langson.gov.vn>';
    // First the mail server is unreachable: the change commits, the delivery waits.
    process.env.SMTP_URL = 'smtp://127.0.0.1:1';
    const at = vn('2026-03-03', '08:00');
    const item = await newTask('Kiểm tra việc thực hiện quy chế dân chủ', at);
    expect(item.version).toBe(1);
    expect(await runDueJobs(kernelDeps(ctx))).toBe(1);
    const [job] = await ctx.deps.db.select().from(jobs).where(eq(jobs.kind, 'notify.email'));
    expect(job).toMatchObject({ attempts: 1, doneAt: null, failedAt: null });
    expect(job!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(job!.runAt.getTime() - at.getTime()).toBeGreaterThanOrEqual(BACKOFF_BASE_MS);
    expect(received).toEqual([]);

    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    ctx.setNow(new Date(at.getTime() + BACKOFF_BASE_MS * 1.1 + 1));
    expect(await runDueJobs(kernelDeps(ctx))).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['mai.lt@snv.langson.gov.vn']);
    expect(received[0]!.from).toBe('dieuhanh@langson.gov.vn');
    const [done] = await ctx.deps.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(done).toMatchObject({ attempts: 2 });
    expect(done!.doneAt).not.toBeNull();
    // The subject is encoded (non-ASCII); the body carries both languages.
    expect(received[0]!.data).toMatch(/^Subject: /m);
    expect(received[0]!.data).toContain(item.id);
  });
});

describe('webhook', () => {
  const requests: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  let status = 500;
  let server: http.Server;
  const secret = 'bí-mật-chia-sẻ';

  beforeAll(async () => {
    delete process.env.SMTP_URL;
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        requests.push({ headers: req.headers, body });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await ctx.deps.db.insert(settings).values({
      tenantId: TENANT,
      key: 'notify.webhook',
      value: { url: `http://127.0.0.1:${port}/hooks/dieuhanh`, secret },
    });
  });
  afterAll(async () => {
    await ctx.deps.db
      .delete(settings)
      .where(and(eq(settings.tenantId, TENANT), eq(settings.key, 'notify.webhook')));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts every change as signed JSON, retrying while the receiver fails', async () => {
    const at = vn('2026-03-04', '08:00');
    const item = await newTask('Tích hợp hệ thống quản lý văn bản', at);
    await ctx.deps.db.delete(jobs).where(and(eq(jobs.kind, 'notify.webhook'), eq(jobs.tenantId, TENANT)));
    ctx.setNow(vn('2026-03-04', '09:00'));
    await transition(kernelDeps(ctx), {
      tenantId: TENANT,
      itemId: item.id,
      action: 'accept',
      expectedVersion: 1,
      roles: ['assignee'],
      actor: { userId: officer },
    });
    // The receiver answers 500: the delivery is retried later.
    expect(await runDueJobs(kernelDeps(ctx), { kinds: ['notify.webhook'] })).toBe(1);
    const [job] = await ctx.deps.db.select().from(jobs).where(eq(jobs.kind, 'notify.webhook'));
    expect(job).toMatchObject({ attempts: 1, lastError: 'Error: webhook answered 500', doneAt: null });
    status = 204;
    const retryAt = new Date(vn('2026-03-04', '09:00').getTime() + BACKOFF_BASE_MS * 1.1 + 1);
    ctx.setNow(retryAt);
    expect(await runDueJobs(kernelDeps(ctx), { kinds: ['notify.webhook'] })).toBe(1);
    expect(requests).toHaveLength(2);
    const last = requests[1]!;
    expect(last.headers['content-type']).toBe('application/json');
    const body = JSON.parse(last.body);
    expect(body).toMatchObject({
      type: 'work_item.event',
      tenantId: TENANT,
      item: { id: item.id, kind: 'task', state: 'accepted', version: 2 },
      event: { seq: 2, action: 'accept', from: 'assigned', to: 'accepted', actorId: officer },
    });
    // The receiver checks the signature with the shared secret.
    const header = String(last.headers[SIGNATURE_HEADER]);
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    expect(match).not.toBeNull();
    const [, t, mac] = match!;
    expect(Number(t)).toBe(Math.floor(retryAt.getTime() / 1000));
    expect(mac).toBe(createHmac('sha256', secret).update(`${t}.${last.body}`).digest('hex'));
    expect(createHmac('sha256', 'wrong secret').update(`${t}.${last.body}`).digest('hex')).not.toBe(mac);
    expect(last.headers['x-dieuhanh-delivery']).toBe(job!.id);
  });
});
