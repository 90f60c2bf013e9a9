import { type TSchema, Type } from 'typebox';

export const Id = Type.String({ minLength: 1, maxLength: 100 });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const IsoInstant = Type.String({ format: 'date-time', description: 'ISO 8601 instant' });

export const FieldProblem = Type.Object({
  field: Type.String(),
  messageVi: Type.String(),
  messageEn: Type.String(),
});

/** RFC 9457 problem details, as every error is returned. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    messageVi: Type.String(),
    messageEn: Type.String(),
    errors: Type.Array(FieldProblem),
    requestId: Type.String(),
  },
  { $id: 'Problem', additionalProperties: true },
);

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), total: Type.Integer() });
}

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};
