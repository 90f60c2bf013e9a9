/**
 * The wording rules of Decree 30/2020/NĐ-CP, Appendix I, for the lines of an administrative
 * document that are built from data: the number, the place-and-date line, the "Nơi nhận" list.
 */
import { parseIsoDate } from './values.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * "ngày 05 tháng 02 năm 2024". The decree: days below 10 and months 1 and 2 take a leading zero
 * (so that no one can turn "ngày 5" into "ngày 15" or "tháng 1" into "tháng 11"); months 3 to 9
 * cannot be extended that way and are written without one.
 */
export function issueDate(iso: string): string {
  const date = parseIsoDate(iso);
  if (!date) throw new RangeError(`"${iso}" is not a calendar date (YYYY-MM-DD).`);
  const month = date.m <= 2 ? pad2(date.m) : String(date.m);
  return `ngày ${pad2(date.d)} tháng ${month} năm ${date.y}`;
}

/** "Lạng Sơn, ngày 15 tháng 4 năm 2024". */
export function placeAndDate(place: string, iso: string): string {
  return `${place.normalize('NFC').trim()}, ${issueDate(iso)}`;
}

/** Room left for the number on a draft that has not been registered yet. */
const UNNUMBERED = '\u00a0'.repeat(8);

/**
 * "Số: 05/BC-VP". The decree writes numbers below 10 with a leading zero. A draft without its
 * number yet ("/BC-VP") keeps a blank for the clerk to fill in at registration.
 */
export function documentNumber(number: string): string {
  const text = number
    .normalize('NFC')
    .trim()
    .replace(/^số\s*:?\s*/i, '');
  if (text.startsWith('/')) return `Số:${UNNUMBERED}${text}`;
  return `Số: ${text.replace(/^(\d)(?!\d)/, '0$1')}`;
}

/** "V/v …" for a công văn, whether or not the caller wrote the prefix. */
export function aboutLine(subject: string): string {
  const text = subject.normalize('NFC').trim();
  return /^v\/v\b/i.test(text) ? text.replace(/^v\/v/i, 'V/v') : `V/v ${text}`;
}

const ARCHIVE = /^lưu\s*:?\s*/i;

function bare(entry: string): string {
  return entry
    .normalize('NFC')
    .trim()
    .replace(/^[-–—+•]\s*/, '')
    .replace(/[;.,]+$/, '')
    .trim();
}

/**
 * The lines of "Nơi nhận": each "- …;", the last "- Lưu: VT, ….". Entries may come with or
 * without their dash and punctuation; an entry starting with "Lưu" is taken as the archive line.
 * `archive` names the drafting unit (e.g. "TH" → "- Lưu: VT, TH."); "VT" (the clerical office,
 * văn thư) always comes first. With addressees ("Kính gửi"), the list starts with "- Như trên;".
 */
export function copiesToLines(
  copiesTo: readonly string[],
  archive?: string,
  hasAddressees = false,
): string[] {
  const entries = copiesTo.map(bare).filter((e) => e !== '');
  const archiveEntries = entries.filter((e) => ARCHIVE.test(e)).map((e) => e.replace(ARCHIVE, ''));
  const others = entries.filter((e) => !ARCHIVE.test(e));
  if (hasAddressees && !others.some((e) => /^như trên$/i.test(e))) others.unshift('Như trên');
  const archiveParts = [...archiveEntries, ...(archive ? [bare(archive)] : [])]
    .flatMap((a) => a.split(','))
    .map((a) => a.trim())
    .filter((a) => a !== '' && a.toUpperCase() !== 'VT');
  const unique = [...new Set(archiveParts)];
  return [...others.map((e) => `- ${e};`), `- Lưu: ${['VT', ...unique].join(', ')}.`];
}
