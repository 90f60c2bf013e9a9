import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../platform/db.ts';
import { adminCreate } from './admin.ts';
import { auditVerify } from './audit.ts';
import { demoData } from './demo.ts';
import { transfer } from './transfer.ts';

const HELP = `Điều hành — công cụ dòng lệnh / command line

  npx dieuhanh admin create --username <u> [--name "<Họ tên>"] [--tenant <id>] [--tenant-name "<Tên>"] [--root-unit "<Tên đơn vị gốc>"]
        Tạo tài khoản quản trị đầu tiên (mật khẩu đọc từ biến DIEUHANH_ADMIN_PASSWORD hoặc nhập từ bàn phím).
        Create the first administrator (password from DIEUHANH_ADMIN_PASSWORD or typed in).
  npx dieuhanh demo-data
        Nạp dữ liệu mẫu Lạng Sơn vào cơ sở dữ liệu trống / load the Lạng Sơn demo data into an empty database.
  npx dieuhanh import units|officials <tệp.xlsx|tệp.csv> [--as <username>] [--dry-run]
        Nhập đơn vị / cán bộ; dòng sai thì không ghi gì / import units or officials; nothing is written if a row is invalid.
  npx dieuhanh export units|officials <tệp.xlsx|tệp.csv> [--as <username>]
        Xuất danh sách / export the list (scoped by the account's grants; default account: admin).
  npx dieuhanh audit verify [--tenant <id>]
        Kiểm tra chuỗi băm nhật ký / verify the audit hash chain; names the first broken link.

Cơ sở dữ liệu / database: DATABASE_URL (PostgreSQL) hoặc / or DATA_DIR (PGlite, mặc định ./data).
`;

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      tenant: { type: 'string' },
      'tenant-name': { type: 'string' },
      'root-unit': { type: 'string' },
      as: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals.slice(0, 2).join(' ');
  if (values.help || !command) {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig();
  const tenantId = values.tenant ?? config.defaultTenant;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    switch (command) {
      case 'admin create':
        return await adminCreate(database.db, {
          tenantId,
          tenantName: values['tenant-name'],
          rootUnitName: values['root-unit'],
          username: values.username,
          displayName: values.name,
        });
      case 'demo-data':
        return await demoData(database.db, tenantId);
      case 'import units':
      case 'import officials':
      case 'export units':
      case 'export officials':
        return await transfer(database, config, {
          direction: positionals[0] as 'import' | 'export',
          what: positionals[1] ?? '',
          file: positionals[2],
          as: values.as,
          tenantId,
          dryRun: values['dry-run'] ?? false,
        });
      case 'audit verify':
        return await auditVerify(database.db, tenantId);
      default:
        console.error(`Lệnh không hợp lệ / unknown command: ${command}\n\n${HELP}`);
        return 2;
    }
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
