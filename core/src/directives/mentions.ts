import { cleanText, type Source, trimSpan } from './source.ts';
import type { Span, UnitMention } from './types.ts';
import type { RawMention, UnitIndex } from './unit-index.ts';
import type { Warnings } from './warnings.ts';

/** What the unit-list reader needs: the text, the units, the date groups are resolved at. */
export interface MentionContext {
  src: Source;
  index: UnitIndex;
  /** The document's date (or its best approximation) for "units valid at the document date". */
  date: string | null;
  warnings: Warnings;
}

/** Titles written before a unit ("Giám đốc Sở Nội vụ"): the unit is meant, not the person. */
const ROLES: string[][] = [
  ['thu', 'truong'],
  ['pho', 'giam', 'doc'],
  ['tong', 'giam', 'doc'],
  ['giam', 'doc'],
  ['pho', 'chu', 'tich'],
  ['chu', 'tich'],
  ['lanh', 'dao'],
  ['pho', 'chanh'],
  ['chanh'],
  ['truong'],
  ['nguoi', 'dung', 'dau'],
  ['chi', 'huy', 'truong'],
  ['dong', 'chi'],
  ['hieu', 'truong'],
  ['cuc', 'truong'],
  ['chi', 'cuc', 'truong'],
  ['bi', 'thu'],
];

/** Words an agency's name starts with: an unlisted name after one of these is an unresolved unit. */
const HEADS: string[][] = [
  ['so'],
  ['ban'],
  ['cong', 'an'],
  ['bo', 'chi', 'huy'],
  ['trung', 'tam'],
  ['van', 'phong'],
  ['thanh', 'tra'],
  ['ubnd'],
  ['uy', 'ban'],
  ['hdnd'],
  ['hoi', 'dong'],
  ['dai'],
  ['bao'],
  ['cuc'],
  ['chi', 'cuc'],
  ['kho', 'bac'],
  ['ngan', 'hang'],
  ['bao', 'hiem'],
  ['lien', 'doan'],
  ['lien', 'minh'],
  ['hoi'],
  ['tinh', 'doan'],
  ['doan'],
  ['phong'],
  ['truong'],
  ['benh', 'vien'],
  ['vien'],
  ['cong', 'ty'],
  ['tong', 'cong', 'ty'],
  ['hat'],
  ['buu', 'dien'],
  ['dien', 'luc'],
  ['toa', 'an'],
  ['mat', 'tran'],
  ['quy'],
  ['chi', 'nhanh'],
  ['bo'],
  ['bo', 'phan'],
];

/** Lower-case words that end a name: they start the predicate ("… tỉnh chủ trì"). */
const STOP_WORDS = new Set(
  'duoc da se phai la trong ve tai cua cho voi tu den nham nay cac khi neu thi hoac nhu theo de can trinh lap giao moi ngay khong chua vao sau truoc tren co'.split(
    ' ',
  ),
);
const STOP_PAIRS = new Set([
  'chu tri',
  'chu dong',
  'phoi hop',
  'to chuc',
  'kiem tra',
  'thuc hien',
  'trien khai',
  'huong dan',
  'tham muu',
  'bao cao',
  'bao dam',
  'dam bao',
  'ra soat',
  'xay dung',
  'chi dao',
  'tong hop',
  'don doc',
  'chiu trach',
  'khan truong',
  'tiep tuc',
  'nghien cuu',
  'day manh',
  'tang cuong',
  'hoan thanh',
  'de xuat',
  'cung cap',
  'bo tri',
  'ban hanh',
  'phan cong',
  'giai quyet',
  'xu ly',
  'quan ly',
  'cap nhat',
  'thong bao',
  'tuyen truyen',
  'nghiem tuc',
  'kip thoi',
  'tap trung',
  'thuong xuyen',
  'lam ro',
  'danh gia',
  'huy dong',
  'giam sat',
  'kiem diem',
  'tham dinh',
  'phe duyet',
  'yeu cau',
  'de nghi',
  'theo doi',
  'thanh tra',
  'tiep nhan',
  'van dong',
  'chuan bi',
  'ra quyet',
]);

