/**
 * Administrative documents (báo cáo, công văn, thông báo, kế hoạch …) as .docx, laid out as
 * Decree 30/2020/NĐ-CP, Appendix I prescribes: the issuer and the national title side by side,
 * the number and the place-and-date line, the document type and subject, the body, and the
 * "Nơi nhận" list beside the signature. The sizes live in administrative-layout.ts; the wording
 * rules (leading zeros, "V/v", "- Lưu: VT, …") in administrative-text.ts.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { BODY, CLOSING, FONT, HEADER, MARGINS, mm, PAGE, SIZE, TEXT_WIDTH } from './administrative-layout.ts';
import { aboutLine, copiesToLines, documentNumber, placeAndDate } from './administrative-text.ts';
import { textWidthPt } from './text-width.ts';
import { cleanText } from './values.ts';

/** Text with some words bold or italic: `['Đã hoàn thành ', { text: '120', bold: true }, ' nhiệm vụ.']`. */
export type Inline = string | { text: string; bold?: boolean; italic?: boolean; underline?: boolean };
export type RichText = string | readonly Inline[];

export type DocBlock =
  /** A body paragraph, justified with its first line indented. A "\n" starts a new paragraph. */
  | { kind: 'paragraph'; text: RichText; align?: 'justify' | 'center' | 'right' | 'left'; indent?: boolean }
  /**
   * A section heading, numbered by the caller as Vietnamese reports are ("I. KẾT QUẢ …",
   * "1. …", "a) …"): levels 1 and 2 bold, level 3 italic. Kept with the paragraph after it.
   */
  | { kind: 'heading'; text: RichText; level?: 1 | 2 | 3 }
  /** Items as typed in Vietnamese documents: "- …", "+ …", "1. …" or "a) …". */
  | { kind: 'list'; items: readonly RichText[]; marker?: '-' | '+' | 'number' | 'letter' }
  /**
   * A bordered table across the text width; the header row is bold and repeats on each page.
   * Column `width`s are relative weights (default 1 each). Numbers are written the Vietnamese
   * way (1.234,5) and aligned right.
   */
  | {
      kind: 'table';
      title?: string;
      columns: ReadonlyArray<{ header: string; width?: number; align?: 'left' | 'center' | 'right' }>;
      rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
      /** A last row in bold ("Tổng cộng"). */
      totals?: ReadonlyArray<string | number | null>;
    };

export interface Signer {
  /** "KT. CHÁNH VĂN PHÒNG", "TM. ỦY BAN NHÂN DÂN", "TL. …", "TUQ. …", "Q. …" when signing for someone. */
  authority?: string;
  /** "PHÓ CHÁNH VĂN PHÒNG". */
  title: string;
  name: string;
}

export interface AdministrativeDocument {
  /** The body the issuer belongs to (tên cơ quan chủ quản): "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN". */
  issuerParent?: string;
  /** The issuer (cơ quan ban hành): "VĂN PHÒNG". A "\n" splits a long name over two lines. */
  issuer: string;
  /** Number and symbol: "15/BC-VP" (or "/BC-VP" for a draft not yet registered). */
  number: string;
  /** Place name (địa danh): "Lạng Sơn". */
  place: string;
  /** Date of issue, YYYY-MM-DD. */
  date: string;
  /** "BÁO CÁO", "KẾ HOẠCH", "THÔNG BÁO" …; null for a công văn (which has no type name). */
  documentType: string | null;
  /** Trích yếu: under the type for a named document, as "V/v …" under the number for a công văn. */
  subject: string;
  /** Kính gửi: the addressees, printed before the body (usual for a công văn). */
  recipients?: readonly string[];
  body: readonly DocBlock[];
  /** Nơi nhận: the distribution list. Punctuation is added ("- …;"); see copiesToLines. */
  copiesTo: readonly string[];
  /** Drafting unit for the last line "- Lưu: VT, <archive>.". */
  archive?: string;
  signer: Signer;
}

// ---------------------------------------------------------------------------------------------
// Runs and paragraphs

