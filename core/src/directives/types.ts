import type { UnitRef } from '../org/units.ts';

/**
 * Offsets into the parsed text. The parser first normalises its input to NFC (Vietnamese arrives
 * in both NFC and NFD), and every span indexes that NFC string: for NFC input — the usual case —
 * this is the original text, so `text.slice(span.start, span.end)` is what the screen highlights.
 */
export interface Span {
  start: number;
  end: number;
}

export type DirectiveDocumentType =
  | 'cong_van'
  | 'chi_thi'
  | 'ke_hoach'
  | 'thong_bao'
  | 'quyet_dinh'
  | 'other';

export interface UnitMention {
  /** As written (whitespace collapsed, markdown emphasis removed). */
  name: string;
  /** Resolved units; several for a group name ("các Sở, Ban, ngành"); empty when unresolved. */
  unitIds: string[];
  span: Span;
}

export type DeadlineKind = 'before' | 'by' | 'within_month' | 'within_quarter' | 'within_year';

export interface Deadline {
  /** The date as written (`trước ngày 15/4` → the 15th; the kind says whether it is exclusive). */
  date: string;
  text: string;
  span: Span;
  kind: DeadlineKind;
}

export type RecurrenceFrequency = 'weekly' | 'monthly' | 'quarterly' | 'semiannual' | 'yearly';

export interface Recurrence {
  frequency: RecurrenceFrequency;
  /** For monthly and quarterly reports: the day of the reporting month ("trước ngày 20 hằng tháng"). */
  dayOfMonth?: number;
  text: string;
  span: Span;
}

export interface DraftItem {
  /** "1", "2.a", "II.3", "1.2" — the path of markers, roman sections included. */
  ref: string;
  text: string;
  span: Span;
  lead: UnitMention[];
  support: UnitMention[];
  deadline: Deadline | null;
  recurrence: Recurrence | null;
}

export interface DirectiveDraft {
  number: string | null;
  documentType: DirectiveDocumentType;
  issuer: string | null;
  place: string | null;
  date: string | null;
  year: number | null;
  month: number | null;
  subject: string | null;
  signer: { title: string; name: string } | null;
  recipients: UnitMention[];
  items: DraftItem[];
  spans: {
    number?: Span;
    issuer?: Span;
    place?: Span;
    date?: Span;
    subject?: Span;
    signer?: Span;
  };
  /** `code: message` — a stable code for programs, a Vietnamese message for the reviewer. */
  warnings: string[];
}

/**
 * A unit as the parser sees it. `validFrom` is an optional extension of `UnitRef`: the communes
 * created on 2025-07-01 must not answer "các xã" in a 2024 directive, and `UnitRef` only knows
 * `validTo`.
 */
export type DirectiveUnit = UnitRef & { validFrom?: string | null };

export interface ParseDirectiveOptions {
  units: DirectiveUnit[];
  /** YYYY-MM-DD: gives a year to dates the text leaves without one when the document has none. */
  referenceDate?: string;
}
