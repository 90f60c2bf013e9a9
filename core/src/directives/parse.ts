import { findAssignees } from './assign.ts';
import { findClosingLine, findSigner } from './closing.ts';
import { isoDate, isValidDate, parseIsoDate } from './dates.ts';
import { findTimes, type TimeFindings, type YearContext } from './deadlines.ts';
import { parseHeader, typeFromNumber } from './header.ts';
import { type BodyNode, layoutBody } from './items.ts';
import { isVague, type MentionContext } from './mentions.ts';
import { parseRecipients } from './recipients.ts';
import { buildSource, cleanText, trimSpan } from './source.ts';
import type {
  Deadline,
  DirectiveDraft,
  DraftItem,
  ParseDirectiveOptions,
  Recurrence,
  Span,
  UnitMention,
} from './types.ts';
import { UnitIndex } from './unit-index.ts';
import { Warnings } from './warnings.ts';

interface Context {
  lead: UnitMention[];
  support: UnitMention[];
  deadline: Deadline | null;
  recurrence: Recurrence | null;
}

const NO_CONTEXT: Context = { lead: [], support: [], deadline: null, recurrence: null };

/**
 * Turns the text of a directive (công văn, chỉ thị, kế hoạch, thông báo kết luận, quyết định) into a
 * draft for a person to check: header fields, recipients, numbered tasks with their lead and
 * support units, deadlines and recurrences. Deterministic and rule-based; never throws on odd
 * input — what it cannot read it leaves null and reports in `warnings`.
 *
 * The input is normalised to NFC first; every `Span` is an offset into that NFC string.
 */
