import { DomainError } from '@dieuhanh/core/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** RFC 9457 problem details with our stable code and bilingual messages. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  messageVi: string;
  messageEn: string;
  errors: Array<{ field: string; messageVi: string; messageEn: string }>;
  requestId: string;
  [key: string]: unknown;
}

function send(reply: FastifyReply, problem: Problem) {
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

function problemOf(
  request: FastifyRequest,
  status: number,
  code: string,
  messageVi: string,
  messageEn: string,
): Problem {
  return {
    type: `/problems/${code}`,
    title: messageEn,
    status,
    code,
    messageVi,
    messageEn,
    errors: [],
    requestId: String(request.id),
  };
}

function schemaField(
  error: { instancePath?: string; params?: Record<string, unknown> },
  context?: string,
): string {
  const missing = error.params?.missingProperty ?? error.params?.requiredProperty;
  const base = error.instancePath ?? '';
  const prefix = context && context !== 'body' ? `/${context}` : '';
  return `${prefix}${base}${missing ? `/${String(missing)}` : ''}` || '/';
}

/** Unknown routes: the single-page app for browser navigation (when built), else a problem. */
export function installNotFoundHandler(app: FastifyInstance, serveSpa: boolean) {
  app.setNotFoundHandler((request, reply) => {
    if (serveSpa && request.method === 'GET' && !request.url.startsWith('/api/'))
      return reply.sendFile('index.html');
    return send(
      reply,
      problemOf(request, 404, 'not_found', 'Không tìm thấy địa chỉ yêu cầu.', 'No such route.'),
    );
  });
}

export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return send(reply, {
        ...problemOf(request, error.status, error.code, error.messageVi, error.messageEn),
        errors: error.fields,
        ...error.extra,
      });
    }
    if (error.validation) {
      const problem = problemOf(
        request,
        400,
        'invalid_input',
        'Dữ liệu gửi lên không hợp lệ.',
        'The request does not match the schema.',
      );
      problem.errors = error.validation.map((v) => ({
        field: schemaField(v as never, error.validationContext),
        messageVi: `Giá trị không hợp lệ (${v.message ?? v.keyword}).`,
        messageEn: v.message ?? v.keyword,
      }));
      return send(reply, problem);
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return send(
        reply,
        problemOf(request, 413, 'payload_too_large', 'Dữ liệu gửi lên quá lớn.', 'Payload too large.'),
      );
    }
    if (status === 429) {
      return send(
        reply,
        problemOf(
          request,
          429,
          'rate_limited',
          'Bạn thao tác quá nhanh, vui lòng thử lại sau.',
          'Too many requests; try again later.',
        ),
      );
    }
    if (status >= 400 && status < 500) {
      return send(
        reply,
        problemOf(
          request,
          status,
          error.code?.toLowerCase() ?? 'bad_request',
          'Yêu cầu không hợp lệ.',
          error.message,
        ),
      );
    }
    // A 500 never leaks internals: the details go to the log under the request id.
    request.log.error({ err: error }, 'unhandled error');
    return send(
      reply,
      problemOf(
        request,
        500,
        'internal_error',
        'Đã có lỗi hệ thống. Vui lòng thử lại sau.',
        'An internal error occurred.',
      ),
    );
  });
}
