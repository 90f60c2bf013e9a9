import { accept, type MentionContext, readUnitList } from './mentions.ts';
import { type Source, tokenAt } from './source.ts';
import type { Span, UnitMention } from './types.ts';

export interface Assignees {
  lead: UnitMention[];
  support: UnitMention[];
}

/** Words that hand a task to the units named after them. */
const TRIGGERS: string[][] = [
  ['dong', 'y', 'giao'],
  ['thong', 'nhat', 'giao'],
  ['giao', 'cho'],
  ['giao'],
  ['de', 'nghi'],
  ['yeu', 'cau'],
  ['phan', 'cong'],
];
/** Before a trigger, these make it a noun or a passive ("theo đề nghị của", "được giao"). */
const NOT_TRIGGER_AFTER = new Set(['theo', 'xet', 'duoc', 'cua', 'tai', 'kien']);
const SUPPORT: string[][] = [
  ['voi', 'su', 'phoi', 'hop', 'cua'],
  ['phoi', 'hop', 'chat', 'che', 'voi'],
  ['phoi', 'hop', 'voi'],
  ['phoi', 'hop', 'cung'],
  ['phoi', 'hop'],
];
/** After a unit at a clause's start, these make it the topic, not the one who acts. */
const NOT_ACTING: string[][] = [
  ['la'],
  ['da'],
  ['se'],
  ['cua'],
  ['voi'],
  ['thi'],
  ['nay'],
  ['do'],
  ['ghi', 'nhan'],
  ['danh', 'gia'],
  ['bieu', 'duong'],
  ['thong', 'nhat'],
  ['dong', 'y'],
  ['co', 'y', 'kien'],
  ['ket', 'luan'],
  ['nhan', 'manh'],
  ['luu', 'y'],
  ['hoan', 'nghenh'],
];
const CONNECTORS: string[][] = [['dong', 'thoi'], ['trong', 'do'], ['ngoai', 'ra'], ['rieng'], ['cu', 'the']];
const LIST_BEFORE_COLON = new Set(['so', 'xa', 'phuong', 'huyen']);
const ABBREVIATED = new Set(['tp', 'tx', 'kt', 'tm', 'tl', 'v', 'ong', 'ba', 'ts', 'ths']);

function seqAt(src: Source, i: number, end: number, seq: string[]): number {
  for (let k = 0; k < seq.length; k++) {
    const t = src.tokens[i + k];
    if (i + k >= end || !t || !t.word || t.fold !== seq[k]) return -1;
  }
  return i + seq.length;
}

function firstOf(src: Source, i: number, end: number, seqs: string[][]): number {
  for (const s of seqs) {
    const e = seqAt(src, i, end, s);
    if (e > 0) return e;
  }
  return -1;
}

/** Clauses of `[t0, t1)`: split on ";", ":", sentence ends and bullets that start a line. */
function clauses(src: Source, t0: number, t1: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = t0;
  for (let j = t0; j < t1; j++) {
    const t = src.tokens[j]!;
    if (t.word) continue;
    const prev = src.tokens[j - 1];
    const next = src.tokens[j + 1];
    let split = false;
    let before = false;
    if (t.fold === ';' || t.fold === '!' || t.fold === '?') split = true;
    // "các Sở: Tài chính, Xây dựng", "các xã: Thất Khê, …" — a list follows, not a new clause.
    else if (t.fold === ':') split = !(prev && LIST_BEFORE_COLON.has(prev.fold));
    else if (t.fold === '.') {
      split = !!next && (next.capitalised || !next.word) && !(prev && ABBREVIATED.has(prev.fold));
    } else if (/^[-+•]$/.test(t.fold) && prev && src.text.slice(prev.end, t.start).includes('\n')) {
      split = true;
      before = true;
    }
    if (!split) continue;
    const cut = before ? j : j + 1;
    if (j > start) out.push([start, j]);
    start = cut;
  }
  if (start < t1) out.push([start, t1]);
  return out;
}

