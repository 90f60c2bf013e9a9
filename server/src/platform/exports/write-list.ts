import { writeCsv } from './csv.ts';
import type { ListExport } from './list.ts';
import { MIME } from './send.ts';
import { writeXlsx } from './xlsx.ts';

export type ListFormat = 'xlsx' | 'csv';
export const LIST_FORMATS: readonly ListFormat[] = ['xlsx', 'csv'];

/** For routes that take `?format=xlsx|csv`: the bytes with their content type and extension. */
export async function writeList<R extends object>(
  format: ListFormat,
  spec: ListExport<R>,
): Promise<{ buffer: Buffer; mime: string; extension: ListFormat }> {
  const buffer = format === 'xlsx' ? await writeXlsx(spec) : writeCsv(spec);
  return { buffer, mime: MIME[format], extension: format };
}
