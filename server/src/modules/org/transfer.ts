/**
 * Import and export of units and officials as .xlsx or CSV — what the routes and the CLI call.
 *
 * Every row is checked against the database and the rest of the file before anything is written;
 * if any row is wrong nothing is written and `ImportInvalid` (400 `import_invalid`) carries a
 * report naming each bad row and column. Valid files are written in one transaction with an
 * audit event per changed row and one for the import. Rows equal to the stored data are left
 * alone, so an export re-imports as a no-op.
 */
export { type ExportedFile, ImportInvalid, type ImportOptions } from './transfer-common.ts';
export type { SheetFormat } from './transfer-format.ts';
export {
  exportOfficials,
  importOfficialsFromFile,
  type OfficialExportOptions,
} from './transfer-officials.ts';
export { exportUnits, importUnitsFromFile } from './transfer-units.ts';
