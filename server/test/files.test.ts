import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { files } from '../src/db/schema/index.ts';
import { call, login, type Session, useApp } from './helper.ts';

const LIMIT = 256 * 1024;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-files-'));
const ctx = useApp({ config: { dataDir, bodyLimitBytes: LIMIT } });

const sessions = new Map<string, Promise<Session>>();
function as(username: string): Promise<Session> {
  if (!sessions.has(username)) sessions.set(username, login(ctx, username));
  return sessions.get(username)!;
}

function upload(session: Session | null, filename: string, bytes: Buffer, field = 'file') {
  const boundary = `----dh${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrfToken;
  }
  return ctx.app.inject({ method: 'POST', url: '/api/files', payload, headers });
}

/** A zip with stored (uncompressed) entries, in order — how OpenDocument files begin. */
function storedZip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(10, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The first sector of an OLE2 compound file naming its main stream (how .doc/.xls begin). */
function ole2(stream: string): Buffer {
  return Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    Buffer.from(stream, 'utf16le'),
    Buffer.alloc(64),
  ]);
}

async function xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Nhiệm vụ').addRow(['STT', 'Nội dung']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);

describe('POST /api/files', () => {
  it('accepts the allowed types, told from the content rather than the name', async () => {
    const s = await as('vanphong');
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Công văn')] }] }),
    );
    const cases: Array<[string, Buffer, string]> = [
      ['cong-van.pdf', Buffer.from('%PDF-1.7\n1 0 obj\n%%EOF'), 'application/pdf'],
      ['cong-van.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['bang.xlsx', await xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [
        'van-ban.odt',
        storedZip([
          ['mimetype', 'application/vnd.oasis.opendocument.text'],
          ['content.xml', '<office:document-content/>'],
        ]),
        'application/vnd.oasis.opendocument.text',
      ],
      ['cu.doc', ole2('WordDocument'), 'application/msword'],
      ['cu.xls', ole2('Workbook'), 'application/vnd.ms-excel'],
      ['ghi-chu.txt', Buffer.from('Lạng Sơn, ngày 15 tháng 01 năm 2024\n'), 'text/plain'],
      [
        'utf16.txt',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Kính gửi', 'utf16le')]),
        'text/plain',
      ],
      ['anh-chup.pdf', PNG, 'image/png'],
      ['anh.jpg', JPG, 'image/jpeg'],
    ];
    for (const [name, bytes, mime] of cases) {
      const res = await upload(s, name, bytes);
      expect(res.statusCode, name).toBe(201);
      expect(res.json()).toEqual({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        mime,
        name,
      });
    }
  });

  it('refuses other content with 415 naming /file, and changes nothing', async () => {
    const s = await as('vanphong');
    const before = (await ctx.deps.db.select().from(files)).length;
    const refused: Array<[string, Buffer]> = [
      ['setup.exe', Buffer.concat([Buffer.from('MZ'), randomBytes(200)])],
      ['nen.zip', storedZip([['a.txt', 'a']])],
      ['bang.odp', storedZip([['mimetype', 'application/vnd.oasis.opendocument.presentation']])],
      ['trinh-chieu.ppt', ole2('PowerPoint Document')],
      ['binary.txt', Buffer.from([0x41, 0x00, 0x42, 0x01])],
      ['latin1.txt', Buffer.from([0x4c, 0xe0, 0x6e, 0x67])],
    ];
    for (const [name, bytes] of refused) {
      const res = await upload(s, name, bytes);
      expect(res.statusCode, name).toBe(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'unsupported_file_type', errors: [{ field: '/file' }] });
      expect(res.json().messageVi).toBe('Loại tệp không được hỗ trợ.');
    }
    const empty = await upload(s, 'rong.txt', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('/file');
    const none = await call(ctx, s, 'POST', '/api/files', { file: 'not a file' });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'file_required', errors: [{ field: '/file' }] });
    const missing = await call(ctx, s, 'POST', '/api/files', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('/file');
    expect((await ctx.deps.db.select().from(files)).length).toBe(before);
  });

  it('refuses files over the configured limit with 413', async () => {
    const s = await as('vanphong');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(LIMIT + 1, 0x20)]);
    const res = await upload(s, 'lon.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('stores identical content once, under files/<sha[0:2]>/<sha>, and leaves no temporary file', async () => {
    const bytes = Buffer.from(`Biên bản ${randomBytes(8).toString('hex')}`);
    const a = await upload(await as('vanphong'), 'bien-ban.txt', bytes);
    const b = await upload(await as('chutich'), 'ban-sao.txt', bytes);
    expect(a.json().sha256).toBe(b.json().sha256);
    expect(b.json().name).toBe('ban-sao.txt');
    const sha = a.json().sha256 as string;
    const stored = path.join(dataDir, 'files', sha.slice(0, 2), sha);
    expect(fs.readFileSync(stored).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.join(dataDir, 'files', 'tmp'))).toEqual([]);
    const rows = (await ctx.deps.db.select().from(files)).filter((f) => f.sha256 === sha);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.originalName).toBe('bien-ban.txt');
    // Both uploaders may read it; each sees it as their own upload.
    expect((await call(ctx, await as('chutich'), 'GET', `/api/files/${sha}`)).statusCode).toBe(200);
    expect((await call(ctx, await as('vanphong'), 'GET', `/api/files/${sha}`)).statusCode).toBe(200);
  });

  it('keeps names safe: no folders, no control characters, NFC', async () => {
    const s = await as('vanphong');
    const res = await upload(s, '..\\..\\etc/Tờ trình\u0007.txt'.normalize('NFD'), Buffer.from('Tờ trình'));
    expect(res.json().name).toBe('Tờ trình.txt'.normalize('NFC'));
  });

  it('records the upload in the audit trail', async () => {
    const s = await as('vanphong');
    const res = await upload(s, 'kiem-tra.txt', Buffer.from(`audit ${randomBytes(4).toString('hex')}`));
    const admin = await as('admin');
    const timeline = (await call(ctx, admin, 'GET', `/api/audit/file/${res.json().sha256}`)).json();
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['file.uploaded']);
    expect(timeline[0]).toMatchObject({
      actorId: s.userId,
      after: { name: 'kiem-tra.txt', mime: 'text/plain' },
    });
  });
});

describe('GET /api/files/:sha256', () => {
  it('streams a file to its uploader with its type, name and caching headers', async () => {
    const s = await as('vanphong');
    const bytes = Buffer.from('Kính gửi: Các Sở, Ban, ngành\n');
    const { sha256 } = (await upload(s, 'Kính gửi.txt', bytes)).json();
    const res = await call(ctx, s, 'GET', `/api/files/${sha256}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="Kinh gui.txt"; filename*=UTF-8''${encodeURIComponent('Kính gửi.txt')}`,
    );
    expect(res.headers.etag).toBe(`"${sha256}"`);
    expect(res.headers['cache-control']).toContain('private');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 404 to anyone who cannot see an owner of the file, exactly as for a missing one', async () => {
    const s = await as('vanphong');
    const { sha256 } = (
      await upload(s, 'rieng.txt', Buffer.from(`riêng ${randomBytes(4).toString('hex')}`))
    ).json();
    for (const other of ['chutich', 'chuyenvien.snv', 'congdan', 'admin']) {
      const res = await call(ctx, await as(other), 'GET', `/api/files/${sha256}`);
      expect(res.statusCode, other).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    const missing = await call(ctx, s, 'GET', `/api/files/${'0'.repeat(64)}`);
    expect(missing.statusCode).toBe(404);
    expect((await call(ctx, null, 'GET', `/api/files/${sha256}`)).statusCode).toBe(401);
    const bad = await call(ctx, s, 'GET', '/api/files/not-a-hash');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/params/sha256');
  });
});
