export { parseDirective } from './parse.ts';
export type {
  Deadline,
  DeadlineKind,
  DirectiveDocumentType,
  DirectiveDraft,
  DirectiveUnit,
  DraftItem,
  ParseDirectiveOptions,
  Recurrence,
  RecurrenceFrequency,
  Span,
  UnitMention,
} from './types.ts';
