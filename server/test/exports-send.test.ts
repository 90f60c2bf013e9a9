import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  asciiFilename,
  contentDisposition,
  datedFilename,
  FileResponse,
  MIME,
  sendFile,
  writeXlsx,
} from '../src/platform/exports/index.ts';

/** What a browser does with the header: `filename*` wins, else `filename`. */
function savedName(header: string): string {
  const extended = /filename\*=UTF-8''([^;]+)/.exec(header);
  if (extended) return decodeURIComponent(extended[1]!);
  return /filename="([^"]*)"/.exec(header)![1]!;
}

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name for Vietnamese names (RFC 6266, RFC 5987)', () => {
    const header = contentDisposition('Báo cáo nhiệm vụ quý I - Lạng Sơn.xlsx');
    expect(header).toBe(
      `attachment; filename="Bao cao nhiem vu quy I - Lang Son.xlsx"; ` +
        `filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20nhi%E1%BB%87m%20v%E1%BB%A5%20qu%C3%BD%20I%20-%20L%E1%BA%A1ng%20S%C6%A1n.xlsx`,
    );
    expect(savedName(header)).toBe('Báo cáo nhiệm vụ quý I - Lạng Sơn.xlsx');
  });

  it('writes an ASCII name once, without filename*', () => {
    expect(contentDisposition('tasks-2024-04-15.csv')).toBe('attachment; filename="tasks-2024-04-15.csv"');
    expect(contentDisposition('report.pdf', 'inline')).toBe('inline; filename="report.pdf"');
  });

  it('folds đ and Đ, and keeps the header free of quotes, backslashes, path parts and line breaks', () => {
    expect(asciiFilename('Đôn đốc.docx')).toBe('Don doc.docx');
    const header = contentDisposition('../"Đơn"\\vị\r\nSet-Cookie: x=1.xlsx');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(savedName(header)).not.toContain('/');
    expect(savedName(header)).not.toContain('\\');
  });

  it("percent-encodes the characters RFC 5987 leaves out of attr-char: ' ( ) *", () => {
    const header = contentDisposition("Kế hoạch (dự thảo) 'mới'*.docx");
    expect(header).toContain(
      "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20%28d%E1%BB%B1%20th%E1%BA%A3o%29%20%27m%E1%BB%9Bi%27%2A.docx",
    );
    expect(savedName(header)).toBe("Kế hoạch (dự thảo) 'mới'*.docx");
  });

  it('puts a decomposed name into NFC before encoding it', () => {
    const nfd = 'Nhiệm vụ.csv'.normalize('NFD');
    expect(savedName(contentDisposition(nfd))).toBe('Nhiệm vụ.csv');
  });
});

describe('datedFilename', () => {
  it('dates the name in Vietnam', () => {
    // 18:00 UTC on 14 April is already 15 April in Vietnam.
    expect(datedFilename('Danh sách nhiệm vụ', 'xlsx', new Date('2024-04-14T18:00:00Z'))).toBe(
      'Danh sách nhiệm vụ 2024-04-15.xlsx',
    );
  });
});

describe('sendFile', () => {
  it('sends the bytes with their type, a download name and no caching', async () => {
    const app = Fastify();
    const body = await writeXlsx({
      sheetName: 'Đơn vị',
      columns: [{ key: 'name', headerVi: 'Tên đơn vị', type: 'text' }],
      rows: [{ name: 'Sở Nội vụ' }],
      locale: 'vi',
    });
    app.get('/export', { schema: { response: { 200: FileResponse } } }, (_request, reply) =>
      sendFile(reply, { buffer: body, filename: 'Danh sách đơn vị.xlsx', mime: MIME.xlsx }),
    );
    app.get('/bytes', (_request, reply) =>
      sendFile(reply, {
        buffer: new Uint8Array([1, 2, 3]),
        filename: 'a.bin',
        mime: 'application/octet-stream',
      }),
    );
    const response = await app.inject({ method: 'GET', url: '/export' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(MIME.xlsx);
    expect(savedName(String(response.headers['content-disposition']))).toBe('Danh sách đơn vị.xlsx');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="Danh sach don vi.xlsx"; /,
    );
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(response.headers['content-length'])).toBe(body.length);
    expect(response.rawPayload.equals(body)).toBe(true);

    const bytes = await app.inject({ method: 'GET', url: '/bytes' });
    expect([...bytes.rawPayload]).toEqual([1, 2, 3]);
    await app.close();
  });
});
