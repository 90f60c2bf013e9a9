import { DomainError, fieldProblem } from '@dieuhanh/core/errors';
import mammoth from 'mammoth';
import type { Config } from '../../config.ts';
import { decodeText, FileTooLarge, maxFileBytes, sniffMime } from '../../platform/files.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const unreadable = () =>
  new DomainError(400, 'unreadable_file', 'Không đọc được nội dung tệp.', 'The file could not be read.', [
    fieldProblem(
      '/file',
      'Tệp bị hỏng hoặc không phải văn bản Word hợp lệ.',
      'The file is damaged or not a valid Word document.',
    ),
  ]);

const notParsable = () =>
  new DomainError(
    415,
    'unsupported_file_type',
    'Chỉ đọc được văn bản .docx hoặc .txt.',
    'Only .docx and .txt documents can be read.',
    [
      fieldProblem(
        '/file',
        'Hãy gửi tệp Word (.docx) hoặc văn bản thuần (.txt, UTF-8 hoặc UTF-16). Tệp .doc, PDF và ảnh cần chuyển sang .docx trước.',
        'Send a Word (.docx) or plain text (.txt, UTF-8 or UTF-16) file. Convert .doc, PDF and images to .docx first.',
      ),
    ],
  );

/**
 * The text of an uploaded directive. The type comes from the content, not the name: a .txt is
 * decoded as UTF-8 or, with its BOM, UTF-16; a .docx goes through mammoth.
 */
export async function extractUploadText(
  config: Config,
  upload: { bytes: Buffer; filename: string | undefined },
): Promise<string> {
  const { bytes } = upload;
  const limit = maxFileBytes(config);
  if (bytes.length > limit) throw new FileTooLarge(limit);
  if (bytes.length === 0) return '';
  const mime = sniffMime(bytes);
  if (mime === 'text/plain') return decodeText(bytes)!;
  if (mime === DOCX) return docxText(bytes);
  throw notParsable();
}

/**
 * mammoth's `extractRawText` drops soft line breaks ("ỦY BAN NHÂN DÂN⏎TỈNH LẠNG SƠN" becomes one
 * glued word), Word's automatic numbering (the "1." of every item) and table layout. So the
 * document goes through mammoth's HTML, which keeps all three, and that HTML is written out as
 * the plain text the parser reads: paragraphs apart, breaks as new lines, numbered lists with
 * their numbers, and table rows as `| cell | cell |` lines (the header and signature blocks of
 * an administrative document are two-column tables).
 */
export async function docxText(bytes: Buffer): Promise<string> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  } catch {
    throw unreadable();
  }
  return htmlToText(html);
}

// --- mammoth's HTML as text ------------------------------------------------------------------------

interface Element {
  tag: string;
  children: Node[];
}
type Node = Element | string;

const VOID = new Set(['br', 'img', 'hr']);

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[lower] ?? '';
  });
}

/** mammoth writes well-formed, attribute-light HTML; a stack of open elements is enough. */
function parseHtml(html: string): Element {
  const root: Element = { tag: 'root', children: [] };
  const stack: Element[] = [root];
  const re = /<(\/?)([a-z0-9]+)[^>]*?(\/?)>|([^<]+)/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const top = stack[stack.length - 1]!;
    if (m[4] !== undefined) {
      top.children.push(decodeEntities(m[4]));
      continue;
    }
    const tag = m[2]!.toLowerCase();
    if (m[1]) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
    } else {
      const el: Element = { tag, children: [] };
      top.children.push(el);
      if (!m[3] && !VOID.has(tag)) stack.push(el);
    }
  }
  return root;
}

const BLOCK = /^(p|h[1-6]|ol|ul|li|table|tr|td|th|div|blockquote)$/;

/** The inline text of a node: breaks are new lines, nested blocks are separate lines. */
function inline(node: Node): string {
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return '\n';
  if (node.tag === 'img') return '';
  if (BLOCK.test(node.tag)) return blocks(node.children, 0).join('\n');
  return node.children.map(inline).join('');
}

const letter = (i: number) => String.fromCharCode(97 + (i % 26));

/** A list's items with their markers: `1.` at the first level, `a)` below, `-` for bullets. */
function list(el: Element, depth: number): string[] {
  const out: string[] = [];
  let n = 0;
  for (const child of el.children) {
    if (typeof child === 'string' || child.tag !== 'li') continue;
    const marker = el.tag === 'ul' ? '-' : depth === 0 ? `${n + 1}.` : `${letter(n)})`;
    n++;
    const own = child.children.filter((c) => typeof c === 'string' || (c.tag !== 'ol' && c.tag !== 'ul'));
    const nested = child.children.filter(
      (c): c is Element => typeof c !== 'string' && (c.tag === 'ol' || c.tag === 'ul'),
    );
    out.push(`${marker} ${blocks(own, depth).join('\n').trim()}`);
    for (const sub of nested) out.push(...list(sub, depth + 1));
  }
  return out;
}

/** Table rows as `| a | b |` lines, line k of every cell side by side. */
function table(el: Element): string {
  const rows: Element[] = [];
  const collect = (e: Element) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (c.tag === 'tr') rows.push(c);
      else if (c.tag === 'thead' || c.tag === 'tbody' || c.tag === 'tfoot') collect(c);
    }
  };
  collect(el);
  const lines: string[] = [];
  for (const row of rows) {
    const cells = row.children
      .filter((c): c is Element => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'))
      .map((cell) =>
        blocks(cell.children, 0)
          .join('\n')
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== ''),
      );
    const height = Math.max(1, ...cells.map((c) => c.length));
    for (let k = 0; k < height; k++) lines.push(`| ${cells.map((c) => c[k] ?? '').join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Block-level children as paragraphs (each may hold line breaks). */
function blocks(nodes: Node[], depth: number): string[] {
  const out: string[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer.trim() !== '') out.push(buffer);
    buffer = '';
  };
  for (const node of nodes) {
    if (typeof node === 'string' || !BLOCK.test(node.tag)) {
      buffer += inline(node);
      continue;
    }
    flush();
    if (node.tag === 'ol' || node.tag === 'ul') out.push(...list(node, depth));
    else if (node.tag === 'table') out.push(table(node));
    else out.push(...blocks(node.children, depth));
  }
  flush();
  return out;
}

export function htmlToText(html: string): string {
  return blocks(parseHtml(html).children, 0)
    .map((b) =>
      b
        .split('\n')
        .map((l) => l.replace(/[ \t\u00a0]+$/g, ''))
        .join('\n'),
    )
    .filter((b) => b.trim() !== '')
    .join('\n\n')
    .concat('\n');
}
