/**
 * The page and type sizes of Decree 30/2020/NĐ-CP, Appendix I, in the units .docx uses: twips
 * (1/20 pt, 1/1440 inch) for lengths and points for type. Where the decree gives a range, the
 * value chosen is noted; tests check each one against the decree's range.
 */

const MM = 1440 / 25.4;
export const mm = (millimetres: number) => Math.round(millimetres * MM);

/** A4 portrait. */
export const PAGE = { width: 11906, height: 16838 } as const;

/** Top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
export const MARGINS = {
  top: mm(MARGINS_MM.top),
  bottom: mm(MARGINS_MM.bottom),
  left: mm(MARGINS_MM.left),
  right: mm(MARGINS_MM.right),
  /** The page number sits in the top margin, 10 mm from the edge. */
  header: mm(10),
  footer: mm(10),
} as const;

/** The width of the text between the margins. */
export const TEXT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;

/**
 * The header table (issuer | national title) reaches 7 mm into the left margin, as the decree's
 * samples and the usual templates do: the parent body's name ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN")
 * then fits on one line at 12 pt, and the national title fits beside it.
 */
export const HEADER = {
  shift: mm(7),
  left: mm(78),
  right: TEXT_WIDTH + mm(7) - mm(78),
} as const;

/** The closing table ("Nơi nhận" | signature). */
export const CLOSING = { left: mm(78), right: TEXT_WIDTH - mm(78) } as const;

/** Type sizes in points, each within the decree's range. */
export const SIZE = {
  /** Parent body and issuer: 12–13. */
  issuer: 12,
  /** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": 12–13. */
  nationalTitle: 12,
  /** "Độc lập - Tự do - Hạnh phúc": 13–14. */
  motto: 13,
  /** "Số: …": 13. */
  number: 13,
  /** "V/v …" under the number of a công văn: 12–13. */
  about: 12,
  /** "Lạng Sơn, ngày … tháng … năm …": 13–14, italic. */
  placeDate: 13,
  /** The document type ("BÁO CÁO") and its subject: 13–14, bold. */
  title: 14,
  /** Body text: 13–14. */
  body: 14,
  /** Tables in the body: the decree sets no size; 12 keeps wide tables readable. */
  table: 12,
  /** "Nơi nhận:" 12 bold italic; its list 11. */
  copiesToLabel: 12,
  copiesTo: 11,
  /** Authority, title and name of the signer: 13–14, bold. */
  signer: 14,
  /** Page numbers: 13–14. */
  pageNumber: 13,
} as const;

/** Body paragraphs: first line indented 1–1.27 cm, at least 6 pt between paragraphs, line spacing single to 1.5. */
export const BODY = {
  firstLineIndent: 720, // 1.27 cm
  spaceBefore: 120, // 6 pt
  line: 276, // 1.15 lines
} as const;

export const FONT = 'Times New Roman';
