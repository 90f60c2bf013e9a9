import { Id } from '@dieuhanh/core/api/common';
import { ImportReport } from '@dieuhanh/core/api/org';
import { fieldProblem, Invalid } from '@dieuhanh/core/errors';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf, type Deps } from '../../platform/context.ts';
import { MIME, sendFile } from '../../platform/exports/index.ts';
import { type App, problems } from '../../platform/http.ts';
import { exportOfficials, exportUnits, importOfficialsFromFile, importUnitsFromFile } from './transfer.ts';

const Format = Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], {
  default: 'xlsx',
  description: 'xlsx (mặc định) hoặc csv (UTF-8 có BOM) / xlsx (default) or csv (UTF-8 with BOM)',
});

const ImportQuery = Type.Object({
  dryRun: Type.Optional(
    Type.Boolean({ description: 'Chỉ kiểm tra, không ghi / Check and report only; write nothing' }),
  ),
});

/** The multipart body as OpenAPI shows it (one file field). */
const UploadBody = Type.Object(
  {
    file: Type.String({
      format: 'binary',
      description:
        'Tệp .xlsx hoặc .csv (UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy) / An .xlsx or .csv file',
    }),
  },
  { description: 'multipart/form-data' },
);

/**
 * @fastify/multipart leaves the body to the handler, which streams the file; the validator gets
 * a placeholder so that the body schema above can stay exact. A non-multipart request keeps its
 * body and fails validation with `/file` missing.
 */
async function markUpload(request: FastifyRequest) {
  if (request.isMultipart()) request.body = { file: 'multipart' };
}

const fileResponse = (description: string) => ({
  description,
  content: {
    [MIME.xlsx]: { schema: { type: 'string', format: 'binary' } },
    [MIME.csv.split(';')[0]!]: { schema: { type: 'string', format: 'binary' } },
  },
});

const importSchema = (tag: string, summary: string, description: string) => ({
  tags: [tag],
  summary,
  description,
  consumes: ['multipart/form-data'],
  querystring: ImportQuery,
  body: UploadBody,
  response: {
    200: ImportReport,
    // 400 `import_invalid` carries the whole report as `report`.
    ...problems(400, 401, 403, 409, 413),
  },
});

async function upload(request: FastifyRequest): Promise<{ buffer: Buffer; filename: string }> {
  const noFile = () =>
    new Invalid([
      fieldProblem('/file', 'Hãy gửi kèm một tệp .xlsx hoặc .csv.', 'Attach an .xlsx or .csv file.'),
    ]);
  if (!request.isMultipart()) throw noFile();
  const file = await request.file();
  if (!file) throw noFile();
  return { buffer: await file.toBuffer(), filename: file.filename };
}

export function orgTransferRoutes(app: App, deps: Deps) {
  app.post(
    '/units/import',
    {
      preValidation: markUpload,
      schema: importSchema(
        'units',
        'Nhập đơn vị từ Excel/CSV / Import units from Excel or CSV',
        'Cập nhật theo Mã định danh (hoặc Mã đơn vị), tạo mới các dòng còn lại. Có lỗi ở bất kỳ dòng nào thì không ghi gì và trả về 400 import_invalid kèm báo cáo. / ' +
          'Upserts by id (or code). If any row is invalid nothing is written and 400 import_invalid carries the report.',
      ),
    },
    async (request) => {
      const actor = actorOf(request);
      const { buffer, filename } = await upload(request);
      return importUnitsFromFile(deps, actor, buffer, 'auto', { filename, dryRun: request.query.dryRun });
    },
  );
  app.post(
    '/officials/import',
    {
      preValidation: markUpload,
      schema: importSchema(
        'officials',
        'Nhập cán bộ từ Excel/CSV / Import officials from Excel or CSV',
        'Cập nhật theo Mã định danh hoặc Mã cán bộ, tạo mới các dòng còn lại; không ghi gì nếu có dòng lỗi. / ' +
          'Upserts by id or official code; nothing is written if any row is invalid.',
      ),
    },
    async (request) => {
      const actor = actorOf(request);
      const { buffer, filename } = await upload(request);
      return importOfficialsFromFile(deps, actor, buffer, 'auto', { filename, dryRun: request.query.dryRun });
    },
  );

  app.get(
    '/units/export',
    {
      schema: {
        tags: ['units'],
        summary: 'Xuất danh sách đơn vị / Export units',
        querystring: Type.Object({ format: Type.Optional(Format) }),
        produces: [MIME.xlsx, 'text/csv'],
        response: {
          200: fileResponse('Tệp đơn vị (nhập lại được) / The units file (re-importable)'),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) =>
      sendFile(reply, await exportUnits(deps, actorOf(request), request.query.format ?? 'xlsx')),
  );
  app.get(
    '/officials/export',
    {
      schema: {
        tags: ['officials'],
        summary: 'Xuất danh sách cán bộ / Export officials',
        querystring: Type.Object({
          format: Type.Optional(Format),
          unitId: Type.Optional(Id),
          subtree: Type.Optional(
            Type.Boolean({ description: 'Gồm cả các đơn vị cấp dưới / Include sub-units' }),
          ),
        }),
        produces: [MIME.xlsx, 'text/csv'],
        response: {
          200: fileResponse('Tệp cán bộ (nhập lại được) / The officials file (re-importable)'),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { format, unitId, subtree } = request.query;
      return sendFile(
        reply,
        await exportOfficials(deps, actorOf(request), format ?? 'xlsx', { unitId, subtree }),
      );
    },
  );
}
