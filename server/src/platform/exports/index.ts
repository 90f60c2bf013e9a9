/**
 * Exports every module uses: lists as .xlsx or CSV, administrative documents as .docx laid out
 * under Decree 30/2020/NĐ-CP, and the reply helper that sends either with a proper file name.
 *
 * A module's service builds the rows (after its permission check and scoped query) and calls a
 * writer; its route sends the bytes with `sendFile`. See docs/architecture.md, "Exports".
 */
export {
  type AdministrativeDocument,
  type DocBlock,
  type Inline,
  MOTTO,
  NATIONAL_TITLE,
  type RichText,
  type Signer,
  writeAdministrativeDocx,
} from './administrative-docx.ts';
export { aboutLine, copiesToLines, documentNumber, issueDate, placeAndDate } from './administrative-text.ts';
export { type CsvOptions, writeCsv } from './csv.ts';
export type { ExportColumn, ListExport } from './list.ts';
export {
  asciiFilename,
  contentDisposition,
  datedFilename,
  FileResponse,
  type FileToSend,
  MIME,
  sendFile,
} from './send.ts';
export type { ColumnType, ExportLocale, ExportValue } from './values.ts';
export { vietnamDate } from './values.ts';
export { LIST_FORMATS, type ListFormat, writeList } from './write-list.ts';
export { writeXlsx } from './xlsx.ts';
