import { fold } from '../text/fold.ts';
import { cellsOf, isUpperText } from './cells.ts';
import { collapse, type Source } from './source.ts';
import type { Span } from './types.ts';

const AUTHORITY = /^(?:tm|kt|tl|tuq|ttl|q)\s?\.\s*\S/;
// The whole cell: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" above a decision's preamble is not a signature.
const TITLE =
  /^(?:pho\s+)?(?:chu tich|giam doc|chanh van phong|chanh thanh tra|truong ban|bi thu|thu truong|truong phong|chanh an|vien truong|hieu truong|cuc truong|tong giam doc)$/;

/** A cell of the signature block's title: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH". */
export function isSignerTitle(src: Source, cell: Span): boolean {
  const raw = collapse(src.plain.slice(cell.start, cell.end));
  if (!isUpperText(raw) || raw.split(' ').length > 10) return false;
  const f = fold(raw).replace(/[:.]$/, '');
  return AUTHORITY.test(f) || TITLE.test(f);
}

function isNoiNhan(src: Source, cell: Span): boolean {
  return /^noi nhan\b/.test(fold(src.plain.slice(cell.start, cell.end)));
}

/**
 * The line where the body stops: "Nơi nhận:" or the signature's title, whichever comes first
 * (documents converted from tables put either first).
 */
export function findClosingLine(src: Source, from: number): number {
  for (let i = from; i < src.lines.length; i++) {
    const cells = cellsOf(src, src.lines[i]!);
    if (cells.some((c) => isNoiNhan(src, c))) return i;
    // A signature title stands alone in its cell, at the start or after a "Nơi nhận" column.
    if (cells.length > 0 && cells.every((c) => isSignerTitle(src, c) || /^[-+•]/.test(src.plain[c.start]!))) {
      if (cells.some((c) => isSignerTitle(src, c))) return i;
    }
  }
  return src.lines.length;
}

const SIGNED = /^[([]?\s*(?:da ky|ky|ky ten|ky ten,? dong dau|ky, ghi ro ho ten|daky|ky so)\s*[)\]]?$/;
const NAME = /^\p{Lu}[\p{L}'’]*(?:\s+\p{Lu}[\p{L}'’]*){1,5}$/u;

function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split(' ')
    .map((w) => (w[0] ?? '').toUpperCase() + w.slice(1))
    .join(' ');
}

export interface Signer {
  title: string;
  name: string;
  span: Span;
}

/** The title lines and the name under them, searched from line `from` to the end. */
export function findSigner(src: Source, from: number): Signer | null {
  const titles: Span[] = [];
  for (let i = from; i < src.lines.length; i++) {
    const cells = cellsOf(src, src.lines[i]!);
    for (const c of cells) {
      const raw = collapse(src.plain.slice(c.start, c.end));
      if (isSignerTitle(src, c)) {
        titles.push(c);
        continue;
      }
      if (titles.length === 0) continue;
      if (/^[-+•]/.test(raw) || isNoiNhan(src, c) || SIGNED.test(fold(raw))) continue;
      if (NAME.test(raw)) {
        const name = isUpperText(raw) ? titleCase(raw) : raw;
        const title = titles.map((t) => collapse(src.plain.slice(t.start, t.end))).join(' / ');
        return { title, name, span: { start: titles[0]!.start, end: c.end } };
      }
    }
  }
  return null;
}
