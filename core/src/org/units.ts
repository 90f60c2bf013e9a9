/** Kinds of organisation units (see the glossary). */
export const UNIT_KINDS = [
  'committee',
  'office',
  'department',
  'public_service_unit',
  'service_center',
  'district',
  'commune',
  'division',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** What pure code (search, the directive parser) needs to know about a unit. */
export interface UnitRef {
  id: string;
  name: string;
  /** Conventional short form, e.g. `SNV` for Sở Nội vụ. */
  abbr?: string | null;
  kind: UnitKind;
  parentId?: string | null;
  /** Units created by a reform (e.g. the communes of 1 July 2025) have a validFrom date. */
  validFrom?: string | null;
  /** Units dissolved by a reform (e.g. districts after 1 July 2025) have a validTo date. */
  validTo?: string | null;
}
