/**
 * The administrative .docx, read back as Word would: the text through mammoth, the layout from
 * word/document.xml (a .docx is a zip) against Decree 30/2020/NĐ-CP, Appendix I.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AdministrativeDocument, writeAdministrativeDocx } from '../src/platform/exports/index.ts';
import { SAMPLE_OFFICIAL_LETTER, SAMPLE_REPORT } from '../src/platform/exports/sample-report.ts';

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  /** Half-points, as Word stores them. */
  size: number | null;
}

interface Para {
  text: string;
  runs: Run[];
  align: string | null;
  firstLine: number;
  before: number;
  after: number;
  line: number | null;
  /** A bottom border: the decree's short rules. */
  rule: boolean;
  indentLeft: number;
  keepNext: boolean;
}

const unescapeXml = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

const on = (xml: string, tag: string) => new RegExp(`<w:${tag}(?: w:val="(?:true|1|on)")?/>`).test(xml);
const attr = (xml: string, re: RegExp) => {
  const m = re.exec(xml);
  return m ? Number(m[1]) : null;
};

function paragraphs(xml: string): Para[] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>/gs)].map(([, p]) => {
    const pPr = /<w:pPr>(.*?)<\/w:pPr>/s.exec(p!)?.[1] ?? '';
    const runs = [...p!.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map(([, r]) => {
      const rPr = /<w:rPr>(.*?)<\/w:rPr>/s.exec(r!)?.[1] ?? '';
      return {
        text: unescapeXml([...r!.matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/gs)].map((t) => t[1]).join('')),
        bold: on(rPr, 'b'),
        italic: on(rPr, 'i'),
        size: attr(rPr, /<w:sz w:val="(\d+)"/),
      };
    });
    return {
      text: runs.map((r) => r.text).join(''),
      runs,
      align: /<w:jc w:val="(\w+)"/.exec(pPr)?.[1] ?? null,
      firstLine: attr(pPr, /<w:ind [^>]*w:firstLine="(\d+)"/) ?? 0,
      before: attr(pPr, /<w:spacing [^>]*w:before="(\d+)"/) ?? 0,
      after: attr(pPr, /<w:spacing [^>]*w:after="(\d+)"/) ?? 0,
      line: attr(pPr, /<w:spacing [^>]*w:line="(\d+)"/),
      rule: /<w:pBdr><w:bottom w:val="single"/.test(pPr),
      indentLeft: attr(pPr, /<w:ind [^>]*w:left="(\d+)"/) ?? 0,
      keepNext: on(pPr, 'keepNext'),
    };
  });
}

/** Top-level tables, each as its rows of cells of paragraphs (no nested tables here). */
function tables(xml: string): Array<{ xml: string; rows: Para[][][] }> {
  return [...xml.matchAll(/<w:tbl>(.*?)<\/w:tbl>/gs)].map(([, t]) => ({
    xml: t!,
    rows: [...t!.matchAll(/<w:tr>(.*?)<\/w:tr>/gs)].map(([, tr]) =>
      [...tr!.matchAll(/<w:tc>(.*?)<\/w:tc>/gs)].map(([, tc]) => paragraphs(tc!)),
    ),
  }));
}

interface Opened {
  text: string;
  xml: string;
  paras: Para[];
  tables: ReturnType<typeof tables>;
  zip: JSZip;
}

async function open(buffer: Buffer): Promise<Opened> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const { value: text } = await mammoth.extractRawText({ buffer });
  return { text, xml, paras: paragraphs(xml), tables: tables(xml), zip };
}

function para(doc: Opened, text: string): Para {
  const found = doc.paras.find((p) => p.text === text);
  if (!found) throw new Error(`No paragraph "${text}" in:\n${doc.paras.map((p) => p.text).join('\n')}`);
  return found;
}

const sizesOf = (p: Para) => [...new Set(p.runs.map((r) => r.size))];

let report: Opened;
let letter: Opened;
beforeAll(async () => {
  report = await open(await writeAdministrativeDocx(SAMPLE_REPORT));
  letter = await open(await writeAdministrativeDocx(SAMPLE_OFFICIAL_LETTER));
});

