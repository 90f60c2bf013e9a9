/**
 * Typed errors shared by every layer. The server turns each into RFC 9457 problem+json with a
 * stable `code`, a Vietnamese and an English message and the offending fields.
 */
export interface FieldProblem {
  /** JSON pointer-like path of the offending field, e.g. `/deadline` or `/rows/3/name`. */
  field: string;
  messageVi: string;
  messageEn: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageVi: string,
    readonly messageEn: string,
    readonly fields: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(messageEn);
    this.name = new.target.name;
  }
}

/** Also used for "forbidden": callers must not learn that something they may not see exists. */
export class NotFound extends DomainError {
  constructor(what = 'resource', fields: FieldProblem[] = []) {
    super(
      404,
      'not_found',
      'Không tìm thấy dữ liệu yêu cầu.',
      `The requested ${what} was not found.`,
      fields,
    );
  }
}

/** For actions on things the caller can see but may not do (e.g. an action reserved to a role). */
export class Forbidden extends DomainError {
  constructor(
    messageVi = 'Bạn không có quyền thực hiện thao tác này.',
    messageEn = 'You are not allowed to do this.',
  ) {
    super(403, 'forbidden', messageVi, messageEn);
  }
}

export class Unauthenticated extends DomainError {
  constructor() {
    super(401, 'unauthenticated', 'Bạn cần đăng nhập.', 'Authentication is required.');
  }
}

export class Conflict extends DomainError {
  constructor(code: string, messageVi: string, messageEn: string, extra: Record<string, unknown> = {}) {
    super(409, code, messageVi, messageEn, [], extra);
  }
}

export class Invalid extends DomainError {
  constructor(fields: FieldProblem[], code = 'invalid_input') {
    super(400, code, 'Dữ liệu không hợp lệ.', 'The input is invalid.', fields);
  }
}

export class InvalidTransition extends DomainError {
  constructor(action: string, state: string) {
    super(
      409,
      'invalid_transition',
      `Không thể thực hiện thao tác "${action}" ở trạng thái "${state}".`,
      `Action "${action}" is not allowed in state "${state}".`,
      [
        {
          field: '/action',
          messageVi: 'Thao tác không hợp lệ ở trạng thái hiện tại.',
          messageEn: 'Action not allowed in the current state.',
        },
      ],
      { action, state },
    );
  }
}

export function fieldProblem(field: string, messageVi: string, messageEn: string): FieldProblem {
  return { field, messageVi, messageEn };
}