interface RunStyle {
  size: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

const run = (text: string, style: RunStyle) =>
  new TextRun({
    text: cleanText(text),
    font: FONT,
    size: style.size * 2,
    bold: style.bold ?? false,
    italics: style.italic ?? false,
    ...(style.underline ? { underline: {} } : {}),
  });

function runs(text: RichText, style: RunStyle): TextRun[] {
  const parts = typeof text === 'string' ? [text] : text;
  return parts.map((part) =>
    typeof part === 'string'
      ? run(part, style)
      : run(part.text, {
          ...style,
          bold: part.bold ?? style.bold,
          italic: part.italic ?? style.italic,
          underline: part.underline,
        }),
  );
}

const upper = (text: string) => cleanText(text).toLocaleUpperCase('vi');

interface LineOptions {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  before?: number;
  after?: number;
  keepNext?: boolean;
  line?: number;
}

function line(children: ParagraphChild[], options: LineOptions = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: options.align ?? AlignmentType.CENTER,
    spacing: { before: options.before ?? 0, after: options.after ?? 0, line: options.line ?? 240 },
    keepNext: options.keepNext ?? false,
    keepLines: true,
  });
}

/** Between the text and the rule under it. */
const RULE_GAP = 70;

/**
 * The decree's short solid rules: an empty paragraph a few points high, with a bottom border as
 * long as `widthPt`, centred in a space `within` twips wide. Its mark is set at 1 pt so that the
 * empty line's own height does not push the rule down.
 */
function rule(widthPt: number, within: number): Paragraph {
  const width = Math.min(within, Math.round(widthPt * 20));
  const side = Math.max(0, Math.floor((within - width) / 2));
  return new Paragraph({
    children: [],
    run: { size: 2 },
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: RULE_GAP, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 0 } },
    keepNext: true,
  });
}

/** The widest of the lines `text` wraps into within `within` twips (an estimate: no hyphenation). */
function lineWidthPt(text: string, size: number, bold: boolean, within: number): number {
  return Math.min(within / 20, Math.max(...text.split('\n').map((l) => textWidthPt(l, size, bold))));
}

const noBorders = TableBorders.NONE;
const zeroMargins = { top: 0, bottom: 0, left: 0, right: 0 };