function seqAt(src: Source, i: number, end: number, seq: string[]): number {
  for (let k = 0; k < seq.length; k++) {
    const t = src.tokens[i + k];
    if (i + k >= end || !t || !t.word || t.fold !== seq[k]) return -1;
  }
  return i + seq.length;
}

/** Token index after any leading titles ("Thủ trưởng", "Đồng chí Chủ tịch"). */
export function skipRoles(src: Source, i: number, end: number): number {
  let j = i;
  for (let guard = 0; guard < 3; guard++) {
    let moved = false;
    for (const r of ROLES) {
      const e = seqAt(src, j, end, r);
      if (e > 0) {
        j = e;
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  return j;
}

export function isStopAt(src: Source, j: number, end: number): boolean {
  const t = src.tokens[j];
  if (!t || j >= end || !t.word) return true;
  if (t.capitalised) return false;
  if (STOP_WORDS.has(t.fold)) return true;
  const n = src.tokens[j + 1];
  return !!n && j + 1 < end && n.word && STOP_PAIRS.has(`${t.fold} ${n.fold}`);
}

/** A head word followed by these is an ordinary phrase ("Trường hợp", "Ban hành", "Hội nghị"). */
const NOT_A_NAME = new Set([
  'truong hop',
  'ban hanh',
  'bao cao',
  'bao dam',
  'bao ve',
  'hoi nghi',
  'phong chong',
  'phong ngua',
  'so lieu',
  'so hoa',
  'so sanh',
  'quy dinh',
  'quy che',
  'quy trinh',
  'quy hoach',
  'quy mo',
  'dai dien',
  'bo sung',
  'bo tri',
  'doan ket',
  'vien chuc',
  'cuc bo',
]);

function headAt(src: Source, i: number, end: number): number {
  const t = src.tokens[i];
  if (!t?.word || !t.capitalised) return -1;
  const n = src.tokens[i + 1];
  if (n?.word && NOT_A_NAME.has(`${t.fold} ${n.fold}`)) return -1;
  let best = -1;
  for (const h of HEADS) best = Math.max(best, seqAt(src, i, end, h));
  return best;
}

/** An agency-like name that is not in the unit list ("Công an tỉnh", "Kho bạc Nhà nước tỉnh"). */
function matchUnknown(ctx: MentionContext, i: number, end: number): RawMention | null {
  const { src } = ctx;
  const h = headAt(src, i, end);
  if (h < 0) return null;
  let j = h;
  let wordsAfterHead = 0;
  // A real name has a proper part ("Kho bạc Nhà nước") or a level ("Công an tỉnh").
  let named = false;
  while (j < end && wordsAfterHead < 10) {
    const t = src.tokens[j]!;
    if (!t.word) {
      const n = src.tokens[j + 1];
      if ((t.fold === '-' || t.fold === '–') && n && j + 1 < end && n.word && n.capitalised) {
        j++;
        continue;
      }
      break;
    }
    if (t.fold === 'tinh' && !t.capitalised) {
      j++;
      wordsAfterHead++;
      named = true;
      const prov = ctx.index.province;
      if (prov.length > 0 && seqAt(src, j, end, prov) > 0) j += prov.length;
      break;
    }
    if (t.fold === 'va' && !t.capitalised) {
      const n = src.tokens[j + 1];
      // "Văn phòng HĐND và UBND xã" is one office.
      const joint = src.tokens[j - 1]?.fold === 'hdnd' && n?.fold === 'ubnd';
      if (n && j + 1 < end && n.word && n.capitalised && (joint || headAt(src, j + 1, end) < 0)) {
        j++;
        continue;
      }
      break;
    }
    if (isStopAt(src, j, end)) break;
    if (t.capitalised || /^(?:xa|phuong|huyen|dac)$/.test(t.fold)) named = true;
    j++;
    wordsAfterHead++;
  }
  if (wordsAfterHead === 0 || !named) return null;
  return { startTok: i, endTok: j, unitIds: [], unknown: true };
}

type Pending = [code: string, message: string];

/** Mentions of "các cơ quan, đơn vị (liên quan)": they name no one in particular. */
const vague = new WeakSet<UnitMention>();

export function isVague(m: UnitMention): boolean {
  return vague.has(m);
}

function toMention(ctx: MentionContext, raw: RawMention, pending: Pending[]): UnitMention {
  const { src } = ctx;
  const span: Span = trimSpan(src, src.tokens[raw.startTok]!.start, src.tokens[raw.endTok - 1]!.end);
  const name = cleanText(src, span);
  if (raw.unknown) {
    pending.push(['unresolved_unit', `Không xác định được đơn vị “${name}” trong danh mục đơn vị`]);
  } else if (raw.ambiguous) {
    pending.push([
      'ambiguous_unit',
      `“${name}” ứng với nhiều đơn vị (${raw.ambiguous.join(', ')}); cần chọn đơn vị`,
    ]);
  } else if (raw.group && raw.group !== 'vague' && raw.unitIds.length === 0) {
    pending.push(['empty_group', `Nhóm “${name}” không có đơn vị nào còn hiệu lực vào ngày của văn bản`]);
  } else if (!raw.group) {
    // A named unit is kept even when dissolved (the text names it), but the reviewer should know.
    for (const id of raw.unitIds) {
      const u = ctx.index.unit(id);
      if (u && !ctx.index.validAt(u, ctx.date)) {
        pending.push([
          'unit_not_valid',
          `Đơn vị “${name}” không còn (hoặc chưa) hoạt động vào ngày của văn bản`,
        ]);
      }
    }
  }
  const mention = { name, unitIds: ctx.index.sortIds(raw.unitIds), span };
  if (raw.group === 'vague') vague.add(mention);
  return mention;
}

/** An unresolved mention covering a whole phrase (a recipient line no unit name was found in). */
export function unresolvedMention(ctx: MentionContext, span: Span): UnitMention {
  const name = cleanText(ctx.src, span);
  ctx.warnings.add('unresolved_unit', `Không xác định được đơn vị “${name}” trong danh mục đơn vị`);
  return { name, unitIds: [], span };
}

/** Keeps a list's mentions: its warnings (unresolved, ambiguous, empty group) are reported now. */
export function accept(ctx: MentionContext, list: UnitList): UnitMention[] {
  for (const [code, message] of list.pending) ctx.warnings.add(code, message);
  return list.mentions;
}

export interface UnitList {
  mentions: UnitMention[];
  /** Token index just after the last name read (separators after it are not consumed). */
  endTok: number;
  /** Warnings to report if the caller keeps the list (see `accept`). */
  pending: Pending[];
}

/**
 * Reads "Sở Nội vụ, Sở Tài chính và các cơ quan liên quan" starting at token `i`: names (known,
 * grouped, or — with `allowUnknown` — agency-like unknown ones), each optionally after a title,
 * separated by commas and "và". Returns null when no name starts at `i`.
 */
export function readUnitList(
  ctx: MentionContext,
  i: number,
  end: number,
  opts: { allowUnknown: boolean },
): UnitList | null {
  const { src } = ctx;
  const mentions: UnitMention[] = [];
  const pending: Pending[] = [];
  let j = i;
  let last = i;
  for (;;) {
    // A title is skipped only when a unit follows: "Trường" in "Trường Cao đẳng …" is a name.
    let found: RawMention[] | null = null;
    for (const k of new Set([skipRoles(src, j, end), j])) {
      found =
        ctx.index.matchAt(src, k, end, ctx.date) ??
        (opts.allowUnknown ? wrap(matchUnknown(ctx, k, end)) : null);
      if (found) break;
    }
    if (!found || found.length === 0) break;
    for (const raw of found) mentions.push(toMention(ctx, raw, pending));
    last = found[found.length - 1]!.endTok;
    j = last;
    const t = src.tokens[j];
    if (j < end && t && !t.word && t.fold === ',') j++;
    const v = src.tokens[j];
    if (j < end && v && v.fold === 'va' && !v.capitalised) j++;
    if (j === last) break;
  }
  return mentions.length > 0 ? { mentions, endTok: last, pending } : null;
}

function wrap(m: RawMention | null): RawMention[] | null {
  return m ? [m] : null;
}