export function parseDirective(text: string, options: ParseDirectiveOptions): DirectiveDraft {
  const src = buildSource(text);
  const index = new UnitIndex(options.units);
  const warnings = new Warnings();
  const header = parseHeader(src, index);
  const ref = parseIsoDate(options.referenceDate);

  const hd = header.date;
  const year = hd?.year ?? null;
  const month = hd?.month ?? null;
  let date: string | null = null;
  if (hd?.year && hd.month && hd.day) {
    if (isValidDate(hd.year, hd.month, hd.day)) date = isoDate(hd.year, hd.month, hd.day);
    else warnings.add('invalid_date', 'Ngày ban hành không hợp lệ');
  }
  if (!hd) warnings.add('missing_date', 'Không tìm thấy dòng địa danh, ngày tháng năm ban hành');
  else if (!date && !hd.day) warnings.add('missing_day', 'Văn bản chưa ghi ngày ban hành (ngày để trống)');
  if (!header.number) warnings.add('missing_number', 'Không tìm thấy số, ký hiệu văn bản');

  // Groups ("các xã, phường") take the units that exist on the document's date; without a day,
  // the first of its month or year; without any, the reference date.
  const unitDate =
    date ??
    (year && month ? isoDate(year, month, 1) : year ? isoDate(year, 1, 1) : (options.referenceDate ?? null));
  const ctx: MentionContext = { src, index, date: unitDate, warnings };
  const yearCtx: YearContext = {
    year: year ?? ref?.year ?? null,
    after: year ? (date ?? (month ? isoDate(year, month, 1) : null)) : (options.referenceDate ?? null),
  };

  let recipients: UnitMention[] = [];
  let bodyLine = header.bodyLine;
  if (header.recipientsLine !== null) {
    const r = parseRecipients(ctx, header.recipientsLine);
    recipients = r.mentions;
    bodyLine = r.next;
  }

  const closingLine = findClosingLine(src, bodyLine);
  const layout = layoutBody(src, bodyLine, closingLine);
  const signer = findSigner(src, closingLine);
  if (!signer) warnings.add('missing_signer', 'Không tìm thấy chức danh và họ tên người ký');

  let fallback = recipients;
  if (fallback.length === 0 && layout.preamble) fallback = findAssignees(ctx, layout.preamble).lead;

  const items: DraftItem[] = [];
  /** What a part says itself: for an item its task, for a heading the context of its sub-items. */
  const own = (start: number, end: number): { span: Span; ctx: Context; times: TimeFindings } => {
    const span = trimSpan(src, start, end);
    const who = findAssignees(ctx, span);
    const times = findTimes(src, span.start, span.end, yearCtx);
    for (const [code, message] of times.problems) warnings.add(code, message);
    const ctxOut: Context = {
      lead: who.lead,
      support: who.support,
      deadline: times.deadlines[0] ?? null,
      recurrence: times.recurrences[0] ?? null,
    };
    return { span, ctx: ctxOut, times };
  };

  const emit = (refName: string, itemSpan: Span, part: ReturnType<typeof own>, inherited: Context[]) => {
    const mine = part.ctx;
    const textSpan = part.span;
    if (part.times.relative.length > 0) {
      const written = cleanText(src, part.times.relative[0]!);
      warnings.add(
        'relative_deadline',
        `Mục ${refName}: hạn tính theo số ngày (“${written}”) cần ngày bắt đầu để quy đổi`,
      );
    }
    if (part.times.deadlines.length > 1) {
      warnings.add(
        'several_deadlines',
        `Mục ${refName}: có ${part.times.deadlines.length} mốc hạn; đã lấy mốc đầu tiên “${part.times.deadlines[0]!.text}”`,
      );
    }
    // "đề nghị các cơ quan …" names no one: the units meant are the inherited ones or the recipients.
    const named = (c: Context) => c.lead.some((m) => !isVague(m));
    const withLead = named(mine) ? mine : inherited.find(named);
    const lead = withLead ? withLead.lead : fallback;
    const support = mine.support.length > 0 ? mine.support : (withLead?.support ?? []);
    const deadline = mine.deadline ?? inherited.find((c) => c.deadline)?.deadline ?? null;
    const recurrence = mine.recurrence ?? inherited.find((c) => c.recurrence)?.recurrence ?? null;
    if (lead.length === 0) warnings.add('no_lead', `Mục ${refName}: chưa xác định được đơn vị chủ trì`);
    items.push({
      ref: refName,
      text: cleanText(src, textSpan),
      span: itemSpan,
      lead,
      support,
      deadline,
      recurrence,
    });
  };

  const walk = (nodes: BodyNode[], inherited: Context[]) => {
    for (const node of nodes) {
      if (node.skip) continue;
      const children = node.children.filter((c) => !c.skip);
      const headingEnd = node.children[0]?.start ?? node.contentEnd;
      const mine = own(node.contentStart, headingEnd);
      if (children.length > 0) {
        walk(children, [mine.ctx, ...inherited]);
      } else if (node.children.length === 0) {
        const itemSpan = trimSpan(src, node.start, node.contentEnd);
        if (mine.span.end > mine.span.start) emit(node.ref, itemSpan, mine, inherited);
      }
    }
  };
  walk(layout.roots, []);

  if (layout.roots.length === 0) {
    const bodyStart = bodyLine < src.lines.length ? src.lines[bodyLine]!.start : src.text.length;
    const body = trimSpan(src, bodyStart, layout.end);
    if (body.end > body.start) emit('1', body, own(body.start, body.end), [NO_CONTEXT]);
  }
  if (items.length === 0) warnings.add('no_items', 'Không tìm thấy nội dung nhiệm vụ');

  const documentType =
    header.titleType ??
    (header.number ? typeFromNumber(header.number.value) : null) ??
    (header.hasVv ? 'cong_van' : 'other');

  const spans: DirectiveDraft['spans'] = {};
  if (header.number) spans.number = header.number.span;
  if (header.issuer) spans.issuer = header.issuer.span;
  if (header.place) spans.place = header.place.span;
  if (hd) spans.date = hd.span;
  if (header.subject) spans.subject = header.subject.span;
  if (signer) spans.signer = signer.span;

  return {
    number: header.number?.value ?? null,
    documentType,
    issuer: header.issuer?.value ?? null,
    place: header.place?.value ?? null,
    date,
    year,
    month,
    subject: header.subject?.value ?? null,
    signer: signer ? { title: signer.title, name: signer.name } : null,
    recipients,
    items,
    spans,
    warnings: warnings.list,
  };
}
