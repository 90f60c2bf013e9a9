import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Directive, DirectiveParseResult } from '@dieuhanh/core/api/directives';
import { BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  getDirectiveItemAssignment,
  installDirectiveTaskHooks,
  installedDirectiveTaskHooks,
} from '../src/modules/directives/service.ts';
import { call, login, type Session, TENANT, type TestContext, useApp } from './helper.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-directives-'));
const ctx = useApp({ config: { dataDir } });

/** One session per account for the whole file (logins are rate limited, and argon2 is slow). */
const sessions = new Map<string, Promise<Session>>();
function as(username: string): Promise<Session> {
  if (!sessions.has(username)) sessions.set(username, login(ctx, username));
  return sessions.get(username)!;
}

const SEED = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../core/src/directives/fixtures/seed-lang-son-2024.txt'),
  'utf8',
);

// --- Helpers -----------------------------------------------------------------------------------

function upload(
  c: TestContext,
  session: Session | null,
  url: string,
  filename: string,
  bytes: Buffer,
  type = 'application/octet-stream',
) {
  const boundary = `----dh${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrfToken;
  }
  return c.app.inject({ method: 'POST', url, payload, headers });
}

/** The seed as a Word file laid out like the real one: header and signature in borderless tables. */
async function seedDocx(): Promise<Buffer> {
  // The seed's markdown emphasis becomes Word formatting; lines inside a block are soft breaks.
  const para = (block: string) =>
    new Paragraph({
      children: block.split('\n').flatMap((line, i) =>
        line
          .trim()
          .split(/(\*\*\*[^*]+\*\*\*|\*\*[^*]+\*\*)/)
          .filter(Boolean)
          .map((part, j) => {
            const m = /^(\*{2,3})(.+)\1$/.exec(part);
            const brk = i > 0 && j === 0 ? { break: 1 } : {};
            return m
              ? new TextRun({ text: m[2]!, bold: true, italics: m[1] === '***', ...brk })
              : new TextRun({ text: part, ...brk });
          }),
      ),
    });
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = {
    top: none,
    bottom: none,
    left: none,
    right: none,
    insideHorizontal: none,
    insideVertical: none,
  };
  const twoColumns = (rows: Array<[string, string]>) =>
    new Table({
      borders,
      rows: rows.map(
        (cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [para(c)] })) }),
      ),
    });
  const blocks = SEED.split(/\n\s*\n/)
    .map((b) => b.replace(/\s+$/, ''))
    .filter((b) => b.trim());
  const at = (prefix: string) => blocks.findIndex((b) => b.trim().startsWith(prefix));
  const closing = at('***Nơi nhận');
  const signer = at('**CHỦ TỊCH');
  const children = [
    twoColumns([
      [blocks[0]!, blocks[1]!],
      [blocks[2]!, blocks[3]!],
      [blocks[4]!, ''],
    ]),
    ...blocks.slice(5, closing).map(para),
    twoColumns([[blocks.slice(closing, signer).join('\n'), blocks.slice(signer).join('\n')]]),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

interface UnitView {
  id: string;
  kind: string;
  parentId: string | null;
}

let units: UnitView[] = [];
/** The demo's public service units directly under the committee (the seed's second recipient group). */
const committeePsus = () =>
  units.filter((u) => u.kind === 'public_service_unit' && u.parentId === 'ubnd-tinh').map((u) => u.id);

async function ensureCommitteePsu() {
  if (units.length) return;
  const admin = await as('admin');
  units = (await call(ctx, admin, 'GET', '/api/units?limit=1000')).json().items;
  expect(committeePsus().length).toBeGreaterThan(0);
}

const idsOf = (ms: Array<{ unitIds: string[] }>) => [...new Set(ms.flatMap((m) => m.unitIds))];

/** What a reviewer would check the seed draft against. */
function expectSeedDraft(d: DirectiveParseResult) {
  expect(d.items.map((i) => i.ref)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  const seven = d.items[6]!;
  expect(seven.lead.map((m) => m.name)).toEqual(['Sở Nội vụ', 'Thanh tra tỉnh', 'Văn phòng UBND tỉnh']);
  expect(seven.lead.map((m) => m.unitIds)).toEqual([['so-noi-vu'], ['thanh-tra-tinh'], ['vp-ubnd']]);
  for (const m of seven.lead) expect(d.text.slice(m.span.start, m.span.end)).toBe(m.name);

  const departments = units.filter((u) => u.kind === 'department').map((u) => u.id);
  const districts = units.filter((u) => u.kind === 'district').map((u) => u.id);
  expect(departments.length).toBeGreaterThanOrEqual(14);
  expect(districts).toHaveLength(11);
  for (const item of d.items.slice(0, 6)) {
    expect(item.lead).toEqual(d.recipients);
    const lead = idsOf(item.lead);
    expect(lead).toEqual(expect.arrayContaining([...departments, ...committeePsus(), ...districts]));
    const kinds = new Set(lead.map((id) => units.find((u) => u.id === id)?.kind));
    expect([...kinds].sort()).toEqual(['department', 'district', 'office', 'public_service_unit']);
  }
  expect(d.number).toBe('/UBND-NC');
  expect(d.signer).toEqual({ title: 'CHỦ TỊCH', name: 'Hồ Tiến Thiệu' });
  expect(d.subject).toContain('Siết chặt kỷ cương');
  expect(d.warnings.map((w) => w.split(':')[0])).toEqual(['missing_day']);
}

/** The reviewed draft as the web app sends it: header filled in, mentions flattened to unit ids. */
function reviewed(d: DirectiveParseResult, overrides: Record<string, unknown> = {}) {
  return {
    number: '12/UBND-NC',
    documentType: d.documentType,
    issuerUnitId: 'ubnd-tinh',
    issuerName: d.issuer,
    signerName: d.signer?.name ?? null,
    signerTitle: d.signer?.title ?? null,
    place: d.place,
    issuedOn: '2024-01-15',
    subject: d.subject,
    recipients: d.recipients.map((r) => ({ name: r.name, unitIds: r.unitIds })),
    body: d.text,
    status: 'issued',
    items: d.items.map((i) => ({
      ref: i.ref,
      text: i.text,
      lead: idsOf(i.lead),
      support: idsOf(i.support),
      deadline: i.deadline?.date ?? null,
      deadlineKind: i.deadline?.kind ?? null,
      recurrence: i.recurrence
        ? { frequency: i.recurrence.frequency, dayOfMonth: i.recurrence.dayOfMonth, text: i.recurrence.text }
        : null,
      span: i.span,
    })),
    ...overrides,
  };
}

async function parseSeed(s: Session): Promise<DirectiveParseResult> {
  const res = await call(ctx, s, 'POST', '/api/directives/parse', { text: SEED });
  expect(res.statusCode).toBe(200);
  return res.json();
}

// --- Parse ---------------------------------------------------------------------------------------

describe('POST /api/directives/parse', () => {
  it('reads the seed directive (JSON) into 7 items with the units of the tenant in January 2024', async () => {
    await ensureCommitteePsu();
    const s = await as('vanphong');
    const d = await parseSeed(s);
    expect(d.text).toBe(SEED.normalize('NFC'));
    expectSeedDraft(d);
    expect(d.text.slice(d.spans.number!.start, d.spans.number!.end)).toBe('/UBND-NC');
    expect(d.recipients.map((r) => r.name)).toEqual([
      'Các Sở, Ban, ngành',
      'Các đơn vị sự nghiệp trực thuộc UBND tỉnh',
      'Ủy ban nhân dân các huyện, thành phố',
    ]);
    expect(d.recipients[1]!.unitIds.sort()).toEqual(committeePsus().sort());
  });

  it('reads the same directive from a real .docx (tables, soft breaks, bold numbers)', async () => {
    await ensureCommitteePsu();
    const s = await as('chutich');
    const res = await upload(ctx, s, '/api/directives/parse', 'cong-van-chu-de-2024.docx', await seedDocx());
    expect(res.statusCode).toBe(200);
    const d: DirectiveParseResult = res.json();
    expectSeedDraft(d);
    expect(d.issuer).toBe('Ủy ban nhân dân tỉnh Lạng Sơn');
    expect(d.place).toBe('Lạng Sơn');
    expect(d.subject).toBe(
      'thực hiện chủ đề năm 2024 “Siết chặt kỷ cương, tăng cường trách nhiệm, quyết liệt hành động, sáng tạo bút phá”',
    );
    expect(d.text).toContain('| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |');
    const seven = d.items[6]!;
    expect(d.text.slice(seven.span.start, seven.span.end)).toContain('Giao Sở Nội vụ');
  });

  it('reads .txt uploads in UTF-8 and in UTF-16 with a byte-order mark, whatever their name', async () => {
    await ensureCommitteePsu();
    const s = await as('vanphong');
    const utf8 = await upload(ctx, s, '/api/directives/parse', 'seed.txt', Buffer.from(SEED, 'utf8'));
    expect(utf8.statusCode).toBe(200);
    expectSeedDraft(utf8.json());
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SEED, 'utf16le')]);
    const utf16 = await upload(ctx, s, '/api/directives/parse', 'seed (utf-16).dat', le);
    expect(utf16.statusCode).toBe(200);
    expectSeedDraft(utf16.json());
    expect(utf16.json().text).toBe(SEED.normalize('NFC'));
    const be = Buffer.from(le);
    be.swap16();
    const utf16be = await upload(ctx, s, '/api/directives/parse', 'seed-be.txt', be);
    expect(utf16be.json().items).toHaveLength(7);
  });

  it('accepts NFD input and answers in NFC', async () => {
    const s = await as('vanphong');
    const d = (await call(ctx, s, 'POST', '/api/directives/parse', { text: SEED.normalize('NFD') })).json();
    expect(d.text).toBe(SEED.normalize('NFC'));
    expect(d.items).toHaveLength(7);
  });

  it('takes dates without a year from today in Vietnam (UTC+7), not from the server clock', async () => {
    const s = await as('vanphong');
    // 18:00 UTC on 31 December is already 1 January in Lạng Sơn.
    ctx.setNow(new Date('2025-12-31T18:00:00Z'));
    try {
      const text =
        'ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nSố: 15/UBND-KT\n\nV/v báo cáo tình hình giải ngân\n\nKính gửi: Sở Tài chính.\n\n' +
        '1. Sở Tài chính chủ trì, phối hợp với Sở Xây dựng báo cáo UBND tỉnh trước ngày 15/4.\n';
      const d = (await call(ctx, s, 'POST', '/api/directives/parse', { text })).json();
      expect(d.items[0].deadline).toMatchObject({ date: '2026-04-15', kind: 'before' });
      expect(d.items[0].lead[0].unitIds).toEqual(['so-tai-chinh']);
      expect(d.items[0].support[0].unitIds).toEqual(['so-xay-dung']);
    } finally {
      ctx.setNow(null);
    }
  });

  it('refuses empty text naming /text, and files it cannot read with 415 naming /file', async () => {
    const s = await as('vanphong');
    for (const text of ['', '   \n  ']) {
      const res = await call(ctx, s, 'POST', '/api/directives/parse', { text });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0].field).toBe('/text');
      expect(res.json().messageVi).toBeTruthy();
      expect(res.json().messageEn).toBeTruthy();
    }
    const missing = await call(ctx, s, 'POST', '/api/directives/parse', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('/text');

    const pdf = await upload(ctx, s, '/api/directives/parse', 'cong-van.pdf', Buffer.from('%PDF-1.7\n%…'));
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json()).toMatchObject({ code: 'unsupported_file_type', errors: [{ field: '/file' }] });
    expect(pdf.json().errors[0].messageVi).toContain('.docx');
    const exe = await upload(
      ctx,
      s,
      '/api/directives/parse',
      'seed.docx',
      Buffer.from([0x4d, 0x5a, 0, 1, 2]),
    );
    expect(exe.statusCode).toBe(415);
    const empty = await upload(ctx, s, '/api/directives/parse', 'empty.txt', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('/file');
  });

  it('is for those who register directives: an officer gets 403, an anonymous caller 401', async () => {
    const officer = await as('chuyenvien.snv');
    expect((await call(ctx, officer, 'POST', '/api/directives/parse', { text: SEED })).statusCode).toBe(403);
    expect(
      (await upload(ctx, officer, '/api/directives/parse', 'seed.txt', Buffer.from(SEED))).statusCode,
    ).toBe(403);
    expect((await call(ctx, null, 'POST', '/api/directives/parse', { text: SEED })).statusCode).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('describes parse (JSON or multipart), the register, meetings and files', async () => {
    const spec = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const parse = spec.paths['/api/directives/parse'].post;
    expect(Object.keys(parse.requestBody.content).sort()).toEqual([
      'application/json',
      'multipart/form-data',
    ]);
    expect(parse.responses['200'].content['application/json'].schema.properties.items.type).toBe('array');
    expect(Object.keys(parse.responses).sort()).toEqual(['200', '400', '401', '403', '413', '415']);
    for (const route of ['/api/directives', '/api/directives/{id}', '/api/meetings', '/api/meetings/{id}']) {
      expect(spec.paths[route], route).toBeTruthy();
    }
    expect(Object.keys(spec.paths['/api/files'].post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(spec.paths['/api/files/{sha256}'].get.responses['200'].content).toHaveProperty(
      'application/octet-stream',
    );
  });
});

// --- Register ------------------------------------------------------------------------------------

describe('directive register', () => {
  let seed: Directive;

  it('creates a directive from the reviewed draft and reads it back with its items', async () => {
    await ensureCommitteePsu();
    const s = await as('vanphong');
    const draft = await parseSeed(s);
    const res = await call(ctx, s, 'POST', '/api/directives', reviewed(draft));
    expect(res.statusCode).toBe(201);
    seed = res.json();
    expect(seed).toMatchObject({
      number: '12/UBND-NC',
      documentType: 'cong_van',
      issuerUnitId: 'ubnd-tinh',
      signerName: 'Hồ Tiến Thiệu',
      signerTitle: 'CHỦ TỊCH',
      issuedOn: '2024-01-15',
      status: 'issued',
      version: 1,
      createdBy: s.userId,
    });
    const back: Directive = (await call(ctx, s, 'GET', `/api/directives/${seed.id}`)).json();
    expect(back).toEqual(seed);
    expect(back.items.map((i) => i.ref)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(back.items[6]!.lead).toEqual(['so-noi-vu', 'thanh-tra-tinh', 'vp-ubnd']);
    expect(back.items[0]!.lead).toEqual(idsOf(draft.recipients));
    expect(back.body.slice(back.items[6]!.span!.start, back.items[6]!.span!.end)).toContain('Giao Sở Nội vụ');
    expect(back.recipients[2]!.unitIds).toHaveLength(11);

    // Every staff member reads it; the tasks module reads an item's units through the service.
    const reader = await as('chuyenvien.snv');
    expect((await call(ctx, reader, 'GET', `/api/directives/${seed.id}`)).statusCode).toBe(200);
    const assignment = await getDirectiveItemAssignment(ctx.deps.db, TENANT, back.items[6]!.id);
    expect(assignment).toMatchObject({
      directiveId: seed.id,
      ref: '7',
      lead: ['so-noi-vu', 'thanh-tra-tinh', 'vp-ubnd'],
      support: [],
      directive: { number: '12/UBND-NC', issuedOn: '2024-01-15', status: 'issued' },
    });
  });

  it('writes an audit event for every change', async () => {
    const monitor = await as('vanphong');
    const timeline = (await call(ctx, monitor, 'GET', `/api/audit/directive/${seed.id}`)).json();
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['directive.created']);
    expect(timeline[0].after.items).toHaveLength(7);
    expect(timeline[0].actorName).toBe('Nông Thị Thu');
  });

  it('refuses unknown units, early deadlines and repeated refs, naming each field, and stores nothing', async () => {
    const s = await as('chutich');
    const draft = await parseSeed(s);
    const before = (await call(ctx, s, 'GET', '/api/directives')).json().total;
    const input = reviewed(draft);
    input.items[2]!.lead = ['khong-co-don-vi', ...input.items[2]!.lead];
    input.items[0]!.deadline = '2024-01-10';
    input.items[1]!.ref = '1';
    input.items[3]!.deadline = '2024-02-30';
    input.items[4]!.support = ['so-noi-vu'];
    input.recipients[0]!.unitIds = ['khong-co'];
    const res = await call(ctx, s, 'POST', '/api/directives', {
      ...input,
      issuerUnitId: 'khong-co',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        '/items/2/lead/0',
        '/items/0/deadline',
        '/items/1/ref',
        '/items/3/deadline',
        '/items/4/support/0',
        '/recipients/0/unitIds/0',
        '/issuerUnitId',
      ]),
    );
    const early = res.json().errors.find((e: { field: string }) => e.field === '/items/0/deadline');
    expect(early.messageVi).toContain('trước ngày ban hành');
    expect(early.messageEn).toContain('before the date of issue');
    expect((await call(ctx, s, 'GET', '/api/directives')).json().total).toBe(before);
  });

  it('requires a number, a date and lead units once issued; a draft may lack them', async () => {
    const s = await as('chutich');
    const issued = await call(ctx, s, 'POST', '/api/directives', {
      documentType: 'thong_bao',
      subject: 'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban',
      status: 'issued',
      items: [{ ref: '1', text: 'Rà soát hồ sơ tồn đọng', lead: [] }],
    });
    expect(issued.statusCode).toBe(400);
    expect(
      issued
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['/issuedOn', '/items/0/lead', '/number']);
    const schema = await call(ctx, s, 'POST', '/api/directives', {
      documentType: 'khong-ro',
      subject: 'x',
      items: [],
    });
    expect(schema.statusCode).toBe(400);
    expect(schema.json().errors[0].field).toBe('/documentType');
  });

  it('searches number, subject and body without diacritics, and filters', async () => {
    const s = await as('chuyenvien.snv');
    const writer = await as('phochutich');
    const other = await call(ctx, writer, 'POST', '/api/directives', {
      number: '45/CT-UBND',
      documentType: 'chi_thi',
      issuerUnitId: 'ubnd-tinh',
      issuerName: 'Ủy ban nhân dân tỉnh Lạng Sơn',
      signerName: 'Lương Thị Hạnh',
      signerTitle: 'KT. CHỦ TỊCH PHÓ CHỦ TỊCH',
      issuedOn: '2024-06-03',
      subject: 'Về tăng cường công tác phòng, chống thiên tai năm 2024',
      body: 'Yêu cầu các Sở, ngành chủ động ứng phó mưa lũ.',
      status: 'issued',
      items: [
        {
          ref: '1',
          text: 'Sở Nông nghiệp và Môi trường trực ban 24/24',
          lead: ['so-nong-nghiep-va-moi-truong'],
        },
      ],
    });
    expect(other.statusCode).toBe(201);
    const ids = async (query: string) =>
      (await call(ctx, s, 'GET', `/api/directives?${query}`)).json().items.map((d: { id: string }) => d.id);
    const seedId = seed.id;
    const otherId = other.json().id;

    expect(await ids(`q=${encodeURIComponent('siet chat ky cuong')}`)).toEqual([seedId]);
    expect(await ids(`q=${encodeURIComponent('SIẾT CHẶT'.normalize('NFD'))}`)).toEqual([seedId]);
    expect(await ids('q=12%2Fubnd')).toEqual([seedId]);
    expect(await ids(`q=${encodeURIComponent('mua lu')}`)).toEqual([otherId]);
    expect(await ids('q=100%25')).toEqual([]);
    expect(await ids('')).toEqual([otherId, seedId]);
    expect(await ids(`signer=${encodeURIComponent('ho tien thieu')}`)).toEqual([seedId]);
    expect(await ids('type=chi_thi')).toEqual([otherId]);
    expect(await ids('from=2024-02-01')).toEqual([otherId]);
    expect(await ids('to=2024-01-31')).toEqual([seedId]);
    expect(await ids('from=2024-01-15&to=2024-01-15&issuerUnitId=ubnd-tinh')).toEqual([seedId]);
    expect(await ids('issuerUnitId=so-noi-vu')).toEqual([]);
    const page = (await call(ctx, s, 'GET', '/api/directives?limit=1&offset=1')).json();
    expect(page.total).toBe(2);
    expect(page.items.map((d: { id: string }) => d.id)).toEqual([seedId]);
    expect(page.items[0]).toMatchObject({ itemCount: 7, number: '12/UBND-NC' });

    const badDate = await call(ctx, s, 'GET', '/api/directives?from=15-01-2024');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toBe('/querystring/from');
    const unreal = await call(ctx, s, 'GET', '/api/directives?to=2024-02-30');
    expect(unreal.statusCode).toBe(400);
    expect(unreal.json().errors[0].field).toBe('/querystring/to');
  });

  it('leaves task progress to the tasks module: null summaries and a refused filter until it plugs in', async () => {
    const s = await as('chuyenvien.snv');
    const installed = installedDirectiveTaskHooks();
    try {
      installDirectiveTaskHooks(null);
      const list = (await call(ctx, s, 'GET', '/api/directives')).json();
      expect(list.items.every((d: { taskSummary: unknown }) => d.taskSummary === null)).toBe(true);
      const refused = await call(ctx, s, 'GET', '/api/directives?taskStatus=overdue');
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].field).toBe('/querystring/taskStatus');

      const summary = { total: 7, open: 6, done: 1, overdue: 2 };
      installDirectiveTaskHooks({
        summaries: async (_db, _tenant, ids) =>
          new Map(ids.filter((id) => id === seed.id).map((id) => [id, summary])),
        filter: (_tenant, status) => (status === 'overdue' ? sql`directives.id = ${seed.id}` : sql`false`),
      });
      const overdue = (await call(ctx, s, 'GET', '/api/directives?taskStatus=overdue')).json();
      expect(overdue.total).toBe(1);
      expect(overdue.items[0]).toMatchObject({ id: seed.id, taskSummary: summary });
      expect((await call(ctx, s, 'GET', '/api/directives?taskStatus=done')).json().total).toBe(0);
    } finally {
      installDirectiveTaskHooks(installed);
    }
  });

  it('keeps citizens and desk officers out, and officers read-only', async () => {
    const citizen = await as('congdan');
    expect((await call(ctx, citizen, 'GET', '/api/directives')).statusCode).toBe(403);
    expect([403, 404]).toContain((await call(ctx, citizen, 'GET', `/api/directives/${seed.id}`)).statusCode);
    const desk = await as('motcua');
    expect((await call(ctx, desk, 'GET', '/api/directives')).statusCode).toBe(403);
    const officer = await as('chuyenvien.snv');
    const create = await call(ctx, officer, 'POST', '/api/directives', {
      documentType: 'cong_van',
      subject: 'Thử',
      items: [],
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('forbidden');
    expect(
      (await call(ctx, officer, 'PATCH', `/api/directives/${seed.id}`, { version: 1, subject: 'x' }))
        .statusCode,
    ).toBe(403);
    expect((await call(ctx, officer, 'DELETE', `/api/directives/${seed.id}`)).statusCode).toBe(403);
    expect((await call(ctx, null, 'GET', '/api/directives')).statusCode).toBe(401);
  });

  it('updates with the version read, keeps item ids by id, and refuses a stale version', async () => {
    const s = await as('vanphong');
    const current: Directive = (await call(ctx, s, 'GET', `/api/directives/${seed.id}`)).json();
    const [one, two] = current.items;
    // Swap the refs of items 1 and 2 and give item 2 a deadline and a support unit.
    const items = current.items.map((i) => ({
      id: i.id,
      ref: i.ref === '1' ? '2' : i.ref === '2' ? '1' : i.ref,
      text: i.text,
      lead: i.lead,
      support: i.id === two!.id ? [] : i.support,
      deadline: i.id === two!.id ? '2024-03-31' : i.deadline,
      deadlineKind: i.id === two!.id ? 'by' : i.deadlineKind,
      span: i.span,
    }));
    items[6]!.lead = ['so-noi-vu'];
    items[6]!.support = ['thanh-tra-tinh', 'vp-ubnd'];
    const res = await call(ctx, s, 'PATCH', `/api/directives/${seed.id}`, {
      version: 1,
      subject: 'thực hiện chủ đề năm 2024 (đã sửa)',
      items: [...items, { ref: '8', text: 'Báo cáo kết quả trước ngày 15/12/2024', lead: ['so-noi-vu'] }],
    });
    expect(res.statusCode).toBe(200);
    const updated: Directive = res.json();
    expect(updated.version).toBe(2);
    expect(updated.items.find((i) => i.id === one!.id)!.ref).toBe('2');
    expect(updated.items.find((i) => i.id === two!.id)).toMatchObject({
      ref: '1',
      deadline: '2024-03-31',
      deadlineKind: 'by',
    });
    expect(updated.items[6]).toMatchObject({ lead: ['so-noi-vu'], support: ['thanh-tra-tinh', 'vp-ubnd'] });
    expect(updated.items).toHaveLength(8);

    const stale = await call(ctx, s, 'PATCH', `/api/directives/${seed.id}`, { version: 1, subject: 'khác' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    // The issue date may not move past a deadline already set.
    const late = await call(ctx, s, 'PATCH', `/api/directives/${seed.id}`, {
      version: 2,
      issuedOn: '2024-04-01',
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors.map((e: { field: string }) => e.field)).toContain('/items/1/deadline');
    const unissue = await call(ctx, s, 'PATCH', `/api/directives/${seed.id}`, {
      version: 2,
      status: 'draft',
    });
    expect(unissue.statusCode).toBe(409);
    expect(unissue.json().code).toBe('directive_issued');

    const timeline = (await call(ctx, s, 'GET', `/api/audit/directive/${seed.id}`)).json();
    expect(timeline.map((e: { action: string }) => e.action)).toEqual([
      'directive.created',
      'directive.updated',
    ]);
    expect(timeline[1].before.subject).toContain('Siết chặt');
    expect(timeline[1].after.version).toBe(2);
  });

  it('refuses to remove an item that something (a task) still refers to: 409, nothing changed', async () => {
    const s = await as('vanphong');
    const current: Directive = (await call(ctx, s, 'GET', `/api/directives/${seed.id}`)).json();
    const last = current.items.at(-1)!;
    // Stands in for the tasks table, which references directive items the same way.
    await ctx.deps.db.execute(
      sql`create table probe_item_refs (tenant_id text not null, item_id text not null, foreign key (tenant_id, item_id) references directive_items (tenant_id, id))`,
    );
    await ctx.deps.db.execute(sql`insert into probe_item_refs values (${TENANT}, ${last.id})`);
    const res = await call(ctx, s, 'PATCH', `/api/directives/${seed.id}`, {
      version: current.version,
      items: current.items
        .slice(0, -1)
        .map(({ id, ref, text, lead, support }) => ({ id, ref, text, lead, support })),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'in_use' });
    const after: Directive = (await call(ctx, s, 'GET', `/api/directives/${seed.id}`)).json();
    expect(after).toEqual(current);
  });

  it('deletes a draft only; an issued directive stays', async () => {
    const s = await as('chutich');
    const draft = await call(ctx, s, 'POST', '/api/directives', {
      documentType: 'ke_hoach',
      subject: 'Kế hoạch cải cách hành chính năm 2025 (dự thảo)',
      items: [{ ref: '1', text: 'Sở Nội vụ xây dựng kế hoạch', lead: ['so-noi-vu'], deadline: '2025-02-28' }],
    });
    expect(draft.statusCode).toBe(201);
    expect(draft.json().status).toBe('draft');
    const issued = await call(ctx, s, 'DELETE', `/api/directives/${seed.id}`);
    expect(issued.statusCode).toBe(409);
    expect(issued.json().code).toBe('directive_issued');
    expect((await call(ctx, s, 'DELETE', `/api/directives/${draft.json().id}`)).statusCode).toBe(204);
    expect((await call(ctx, s, 'GET', `/api/directives/${draft.json().id}`)).statusCode).toBe(404);
    expect((await call(ctx, s, 'DELETE', `/api/directives/${draft.json().id}`)).statusCode).toBe(404);
    const admin = await as('admin');
    const timeline = (await call(ctx, admin, 'GET', `/api/audit/directive/${draft.json().id}`)).json();
    expect(timeline.map((e: { action: string }) => e.action)).toEqual([
      'directive.created',
      'directive.deleted',
    ]);
  });

  it('attaches uploaded files, readable by staff who can see the directive and by no one else', async () => {
    const s = await as('vanphong');
    const file = await upload(ctx, s, '/api/files', 'Công văn 12.docx', await seedDocx());
    expect(file.statusCode).toBe(201);
    const { sha256 } = file.json();
    expect(file.json().mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    // Someone else's upload that is attached nowhere cannot be attached by guessing its hash.
    const leader = await as('chutich');
    const hidden = await upload(
      ctx,
      leader,
      '/api/files',
      'ghi-chu.txt',
      Buffer.from('Ghi chú riêng của lãnh đạo'),
    );
    const current: Directive = (await call(ctx, s, 'GET', `/api/directives/${seed.id}`)).json();
    const refused = await call(ctx, s, 'PATCH', `/api/directives/${seed.id}`, {
      version: current.version,
      attachments: [{ sha256 }, { sha256: hidden.json().sha256 }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['/attachments/1/sha256']);

    const res = await call(ctx, s, 'PATCH', `/api/directives/${seed.id}`, {
      version: current.version,
      attachments: [{ sha256, purpose: 'original' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().attachments).toEqual([
      {
        sha256,
        name: 'Công văn 12.docx',
        purpose: 'original',
        size: file.json().size,
        mime: file.json().mime,
      },
    ]);

    const officer = await as('chuyenvien.snv');
    const download = await call(ctx, officer, 'GET', `/api/files/${sha256}`);
    expect(download.statusCode).toBe(200);
    expect(
      download.rawPayload.equals(
        await fs.promises.readFile(path.join(dataDir, 'files', sha256.slice(0, 2), sha256)),
      ),
    ).toBe(true);
    expect(download.headers['content-disposition']).toContain(
      "filename*=UTF-8''C%C3%B4ng%20v%C4%83n%2012.docx",
    );
    for (const outsider of ['congdan', 'motcua']) {
      const who = await as(outsider);
      expect((await call(ctx, who, 'GET', `/api/files/${sha256}`)).statusCode).toBe(404);
    }
    expect((await call(ctx, s, 'GET', `/api/files/${hidden.json().sha256}`)).statusCode).toBe(404);
    expect((await call(ctx, leader, 'GET', `/api/files/${hidden.json().sha256}`)).statusCode).toBe(200);
  });
});
