import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  type Attachment,
  type AttachmentInput,
  FILE_MIMES,
  type FileInfo,
  FileInfoSchema,
  type FileMime,
  Sha256,
} from '@dieuhanh/core/api/directives';
import { DomainError, type FieldProblem, fieldProblem, NotFound } from '@dieuhanh/core/errors';
import { nfc } from '@dieuhanh/core/text/fold';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../config.ts';
import { attachments, files } from '../db/schema/index.ts';
import { appendAudit } from './audit.ts';
import { type Actor, actorOf, type Deps } from './context.ts';
import type { Db } from './db.ts';
import { type App, problems } from './http.ts';

/**
 * Attached files, content-addressed: the bytes are stored once per distinct SHA-256 in a
 * `FileStore`, the database keeps one `files` row per tenant and content and one `attachments`
 * row per (owner, file). A person's own uploads are attachments of owner type `user`, so
 * "the uploader may read it" and "whoever sees an owner may read it" are the same check.
 *
 * Sections: the store (bytes), sniffing (what a file is), SQL, the service used by modules,
 * and the two routes.
 */

// --- The store: where bytes live ---------------------------------------------------------------

/**
 * Where file contents live. The folder implementation below is the default; an S3-compatible
 * store implements the same three calls (PUT object if absent, HEAD, GET as a stream) and is
 * installed with `useFileStore(config, store)` before the app starts.
 */
export interface FileStore {
  /**
   * Makes `bytes` durable under `sha256`; idempotent (the same hash is the same content). Called
   * before the transaction that records the file commits, so no row ever names missing bytes. A
   * transaction that then fails leaves an unreferenced object, harmless and collectable.
   */
  put(sha256: string, bytes: Buffer): Promise<void>;
  has(sha256: string): Promise<boolean>;
  open(sha256: string): Promise<Readable>;
}

