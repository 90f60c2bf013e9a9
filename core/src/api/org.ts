import { type Static, Type } from 'typebox';
import { UNIT_KINDS, type UnitKind } from '../org/units.ts';
import { Id, IsoDate, Page, Paging } from './common.ts';

export const UnitKindSchema = Type.Unsafe<UnitKind>(Type.String({ enum: [...UNIT_KINDS] }));

export const UnitSchema = Type.Object({
  id: Id,
  parentId: Type.Union([Id, Type.Null()]),
  kind: UnitKindSchema,
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  abbr: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.Union([IsoDate, Type.Null()]),
  validTo: Type.Union([IsoDate, Type.Null()]),
  successorId: Type.Union([Id, Type.Null()]),
  sortOrder: Type.Integer(),
  version: Type.Integer(),
});
export type Unit = Static<typeof UnitSchema>;

export const UnitListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Name search, diacritics-insensitive' })),
  kind: Type.Optional(UnitKindSchema),
  parentId: Type.Optional(Id),
  /** Only units valid on this date (default: all, including dissolved ones). */
  validOn: Type.Optional(IsoDate),
  ...Paging,
});
export type UnitListQuery = Static<typeof UnitListQuery>;
export const UnitPage = Page(UnitSchema);

const Name = Type.String({ minLength: 1, maxLength: 300 });
const NullableText = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

export const UnitCreate = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' })),
    parentId: Type.Union([Id, Type.Null()]),
    kind: UnitKindSchema,
    code: Type.Optional(NullableText(50)),
    name: Name,
    abbr: Type.Optional(NullableText(50)),
    validFrom: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    validTo: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    successorId: Type.Optional(Type.Union([Id, Type.Null()])),
    sortOrder: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type UnitCreate = Static<typeof UnitCreate>;

export const UnitUpdate = Type.Object(
  {
    version: Type.Integer({ description: 'The version read; a stale version is refused (409).' }),
    parentId: Type.Optional(Type.Union([Id, Type.Null()])),
    kind: Type.Optional(UnitKindSchema),
    code: Type.Optional(NullableText(50)),
    name: Type.Optional(Name),
    abbr: Type.Optional(NullableText(50)),
    validFrom: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    validTo: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    successorId: Type.Optional(Type.Union([Id, Type.Null()])),
    sortOrder: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type UnitUpdate = Static<typeof UnitUpdate>;

export const OfficialSchema = Type.Object({
  id: Id,
  unitId: Id,
  code: Type.Union([Type.String(), Type.Null()]),
  fullName: Type.String(),
  position: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  version: Type.Integer(),
});
export type Official = Static<typeof OfficialSchema>;

export const OfficialListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  unitId: Type.Optional(Id),
  /** Include the officials of the unit's whole subtree. */
  subtree: Type.Optional(Type.Boolean()),
  ...Paging,
});
export type OfficialListQuery = Static<typeof OfficialListQuery>;
export const OfficialPage = Page(OfficialSchema);

export const OfficialCreate = Type.Object(
  {
    unitId: Id,
    code: Type.Optional(NullableText(50)),
    fullName: Name,
    position: Type.Optional(NullableText(200)),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
    phone: Type.Optional(NullableText(30)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type OfficialCreate = Static<typeof OfficialCreate>;

export const OfficialUpdate = Type.Object(
  {
    version: Type.Integer(),
    unitId: Type.Optional(Id),
    code: Type.Optional(NullableText(50)),
    fullName: Type.Optional(Name),
    position: Type.Optional(NullableText(200)),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
    phone: Type.Optional(NullableText(30)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type OfficialUpdate = Static<typeof OfficialUpdate>;

/** Per-row report of an import: nothing is written when any row is invalid. */
export const ImportReport = Type.Object({
  imported: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  errors: Type.Array(
    Type.Object({
      row: Type.Integer(),
      field: Type.String(),
      messageVi: Type.String(),
      messageEn: Type.String(),
    }),
  ),
});
export type ImportReport = Static<typeof ImportReport>;
