/**
 * Sending a generated file from a route: the content type, and a Content-Disposition that keeps
 * Vietnamese file names intact in every browser (RFC 6266 with an RFC 5987 `filename*`).
 */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { vietnamDate } from './values.ts';

export const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
} as const;

export interface FileToSend {
  buffer: Buffer | Uint8Array;
  /** The name the user's browser saves the file under; Vietnamese is welcome. */
  filename: string;
  mime: string;
  /** `attachment` (download, the default) or `inline` (open in the browser, e.g. a PDF). */
  disposition?: 'attachment' | 'inline';
}

/** The response schema of a route that sends a file, for OpenAPI. */
export const FileResponse = Type.Unsafe<Buffer>({
  type: 'string',
  format: 'binary',
  description: 'Tệp tải về / The file',
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const UNSAFE_NAME = /[\u0000-\u001f\u007f/\\]/g;

/** Without path separators and control characters (no header injection, no "../"), in NFC. */
export function cleanFilename(filename: string): string {
  const name = filename.normalize('NFC').replace(UNSAFE_NAME, '_').trim();
  return name.replace(/^\.+/, '') || 'tep-tai-ve';
}

/** "Báo cáo Quý I.xlsx" → "Bao cao Quy I.xlsx": for clients that do not read `filename*`. */
export function asciiFilename(filename: string): string {
  return (
    filename
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      // Quoted-string: no quote or backslash; printable ASCII only.
      .replace(/[^\x20-\x7e]|["\\%]/g, '_')
  );
}

/** RFC 5987 `value-chars`: attr-char is encodeURIComponent's set minus ' ( ) *. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `attachment; filename="Bao cao.xlsx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.xlsx` */
export function contentDisposition(
  filename: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const name = cleanFilename(filename);
  const ascii = asciiFilename(name);
  const header = `${disposition}; filename="${ascii}"`;
  return ascii === name ? header : `${header}; filename*=UTF-8''${encodeExtValue(name)}`;
}

/** `Danh sách nhiệm vụ` → `Danh sách nhiệm vụ 2024-04-15.xlsx`, dated in Vietnam. */
export function datedFilename(base: string, extension: string, now: Date): string {
  return `${base} ${vietnamDate(now)}.${extension}`;
}

/**
 * Sends the file. Exports hold names and assignments, so no shared cache may keep them; the
 * content type is fixed so that a browser never sniffs a different one.
 */
export function sendFile(reply: FastifyReply, file: FileToSend): FastifyReply {
  const body = Buffer.isBuffer(file.buffer)
    ? file.buffer
    : Buffer.from(file.buffer.buffer, file.buffer.byteOffset, file.buffer.byteLength);
  return reply
    .header('content-type', file.mime)
    .header('content-disposition', contentDisposition(file.filename, file.disposition))
    .header('content-length', body.length)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