/** `<root>/<sha[0:2]>/<sha>`, written to a temporary file, fsynced, then renamed into place. */
export class FolderFileStore implements FileStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    return fs.existsSync(this.pathOf(sha256));
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) return;
    const dir = path.dirname(target);
    const tmpDir = path.join(this.root, 'tmp');
    await fsp.mkdir(dir, { recursive: true });
    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${sha256}.${randomBytes(6).toString('hex')}`);
    const handle = await fsp.open(tmp, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fsp.rename(tmp, target);
    } catch (error) {
      await fsp.rm(tmp, { force: true });
      throw error;
    }
    await syncDir(dir);
  }

  async open(sha256: string): Promise<Readable> {
    return fs.createReadStream(this.pathOf(sha256));
  }
}

/** Persists a rename (the directory entry); not every platform can open a directory. */
async function syncDir(dir: string) {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows and some file systems refuse; the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}

const stores = new WeakMap<Config, FileStore>();

export function fileStoreOf(config: Config): FileStore {
  let store = stores.get(config);
  if (!store) {
    store = new FolderFileStore(path.join(config.dataDir, 'files'));
    stores.set(config, store);
  }
  return store;
}

/** Replaces the store of an app's configuration (an S3-compatible store, a test double). */
export function useFileStore(config: Config, store: FileStore) {
  stores.set(config, store);
}

/** The upload limit: the configured request body limit (BODY_LIMIT_BYTES). */
export function maxFileBytes(config: Config): number {
  return config.bodyLimitBytes;
}

// --- Sniffing: what a file is, from its bytes (never from its name) ----------------------------

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  odt: 'application/vnd.oasis.opendocument.text',
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
} as const satisfies Record<string, FileMime>;

const startsWith = (bytes: Buffer, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const contains = (bytes: Buffer, text: string, encoding: BufferEncoding = 'latin1') =>
  bytes.includes(Buffer.from(text, encoding));

/**
 * The allowed type of a file, or null. Office Open XML and OpenDocument are zip archives told
 * apart by their entries (the names appear uncompressed in the zip headers); the old binary
 * Office formats are OLE2 containers told apart by their main stream's name (UTF-16LE).
 */
export function sniffMime(bytes: Buffer): FileMime | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return MIME.pdf;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return MIME.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return MIME.jpg;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (bytes.subarray(30, 38).toString('latin1') === 'mimetype') {
      return contains(bytes.subarray(38, 120), MIME.odt) ? MIME.odt : null;
    }
    if (contains(bytes, 'word/document.xml')) return MIME.docx;
    if (contains(bytes, 'xl/workbook.xml')) return MIME.xlsx;
    return null;
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (contains(bytes, 'WordDocument', 'utf16le')) return MIME.doc;
    if (contains(bytes, 'Workbook', 'utf16le') || contains(bytes, 'Book', 'utf16le')) return MIME.xls;
    return null;
  }
  return decodeText(bytes) === null ? null : MIME.txt;
}

/**
 * Plain text as a string: UTF-8 (with or without BOM) or UTF-16 with its BOM. Null for anything
 * else, including text with control characters other than tab, line and page breaks.
 */
export function decodeText(bytes: Buffer): string | null {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      const le = Buffer.from(bytes.subarray(2));
      if (le.length % 2 !== 0) return null;
      le.swap16();
      text = new TextDecoder('utf-16le', { fatal: true }).decode(le);
    } else {
      // TextDecoder drops a UTF-8 BOM by itself.
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
  } catch {
    return null;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return null;
  return text;
}

export class UnsupportedFile extends DomainError {
  constructor(field = '/file') {
    super(415, 'unsupported_file_type', 'Loại tệp không được hỗ trợ.', 'Unsupported file type.', [
      fieldProblem(
        field,
        'Chỉ nhận tệp PDF, Word (.docx, .doc), Excel (.xlsx, .xls), OpenDocument (.odt), văn bản (.txt, UTF-8/UTF-16), ảnh PNG hoặc JPEG.',
        'Accepted: PDF, Word (.docx, .doc), Excel (.xlsx, .xls), OpenDocument (.odt), plain text (.txt, UTF-8/UTF-16), PNG or JPEG images.',
      ),
    ]);
  }
}

export class FileTooLarge extends DomainError {
  constructor(limit: number, field = '/file') {
    super(413, 'payload_too_large', 'Tệp quá lớn.', 'The file is too large.', [
      fieldProblem(
        field,
        `Dung lượng tối đa là ${Math.floor(limit / 1024 / 1024)} MB.`,
        `The limit is ${limit} bytes.`,
      ),
    ]);
  }
}

export const noFile = (field = '/file') =>
  new DomainError(400, 'file_required', 'Chưa chọn tệp.', 'No file was sent.', [
    fieldProblem(field, 'Gửi một tệp (multipart/form-data).', 'Send one file (multipart/form-data).'),
  ]);

/** A file name safe to store and to put in a header: no folders, no control characters, NFC. */
export function cleanFileName(name: string | undefined): string {
  const base = nfc(name ?? '')
    .split(/[/\\]/)
    .pop()!
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  return (base || 'tep').slice(0, 255);
}

// --- SQL ---------------------------------------------------------------------------------------

type FileRow = typeof files.$inferSelect;

async function fileRow(db: Db, tenantId: string, sha256: string): Promise<FileRow | null> {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.tenantId, tenantId), eq(files.sha256, sha256)));
  return row ?? null;
}

async function fileRows(db: Db, tenantId: string, hashes: string[]): Promise<FileRow[]> {
  if (hashes.length === 0) return [];
  return db
    .select()
    .from(files)
    .where(and(eq(files.tenantId, tenantId), inArray(files.sha256, hashes)));
}

async function ownersOf(db: Db, tenantId: string, hashes: string[]) {
  if (hashes.length === 0) return [];
  return db
    .select({ sha256: attachments.sha256, ownerType: attachments.ownerType, ownerId: attachments.ownerId })
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenantId), inArray(attachments.sha256, hashes)));
}

/** The attachments of one owner with their files' size and type, in their order. */
export async function listAttachments(
  db: Db,
  tenantId: string,
  ownerType: string,
  ownerId: string,
): Promise<Attachment[]> {
  const rows = await db
    .select({ a: attachments, size: files.size, mime: files.mime })
    .from(attachments)
    .innerJoin(files, and(eq(files.tenantId, attachments.tenantId), eq(files.sha256, attachments.sha256)))
    .where(
      and(
        eq(attachments.tenantId, tenantId),
        eq(attachments.ownerType, ownerType),
        eq(attachments.ownerId, ownerId),
      ),
    )
    .orderBy(asc(attachments.position), asc(attachments.name));
  return rows.map((r) => ({
    sha256: r.a.sha256,
    name: r.a.name,
    purpose: r.a.purpose,
    size: r.size,
    mime: r.mime as FileMime,
  }));
}

/** Removes every attachment of an owner (when the owner is deleted). The files stay. */
export async function removeAttachments(db: Db, tenantId: string, ownerType: string, ownerId: string) {
  await db
    .delete(attachments)
    .where(
      and(
        eq(attachments.tenantId, tenantId),
        eq(attachments.ownerType, ownerType),
        eq(attachments.ownerId, ownerId),
      ),
    );
}

// --- Access: who may read a file ----------------------------------------------------------------

/**
 * Given owner ids of one type, returns the subset the actor may see (the immich pattern: access
 * checks take a set of ids and return the allowed ones). Modules register one per owner type.
 */
export type OwnerVisibility = (db: Db, actor: Actor, ownerIds: string[]) => Promise<string[]>;

const ownerTypes = new Map<string, OwnerVisibility>([
  ['user', async (_db, actor, ids) => ids.filter((id) => id === actor.principal.userId)],
]);

export function registerAttachmentOwner(ownerType: string, visible: OwnerVisibility) {
  ownerTypes.set(ownerType, visible);
}

/** The hashes among `hashes` the actor may read: attached to an owner they can see. */
export async function readableFiles(db: Db, actor: Actor, hashes: string[]): Promise<Set<string>> {
  const owners = await ownersOf(db, actor.principal.tenantId, [...new Set(hashes)]);
  const byType = new Map<string, typeof owners>();
  for (const o of owners) byType.set(o.ownerType, [...(byType.get(o.ownerType) ?? []), o]);
  const readable = new Set<string>();
  for (const [type, list] of byType) {
    const visible = ownerTypes.get(type);
    if (!visible) continue;
    const allowed = new Set(await visible(db, actor, [...new Set(list.map((o) => o.ownerId))]));
    for (const o of list) if (allowed.has(o.ownerId)) readable.add(o.sha256);
  }
  return readable;
}

// --- Service: what modules call ------------------------------------------------------------------

/**
 * Checks attachments a module is about to store: each file must exist in the tenant and be
 * readable by the actor (so nobody attaches a hash they guessed and reads it through the owner).
 */
export async function attachmentProblems(
  db: Db,
  actor: Actor,
  inputs: AttachmentInput[],
  base = '/attachments',
): Promise<FieldProblem[]> {
  const problemsFound: FieldProblem[] = [];
  const hashes = inputs.map((a) => a.sha256);
  const readable = await readableFiles(db, actor, hashes);
  const seen = new Set<string>();
  inputs.forEach((a, i) => {
    if (!readable.has(a.sha256))
      problemsFound.push(
        fieldProblem(
          `${base}/${i}/sha256`,
          'Tệp không tồn tại hoặc bạn không có quyền dùng tệp này; hãy tải tệp lên trước.',
          'No such file you may use; upload it first.',
        ),
      );
    else if (seen.has(a.sha256))
      problemsFound.push(
        fieldProblem(`${base}/${i}/sha256`, 'Tệp đính kèm bị trùng.', 'The file is attached twice.'),
      );
    seen.add(a.sha256);
  });
  return problemsFound;
}

/**
 * Makes `inputs` the attachments of an owner, in this order (call `attachmentProblems` first).
 * Runs inside the owner's transaction; returns what is now attached, for the audit event.
 */
export async function replaceAttachments(
  tx: Db,
  actor: Actor,
  ownerType: string,
  ownerId: string,
  inputs: AttachmentInput[],
): Promise<Array<{ sha256: string; name: string; purpose: string }>> {
  const { tenantId } = actor.principal;
  const known = new Map(
    (
      await fileRows(
        tx,
        tenantId,
        inputs.map((a) => a.sha256),
      )
    ).map((f) => [f.sha256, f]),
  );
  await removeAttachments(tx, tenantId, ownerType, ownerId);
  const rows = inputs.map((a, position) => ({
    tenantId,
    ownerType,
    ownerId,
    sha256: a.sha256,
    name: a.name ? cleanFileName(a.name) : (known.get(a.sha256)?.originalName ?? 'tep'),
    purpose: a.purpose ?? 'attachment',
    position,
    createdBy: actor.principal.userId,
  }));
  if (rows.length) await tx.insert(attachments).values(rows);
  return rows.map((r) => ({ sha256: r.sha256, name: r.name, purpose: r.purpose }));
}

/**
 * Stores an upload: sniffs and limits it, writes the bytes durably, then records the file (once
 * per content) and the uploader's own attachment, with an audit event, in one transaction.
 */
export async function storeUpload(
  deps: Deps,
  actor: Actor,
  upload: { bytes: Buffer; filename: string | undefined },
): Promise<FileInfo> {
  const { bytes } = upload;
  const limit = maxFileBytes(deps.config);
  if (bytes.length > limit) throw new FileTooLarge(limit);
  if (bytes.length === 0)
    throw new DomainError(400, 'empty_file', 'Tệp rỗng.', 'The file is empty.', [
      fieldProblem('/file', 'Tệp không có nội dung.', 'The file has no content.'),
    ]);
  const mime = sniffMime(bytes);
  if (!mime) throw new UnsupportedFile();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const name = cleanFileName(upload.filename);
  await fileStoreOf(deps.config).put(sha256, bytes);
  const { tenantId, userId } = actor.principal;
  return deps.db.transaction(async (tx) => {
    await tx
      .insert(files)
      .values({ tenantId, sha256, size: bytes.length, mime, originalName: name, createdBy: userId })
      .onConflictDoNothing();
    await tx
      .insert(attachments)
      .values({
        tenantId,
        ownerType: 'user',
        ownerId: userId,
        sha256,
        name,
        purpose: 'upload',
        createdBy: userId,
      })
      .onConflictDoNothing();
    await appendAudit(tx, {
      tenantId,
      actorId: userId,
      action: 'file.uploaded',
      resourceType: 'file',
      resourceId: sha256,
      after: { sha256, size: bytes.length, mime, name },
      requestId: actor.requestId,
    });
    return { sha256, size: bytes.length, mime, name };
  });
}

/** A file the actor may read, with a stream of its bytes; 404 otherwise (missing = forbidden). */
export async function openFile(deps: Deps, actor: Actor, sha256: string) {
  const row = await fileRow(deps.db, actor.principal.tenantId, sha256);
  if (!row || !(await readableFiles(deps.db, actor, [sha256])).has(sha256)) throw new NotFound('file');
  const store = fileStoreOf(deps.config);
  if (!(await store.has(sha256))) throw new NotFound('file');
  return { row, stream: await store.open(sha256) };
}

// --- Routes --------------------------------------------------------------------------------------

/** A one-file multipart body as OpenAPI shows it. */
export const FileUploadBody = Type.Object(
  { file: Type.String({ format: 'binary', description: 'Tệp / The file' }) },
  { description: 'multipart/form-data' },
);

/**
 * @fastify/multipart leaves the body to the handler, which reads the file; the validator gets a
 * placeholder so that the declared body schema stays exact for other content types.
 */
export async function markUpload(request: FastifyRequest) {
  if (request.isMultipart()) request.body = { file: 'multipart' };
}

const INLINE = new Set<string>([MIME.pdf, MIME.png, MIME.jpg, MIME.txt]);

export function fileRoutes(app: App, deps: Deps) {
  app.post(
    '/files',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      preValidation: markUpload,
      schema: {
        tags: ['files'],
        summary: 'Tải tệp lên / Upload a file',
        description:
          'multipart/form-data with one file. Types are sniffed from the content: ' +
          `${FILE_MIMES.join(', ')}. Identical content is stored once.`,
        consumes: ['multipart/form-data'],
        body: FileUploadBody,
        response: { 201: FileInfoSchema, ...problems(400, 401, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) throw noFile();
      const part = await request.file({ limits: { fileSize: maxFileBytes(deps.config), files: 1 } });
      if (!part) throw noFile();
      const bytes = await part.toBuffer();
      return reply.status(201).send(await storeUpload(deps, actor, { bytes, filename: part.filename }));
    },
  );

  app.get(
    '/files/:sha256',
    {
      schema: {
        tags: ['files'],
        summary: 'Tải tệp về / Download a file',
        description: 'Only for its uploader and for whoever can see something it is attached to.',
        params: Type.Object({ sha256: Sha256 }),
        response: {
          200: Type.Unsafe<Readable>({
            description: 'Tệp / The file',
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
          }),
          ...problems(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const { row, stream } = await openFile(deps, actorOf(request), request.params.sha256);
      const disposition = INLINE.has(row.mime) ? 'inline' : 'attachment';
      const ascii = row.originalName
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd')
        .replace(/Đ/g, 'D')
        .replace(/[^\x20-\x7e]/g, '_');
      return reply
        .header('content-type', row.mime === MIME.txt ? 'text/plain; charset=utf-8' : row.mime)
        .header('content-length', String(row.size))
        .header(
          'content-disposition',
          `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.originalName)}`,
        )
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('etag', `"${row.sha256}"`)
        .send(stream);
    },
  );
}