function addUnique(into: UnitMention[], ms: UnitMention[]): void {
  for (const m of ms) {
    if (!into.some((x) => x.span.start === m.span.start && x.span.end === m.span.end)) into.push(m);
  }
}

/**
 * Lead and support units named in a span. Lead: units after "Giao", "đề nghị", "yêu cầu" …, and a
 * clause that starts with units followed by what they do ("Thanh tra tỉnh tổ chức …"). Support:
 * units after "phối hợp (với)", and units followed by a bare "phối hợp".
 */
export function findAssignees(ctx: MentionContext, span: Span): Assignees {
  const { src } = ctx;
  const t0 = tokenAt(src, span.start);
  const t1 = tokenAt(src, span.end);
  const lead: UnitMention[] = [];
  const support: UnitMention[] = [];
  // "X phối hợp …" with no one else leading: X does the work ("phối hợp tổ chức hội nghị").
  const bare: UnitMention[] = [];
  for (const [c0, c1] of clauses(src, t0, t1)) {
    let k = c0;
    while (k < c1 && !src.tokens[k]!.word) k++;
    const conn = firstOf(src, k, c1, CONNECTORS);
    if (conn > 0) {
      k = conn;
      while (k < c1 && !src.tokens[k]!.word) k++;
    }

    // Explicit hand-over anywhere in the clause.
    for (let j = k; j < c1; j++) {
      const prev = src.tokens[j - 1];
      if (j > k && prev?.word && NOT_TRIGGER_AFTER.has(prev.fold)) continue;
      const e = firstOf(src, j, c1, TRIGGERS);
      if (e < 0) continue;
      const list = readUnitList(ctx, e, c1, { allowUnknown: true });
      if (list) {
        addUnique(lead, accept(ctx, list));
        j = list.endTok - 1;
      }
    }

    // A clause that opens with units doing something.
    const list = readUnitList(ctx, k, c1, { allowUnknown: true });
    if (list) {
      const n = list.endTok;
      const next = src.tokens[n];
      const atEnd =
        n >= c1 || !next || (!next.word && (next.fold === ':' || next.fold === '.' || next.fold === ';'));
      if (atEnd) addUnique(lead, accept(ctx, list));
      else if (next.word && !next.capitalised && firstOf(src, n, c1, TRIGGERS) < 0) {
        const bareSupport =
          seqAt(src, n, c1, ['phoi', 'hop']) > 0 && firstOf(src, n, c1, SUPPORT.slice(0, 4)) < 0;
        if (bareSupport) addUnique(bare, accept(ctx, list));
        else if (firstOf(src, n, c1, NOT_ACTING) < 0) addUnique(lead, accept(ctx, list));
      }
    }

    // Support: "phối hợp với X", and ", X phối hợp" inside the clause.
    for (let j = k; j < c1; j++) {
      const e = firstOf(src, j, c1, SUPPORT);
      if (e > 0) {
        const s = readUnitList(ctx, e, c1, { allowUnknown: true });
        if (s) {
          addUnique(support, accept(ctx, s));
          j = s.endTok - 1;
        }
        continue;
      }
      if (j > k && src.tokens[j]!.fold === ',') {
        const s = readUnitList(ctx, j + 1, c1, { allowUnknown: false });
        if (
          s &&
          seqAt(src, s.endTok, c1, ['phoi', 'hop']) > 0 &&
          firstOf(src, s.endTok, c1, SUPPORT.slice(0, 4)) < 0
        ) {
          addUnique(support, accept(ctx, s));
        }
      }
    }
  }
  if (lead.length === 0) addUnique(lead, bare);
  else addUnique(support, bare);
  const leadKeys = new Set(lead.map((m) => `${m.span.start}:${m.span.end}`));
  return { lead, support: support.filter((m) => !leadKeys.has(`${m.span.start}:${m.span.end}`)) };
}