describe('a báo cáo', () => {
  it('puts the issuer left and the national title and motto right, in one borderless header table', () => {
    const [header] = report.tables;
    expect(header!.xml).toMatch(/<w:tblBorders><w:top w:val="none"/);
    const [left, right] = header!.rows[0]!;
    expect(left!.filter((p) => p.text).map((p) => p.text)).toEqual([
      'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN',
      'VĂN PHÒNG',
    ]);
    expect(right!.filter((p) => p.text).map((p) => p.text)).toEqual([
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
    ]);
    // A short rule under the issuer and one under the motto.
    expect(left!.at(-1)!.rule).toBe(true);
    expect(right!.at(-1)!.rule).toBe(true);
    const [numberCell, dateCell] = report.tables[1]!.rows[0]!;
    expect(numberCell!.map((p) => p.text)).toEqual(['Số: 15/BC-VP']);
    expect(dateCell!.map((p) => p.text)).toEqual(['Lạng Sơn, ngày 15 tháng 4 năm 2024']);
  });

  it('sets the header parts in the decree styles and sizes', () => {
    const parent = para(report, 'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN');
    expect(parent.runs.every((r) => !r.bold)).toBe(true);
    expect(sizesOf(parent)).toEqual([24]);
    const issuer = para(report, 'VĂN PHÒNG');
    expect(issuer.runs.every((r) => r.bold)).toBe(true);
    expect(sizesOf(issuer)[0]).toBeGreaterThanOrEqual(24);
    expect(sizesOf(issuer)[0]).toBeLessThanOrEqual(26);
    const title = para(report, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(title.runs.every((r) => r.bold)).toBe(true);
    expect(sizesOf(title)[0]).toBeGreaterThanOrEqual(24);
    expect(sizesOf(title)[0]).toBeLessThanOrEqual(26);
    const motto = para(report, 'Độc lập - Tự do - Hạnh phúc');
    expect(motto.runs.every((r) => r.bold && !r.italic)).toBe(true);
    expect(sizesOf(motto)[0]).toBeGreaterThanOrEqual(26);
    expect(sizesOf(motto)[0]).toBeLessThanOrEqual(28);
    expect(sizesOf(para(report, 'Số: 15/BC-VP'))).toEqual([26]);
    const date = para(report, 'Lạng Sơn, ngày 15 tháng 4 năm 2024');
    expect(date.runs.every((r) => r.italic && !r.bold)).toBe(true);
    expect(sizesOf(date)[0]).toBeGreaterThanOrEqual(26);
    expect(date.align).toBe('center');
  });

  it('centres the document type and the subject, bold, with a rule under the subject', () => {
    const type = para(report, 'BÁO CÁO');
    expect(type.align).toBe('center');
    expect(type.runs.every((r) => r.bold)).toBe(true);
    expect(sizesOf(type)[0]).toBeGreaterThanOrEqual(26);
    const subject = [
      para(report, 'Tình hình thực hiện nhiệm vụ do Ủy ban nhân dân tỉnh,'),
      para(report, 'Chủ tịch Ủy ban nhân dân tỉnh giao quý I năm 2024'),
    ];
    for (const line of subject) {
      expect(line.align).toBe('center');
      expect(line.runs.every((r) => r.bold)).toBe(true);
    }
    const after = report.paras[report.paras.indexOf(subject[1]!) + 1]!;
    expect(after.rule).toBe(true);
    expect(after.indentLeft).toBeGreaterThan(0); // short and centred, not the whole width
  });

  it('writes the body justified at 13–14 pt, first lines indented 1–1.27 cm, 6 pt apart', () => {
    const body = report.paras.filter(
      (p) => p.text.startsWith('Thực hiện chỉ đạo') || p.text.startsWith('Trong quý I'),
    );
    expect(body).toHaveLength(2);
    for (const p of body) {
      expect(p.align).toBe('both');
      expect(p.firstLine).toBeGreaterThanOrEqual(567); // 1 cm
      expect(p.firstLine).toBeLessThanOrEqual(720); // 1.27 cm
      expect(p.before + p.after).toBeGreaterThanOrEqual(120);
      expect(p.line).toBeGreaterThanOrEqual(240);
      expect(p.line).toBeLessThanOrEqual(360);
      for (const size of sizesOf(p)) {
        expect(size).toBeGreaterThanOrEqual(26);
        expect(size).toBeLessThanOrEqual(28);
      }
    }
    // Inline emphasis survives.
    const counts = body[1]!.runs.filter((r) => r.bold).map((r) => r.text);
    expect(counts).toEqual(['1.245', '1.032']);
  });

  it('writes headings bold (level 3 italic), lists with their markers, "\\n" as new paragraphs', () => {
    expect(para(report, 'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ').runs.every((r) => r.bold)).toBe(true);
    expect(para(report, '1. Tổng số nhiệm vụ được giao').runs.every((r) => r.bold)).toBe(true);
    expect(para(report, 'a) Đối với các sở, ban, ngành:').runs.every((r) => r.italic && !r.bold)).toBe(true);
    expect(report.paras.filter((p) => p.text.startsWith('- ') && p.align === 'both')).toHaveLength(2);
    expect(
      para(report, 'Văn phòng UBND tỉnh kính báo cáo Chủ tịch UBND tỉnh xem xét, chỉ đạo./.').align,
    ).toBe('both');
  });

  it('draws body tables with borders, a bold header row that repeats, and Vietnamese numbers', () => {
    const table = report.tables[2]!;
    expect(table.xml).toMatch(/<w:tblHeader\/>/);
    expect(table.xml).toMatch(/<w:top w:val="single"/);
    const [header, first] = table.rows;
    expect(header!.map((c) => c[0]!.text)).toEqual([
      'STT',
      'Cơ quan, đơn vị',
      'Được giao',
      'Hoàn thành đúng hạn',
      'Quá hạn',
      'Tỷ lệ đúng hạn (%)',
    ]);
    expect(header!.every((c) => c[0]!.runs.every((r) => r.bold))).toBe(true);
    expect(first!.map((c) => c[0]!.text)).toEqual(['1', 'Sở Nội vụ', '86', '80', '2', '93,02']);
    expect(first![2]![0]!.align).toBe('right');
    const totals = table.rows.at(-1)!;
    expect(totals[1]![0]!.text).toBe('Tổng cộng');
    expect(totals.every((c) => c[0]!.runs.every((r) => r.bold))).toBe(true);
    expect(para(report, 'Bảng 1. Kết quả thực hiện nhiệm vụ theo cơ quan, đơn vị').runs[0]!.bold).toBe(true);
  });

  it('ends with "Nơi nhận" bottom left and the signature bottom right', () => {
    const closing = report.tables.at(-1)!;
    expect(closing.xml).toMatch(/<w:tblBorders><w:top w:val="none"/);
    const [left, right] = closing.rows[0]!;
    const label = left![0]!;
    expect(label.text).toBe('Nơi nhận:');
    expect(label.runs.every((r) => r.bold && r.italic && r.size === 24)).toBe(true);
    expect(left!.slice(1).map((p) => p.text)).toEqual([
      '- Chủ tịch, các PCT UBND tỉnh (b/c);',
      '- Các sở, ban, ngành tỉnh;',
      '- UBND các huyện, thành phố;',
      '- C, PCVP UBND tỉnh;',
      '- Lưu: VT, TH.',
    ]);
    expect(left!.slice(1).every((p) => p.runs.every((r) => r.size === 22 && !r.bold))).toBe(true);
    expect(right!.map((p) => p.text)).toEqual([
      'KT. CHÁNH VĂN PHÒNG',
      'PHÓ CHÁNH VĂN PHÒNG',
      'Nguyễn Văn An',
    ]);
    for (const p of right!) {
      expect(p.align).toBe('center');
      expect(p.runs.every((r) => r.bold && r.size! >= 26 && r.size! <= 28)).toBe(true);
    }
    // Room for the signature and seal above the name.
    expect(right![2]!.before).toBeGreaterThanOrEqual(1000);
  });

  it('reads in the order of a real document', () => {
    const order = [
      'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 15/BC-VP',
      'Lạng Sơn, ngày 15 tháng 4 năm 2024',
      'BÁO CÁO',
      'Tình hình thực hiện nhiệm vụ',
      'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
      'III. ĐỀ XUẤT, KIẾN NGHỊ',
      'Nơi nhận:',
      '- Lưu: VT, TH.',
      'KT. CHÁNH VĂN PHÒNG',
      'PHÓ CHÁNH VĂN PHÒNG',
      'Nguyễn Văn An',
    ];
    const at = order.map((t) => report.text.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('is A4 portrait with the decree margins, in Times New Roman', async () => {
    expect(report.xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    const margins = /<w:pgMar ([^>]*)\/>/.exec(report.xml)![1]!;
    const twips = (side: string) => Number(new RegExp(`w:${side}="(\\d+)"`).exec(margins)![1]);
    // 20–25 mm = 1134–1417 twips; 30–35 mm = 1701–1984; 15–20 mm = 850–1134.
    expect(twips('top')).toBe(1134);
    expect(twips('bottom')).toBe(1134);
    expect(twips('left')).toBe(1701);
    expect(twips('right')).toBe(850);
    const fonts = [...report.xml.matchAll(/<w:rFonts ([^>]*)\/>/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThan(50);
    for (const f of fonts) {
      expect(f).toContain('w:ascii="Times New Roman"');
      expect(f).toContain('w:hAnsi="Times New Roman"');
    }
    const styles = await report.zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/<w:docDefaults>.*w:ascii="Times New Roman".*<\/w:docDefaults>/s);
  });

  it('numbers pages at the top centre from page 2 on', async () => {
    const sectPr = /<w:sectPr>(.*?)<\/w:sectPr>/s.exec(report.xml)![1]!;
    expect(sectPr).toContain('<w:titlePg/>');
    const rels = await report.zip.file('word/_rels/document.xml.rels')!.async('string');
    const target = (type: string) => {
      const id = new RegExp(`<w:headerReference w:type="${type}" r:id="(\\w+)"/>`).exec(sectPr)![1];
      return (
        new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
        new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1]
      );
    };
    const pages = await report.zip.file(`word/${target('default')}`)!.async('string');
    expect(pages).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
    expect(pages).toContain('<w:jc w:val="center"/>');
    expect(pages).toMatch(/<w:sz w:val="2[68]"\/>/);
    const first = await report.zip.file(`word/${target('first')}`)!.async('string');
    expect(first).not.toContain('PAGE');
  });

  it('keeps the last body paragraph on the signature page', () => {
    expect(
      para(report, 'Văn phòng UBND tỉnh kính báo cáo Chủ tịch UBND tỉnh xem xét, chỉ đạo./.').keepNext,
    ).toBe(true);
    expect(report.paras.find((p) => p.text.startsWith('Thực hiện chỉ đạo'))!.keepNext).toBe(false);
  });
});

describe('a công văn', () => {
  it('has no type name; "V/v …" stands under the number', () => {
    expect(letter.text).not.toContain('CÔNG VĂN');
    const [numberCell] = letter.tables[1]!.rows[0]!;
    expect(numberCell!.map((p) => p.text)).toEqual([
      'Số: 05/VP-TH',
      'V/v đôn đốc thực hiện nhiệm vụ quá hạn',
    ]);
    const about = numberCell![1]!;
    expect(about.before).toBeGreaterThanOrEqual(120);
    expect(about.runs.every((r) => !r.bold && r.size! >= 24 && r.size! <= 26)).toBe(true);
  });

  it('writes the leading zeros of 5 February', () => {
    expect(letter.text).toContain('Lạng Sơn, ngày 05 tháng 02 năm 2024');
  });

  it('lists the addressees after "Kính gửi:" and starts "Nơi nhận" with "Như trên"', () => {
    expect(letter.paras.map((p) => p.text)).toEqual(
      expect.arrayContaining([
        'Kính gửi:\t- Sở Tài nguyên và Môi trường;',
        '- Sở Kế hoạch và Đầu tư;',
        '- UBND huyện Cao Lộc.',
      ]),
    );
    const [left] = letter.tables.at(-1)!.rows[0]!;
    expect(left!.map((p) => p.text)).toEqual([
      'Nơi nhận:',
      '- Như trên;',
      '- Lãnh đạo VP;',
      '- Lưu: VT, TH.',
    ]);
  });

  it('writes a single addressee on the "Kính gửi" line', async () => {
    const one = await open(
      await writeAdministrativeDocx({ ...SAMPLE_OFFICIAL_LETTER, recipients: ['Sở Nội vụ'] }),
    );
    expect(para(one, 'Kính gửi: Sở Nội vụ.').align).toBe('center');
  });
});

describe('input', () => {
  const minimal: AdministrativeDocument = {
    issuer: 'Sở Nội vụ',
    number: '/TB-SNV',
    place: 'Lạng Sơn',
    date: '2025-07-01',
    documentType: 'Thông báo',
    subject: 'Kết luận của Giám đốc Sở'.normalize('NFD'),
    body: [{ kind: 'paragraph', text: 'Nội dung.' }],
    copiesTo: [],
    signer: { title: 'Giám đốc', name: 'Lê Văn C' },
  };

  it('upper-cases what the decree writes in capitals, leaves out the missing parent, and is NFC', async () => {
    const doc = await open(await writeAdministrativeDocx(minimal));
    const [left] = doc.tables[0]!.rows[0]!;
    expect(left!.filter((p) => p.text).map((p) => p.text)).toEqual(['SỞ NỘI VỤ']);
    expect(doc.text).toContain('THÔNG BÁO');
    expect(doc.text).toContain('GIÁM ĐỐC');
    expect(doc.text).toContain('Kết luận của Giám đốc Sở');
    expect(doc.xml.normalize('NFC')).toBe(doc.xml);
    expect(doc.text).toMatch(/Số:\u00a0+\/TB-SNV/);
    expect(doc.text).toContain('- Lưu: VT.');
  });

  it('refuses a date that is not a calendar date', async () => {
    await expect(writeAdministrativeDocx({ ...minimal, date: '2025-02-29' })).rejects.toThrow(RangeError);
  });
});