function layoutTable(widths: number[], cells: Paragraph[][], indent = 0): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    ...(indent ? { indent: { size: indent, type: WidthType.DXA } } : {}),
    rows: [
      new TableRow({
        cantSplit: true,
        children: cells.map(
          (children, i) =>
            new TableCell({
              children,
              width: { size: widths[i]!, type: WidthType.DXA },
              margins: zeroMargins,
              borders: noBorders,
              verticalAlign: VerticalAlignTable.TOP,
            }),
        ),
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// The parts of the document, top to bottom

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

function headerBlock(doc: AdministrativeDocument): Table[] {
  const issuerLines = upper(doc.issuer).split('\n');
  const left: Paragraph[] = [];
  if (doc.issuerParent) left.push(line([run(upper(doc.issuerParent), { size: SIZE.issuer })]));
  for (const text of issuerLines) left.push(line([run(text, { size: SIZE.issuer, bold: true })]));
  // 1/3 to 1/2 of the issuer's line: a half, so that a short name such as "VĂN PHÒNG" still shows one.
  left.push(rule(lineWidthPt(issuerLines.join('\n'), SIZE.issuer, true, HEADER.left) / 2, HEADER.left));

  const right = [
    line([run(NATIONAL_TITLE, { size: SIZE.nationalTitle, bold: true })]),
    line([run(MOTTO, { size: SIZE.motto, bold: true })]),
    // As long as the motto.
    rule(textWidthPt(MOTTO, SIZE.motto, true), HEADER.right),
  ];

  // The number and the date share a row, so they stand on the same line whatever is above them.
  const numberCell = [line([run(documentNumber(doc.number), { size: SIZE.number })], { before: 100 })];
  if (doc.documentType === null) {
    numberCell.push(line([run(aboutLine(doc.subject), { size: SIZE.about })], { before: 120 }));
  }
  const dateCell = [
    line([run(placeAndDate(doc.place, doc.date), { size: SIZE.placeDate, italic: true })], { before: 100 }),
  ];
  return [
    layoutTable([HEADER.left, HEADER.right], [left, right], -HEADER.shift),
    layoutTable([HEADER.left, HEADER.right], [numberCell, dateCell], -HEADER.shift),
  ];
}

function titleBlock(doc: AdministrativeDocument): Paragraph[] {
  if (doc.documentType === null) return [];
  const subject = cleanText(doc.subject).trim();
  return [
    line([run(upper(doc.documentType), { size: SIZE.title, bold: true })], { before: 360, keepNext: true }),
    ...subject
      .split('\n')
      .map((text) => line([run(text, { size: SIZE.title, bold: true })], { keepNext: true })),
    rule(lineWidthPt(subject, SIZE.title, true, TEXT_WIDTH) / 3, TEXT_WIDTH),
  ];
}

/**
 * "Kính gửi: Sở Nội vụ." on one centred line, or "Kính gửi:" followed by one addressee a line,
 * each "- …;" and the last ending with a full stop.
 */
function addresseesBlock(recipients: readonly string[] | undefined): Paragraph[] {
  const names = (recipients ?? [])
    .map((r) =>
      cleanText(r)
        .trim()
        .replace(/^[-–+]\s*/, '')
        .replace(/[;.,]+$/, ''),
    )
    .filter((r) => r !== '');
  if (names.length === 0) return [];
  const size = SIZE.body;
  const label = run('Kính gửi:', { size });
  if (names.length === 1) {
    return [line([label, run(` ${names[0]}.`, { size })], { before: 240, after: 120 })];
  }
  const labelAt = mm(20);
  const listAt = labelAt + Math.round(textWidthPt('Kính gửi: ', size) * 20);
  return names.map(
    (name, i) =>
      new Paragraph({
        children: [
          ...(i === 0 ? [label, new TextRun({ text: '\t', font: FONT, size: size * 2 })] : []),
          run(`- ${name}${i === names.length - 1 ? '.' : ';'}`, { size }),
        ],
        alignment: AlignmentType.LEFT,
        indent: { left: listAt, hanging: i === 0 ? listAt - labelAt : 0 },
        tabStops: [{ type: TabStopType.LEFT, position: listAt }],
        spacing: { before: i === 0 ? 240 : 0, after: i === names.length - 1 ? 120 : 0, line: 240 },
        keepNext: true,
      }),
  );
}

const ALIGN = {
  justify: AlignmentType.JUSTIFIED,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  left: AlignmentType.LEFT,
} as const;

function bodyParagraph(
  children: ParagraphChild[],
  options: { align?: keyof typeof ALIGN; indent?: boolean; keepNext?: boolean } = {},
) {
  return new Paragraph({
    children,
    alignment: ALIGN[options.align ?? 'justify'],
    indent: { firstLine: options.indent === false ? 0 : BODY.firstLineIndent },
    spacing: { before: BODY.spaceBefore, after: 0, line: BODY.line },
    keepNext: options.keepNext ?? false,
  });
}

/** A string with "\n" is several paragraphs; rich text is one. */
function paragraphsOf(text: RichText): RichText[] {
  return typeof text === 'string' ? text.split('\n').filter((t) => t.trim() !== '') : [text];
}

const LETTERS = 'abcdeghiklmnopqrstuvxy'; // the Vietnamese alphabet's order, without đ and f/j/w/z

function marker(kind: '-' | '+' | 'number' | 'letter', index: number): string {
  if (kind === 'number') return `${index + 1}. `;
  if (kind === 'letter') return `${LETTERS[index % LETTERS.length]}) `;
  return `${kind} `;
}

const vietnameseNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

function tableBlock(block: Extract<DocBlock, { kind: 'table' }>): Array<Paragraph | Table> {
  const weights = block.columns.map((c) => (c.width && c.width > 0 ? c.width : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const margins = { top: 40, bottom: 40, left: 80, right: 80 };
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({
      children,
      width: { size: width, type: WidthType.DXA },
      margins,
      borders,
      verticalAlign: VerticalAlignTable.CENTER,
    });
  const cellLine = (text: string, align: keyof typeof ALIGN, bold = false) =>
    line([run(text, { size: SIZE.table, bold })], { align: ALIGN[align] });

  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((c, i) => cell([cellLine(c.header, 'center', true)], widths[i]!)),
  });
  const row = (values: ReadonlyArray<string | number | null>, bold: boolean) =>
    new TableRow({
      cantSplit: true,
      children: block.columns.map((c, i) => {
        const value = values[i];
        const text =
          value === null || value === undefined
            ? ''
            : typeof value === 'number'
              ? vietnameseNumber.format(value)
              : value;
        const align = c.align ?? (typeof value === 'number' ? 'right' : 'left');
        return cell(
          text.split('\n').map((t) => cellLine(t, align, bold)),
          widths[i]!,
        );
      }),
    });
  const rows = block.rows.map((values) => row(values, false));
  if (block.totals) rows.push(row(block.totals, true));
  const parts: Array<Paragraph | Table> = [];
  if (block.title)
    parts.push(
      line([run(block.title, { size: SIZE.body, bold: true })], { before: 120, after: 60, keepNext: true }),
    );
  else parts.push(line([], { before: 60 }));
  parts.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: TableBorders.NONE,
      rows: [header, ...rows],
    }),
  );
  return parts;
}

