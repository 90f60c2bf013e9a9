import { P } from '@dieuhanh/core/access/permissions';
import {
  DirectiveCreate,
  DirectiveListQuery,
  DirectivePage,
  DirectiveParseBody,
  DirectiveParseResult,
  DirectiveSchema,
  DirectiveUpdate,
} from '@dieuhanh/core/api/directives';
import { actorOf, type Deps, requirePermission } from '../../platform/context.ts';
import { FileUploadBody, markUpload, maxFileBytes, noFile } from '../../platform/files.ts';
import { type App, IdParams, NoContent, problems } from '../../platform/http.ts';
import * as service from './service.ts';

export function directiveRoutes(app: App, deps: Deps) {
  service.registerDirectiveAttachments();

  app.post(
    '/directives/parse',
    {
      preValidation: markUpload,
      schema: {
        tags: ['directives'],
        summary: 'Đọc văn bản thành bản nháp / Parse a directive into a draft',
        description:
          'Send JSON `{"text"}`, or multipart/form-data with one .txt (UTF-8, or UTF-16 with BOM) or .docx ' +
          'file. Returns the parser’s draft (header, recipients, items with lead/support units, deadlines, ' +
          'recurrences, spans, warnings) and the text read, which every span indexes. Units are the ' +
          'tenant’s, dissolved ones included; dates without a year take today’s (Asia/Ho_Chi_Minh).',
        body: {
          content: {
            'application/json': { schema: DirectiveParseBody },
            'multipart/form-data': { schema: FileUploadBody },
          },
        },
        response: { 200: DirectiveParseResult, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requirePermission(actor, P.directiveWrite);
      if (request.isMultipart()) {
        const part = await request.file({ limits: { fileSize: maxFileBytes(deps.config), files: 1 } });
        if (!part) throw noFile();
        const bytes = await part.toBuffer();
        return service.parseUpload(deps, actor, { bytes, filename: part.filename });
      }
      const body = request.body as Partial<DirectiveParseBody> | string | undefined;
      return service.parseText(deps, actor, typeof body === 'string' ? body : (body?.text ?? ''));
    },
  );

  app.get(
    '/directives',
    {
      schema: {
        tags: ['directives'],
        summary: 'Danh sách văn bản chỉ đạo / List directives',
        querystring: DirectiveListQuery,
        response: { 200: DirectivePage, ...problems(400, 401, 403) },
      },
    },
    (request) => service.listDirectives(deps, actorOf(request), request.query),
  );

  app.get(
    '/directives/:id',
    {
      schema: {
        tags: ['directives'],
        summary: 'Một văn bản với các mục và tệp đính kèm / One directive with its items and files',
        params: IdParams,
        response: { 200: DirectiveSchema, ...problems(401, 403, 404) },
      },
    },
    (request) => service.getDirective(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/directives',
    {
      schema: {
        tags: ['directives'],
        summary: 'Vào sổ văn bản chỉ đạo / Register a directive',
        body: DirectiveCreate,
        response: { 201: DirectiveSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createDirective(deps, actorOf(request), request.body)),
  );

  app.patch(
    '/directives/:id',
    {
      schema: {
        tags: ['directives'],
        summary: 'Sửa văn bản (kèm phiên bản) / Update a directive (with its version)',
        params: IdParams,
        body: DirectiveUpdate,
        response: { 200: DirectiveSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => service.updateDirective(deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/directives/:id',
    {
      schema: {
        tags: ['directives'],
        summary: 'Xóa văn bản dự thảo / Delete a draft directive',
        params: IdParams,
        response: { 204: NoContent, ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.deleteDirective(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
