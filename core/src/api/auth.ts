import { type Static, Type } from 'typebox';
import { ROLES, type Role } from '../access/permissions.ts';
import { Id, IsoInstant, Page } from './common.ts';

export const RoleSchema = Type.Unsafe<Role>(Type.String({ enum: [...ROLES] }));

export const GrantSchema = Type.Object({
  id: Id,
  role: RoleSchema,
  unitId: Id,
  unitName: Type.String(),
});
export type GrantView = Static<typeof GrantSchema>;

export const UserSchema = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  officialId: Type.Union([Id, Type.Null()]),
  unitId: Type.Union([Id, Type.Null()]),
  locale: Type.String(),
  disabled: Type.Boolean(),
  grants: Type.Array(GrantSchema),
  version: Type.Integer(),
});
export type User = Static<typeof UserSchema>;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    tenant: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const LoginResult = Type.Object({ user: UserSchema, csrfToken: Type.String() });

export const MeResult = Type.Object({
  user: UserSchema,
  tenant: Type.Object({ id: Type.String(), name: Type.String() }),
  roles: Type.Array(RoleSchema),
  permissions: Type.Array(Type.String()),
  grants: Type.Array(GrantSchema),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
});
export type Me = Static<typeof MeResult>;

export const PasswordChange = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 10, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const UserCreate = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z0-9._-]{3,50}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.Union([Type.String({ format: 'email' }), Type.Null()])),
    officialId: Type.Optional(Type.Union([Id, Type.Null()])),
    password: Type.String({ minLength: 10, maxLength: 200 }),
    locale: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type UserCreate = Static<typeof UserCreate>;

export const UserUpdate = Type.Object(
  {
    version: Type.Integer(),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.Union([Type.String({ format: 'email' }), Type.Null()])),
    officialId: Type.Optional(Type.Union([Id, Type.Null()])),
    disabled: Type.Optional(Type.Boolean()),
    locale: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
    password: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type UserUpdate = Static<typeof UserUpdate>;

export const UserPage = Page(UserSchema);

export const GrantCreate = Type.Object({ role: RoleSchema, unitId: Id }, { additionalProperties: false });

export const ApiTokenCreate = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) });
export const ApiTokenSchema = Type.Object({
  id: Id,
  name: Type.String(),
  createdAt: IsoInstant,
  lastUsedAt: Type.Union([IsoInstant, Type.Null()]),
  revokedAt: Type.Union([IsoInstant, Type.Null()]),
});
export const ApiTokenCreated = Type.Object({ id: Id, name: Type.String(), token: Type.String() });

export const AuditEventSchema = Type.Object({
  seq: Type.Integer(),
  at: IsoInstant,
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  resourceType: Type.String(),
  resourceId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  hash: Type.String(),
});
export type AuditEventView = Static<typeof AuditEventSchema>;