/**
 * The body. Its last paragraph is kept on the page of the signature, so that the signature
 * never stands alone on a page with nothing of the text above it.
 */
function bodyBlocks(blocks: readonly DocBlock[]): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  const style = { size: SIZE.body };
  blocks.forEach((block, b) => {
    const lastBlock = b === blocks.length - 1;
    switch (block.kind) {
      case 'paragraph': {
        const texts = paragraphsOf(block.text);
        texts.forEach((text, i) => {
          const keepNext = lastBlock && i === texts.length - 1;
          out.push(bodyParagraph(runs(text, style), { align: block.align, indent: block.indent, keepNext }));
        });
        break;
      }
      case 'heading': {
        const level = block.level ?? 1;
        const headingStyle = level === 3 ? { ...style, italic: true } : { ...style, bold: true };
        out.push(bodyParagraph(runs(block.text, headingStyle), { keepNext: true }));
        break;
      }
      case 'list':
        block.items.forEach((item, i) => {
          const keepNext = lastBlock && i === block.items.length - 1;
          out.push(
            bodyParagraph([run(marker(block.marker ?? '-', i), style), ...runs(item, style)], { keepNext }),
          );
        });
        break;
      case 'table':
        out.push(...tableBlock(block));
        break;
    }
  });
  return out;
}

function closingBlock(doc: AdministrativeDocument): Table {
  const list = copiesToLines(doc.copiesTo, doc.archive, (doc.recipients?.length ?? 0) > 0);
  const left = [
    line([run('Nơi nhận:', { size: SIZE.copiesToLabel, bold: true, italic: true })], {
      align: AlignmentType.LEFT,
    }),
    ...list.map((text) => line([run(text, { size: SIZE.copiesTo })], { align: AlignmentType.LEFT })),
  ];
  const signer = { size: SIZE.signer, bold: true };
  const right = [
    ...(doc.signer.authority ? [line([run(upper(doc.signer.authority), signer)])] : []),
    line([run(upper(doc.signer.title), signer)]),
    // Room for the signature and the seal.
    line([run(cleanText(doc.signer.name).trim(), signer)], { before: 1600 }),
  ];
  return layoutTable([CLOSING.left, CLOSING.right], [left, right]);
}

/** Page numbers centred in the top margin, from page 2 on (the first page's header is empty). */
function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.pageNumber * 2 })],
      }),
    ],
  });
}

export async function writeAdministrativeDocx(doc: AdministrativeDocument): Promise<Buffer> {
  const document = new Document({
    title: doc.documentType ? `${upper(doc.documentType)} ${cleanText(doc.number)}` : cleanText(doc.number),
    subject: cleanText(doc.subject),
    creator: cleanText(doc.issuer),
    description: 'Điều hành',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: SIZE.body * 2, language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0, line: 240 } },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: MARGINS,
          },
        },
        headers: {
          default: pageNumberHeader(),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: [
          ...headerBlock(doc),
          ...titleBlock(doc),
          ...addresseesBlock(doc.recipients),
          ...bodyBlocks(doc.body),
          line([], { before: 240, keepNext: true }),
          closingBlock(doc),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
