/**
 * A realistic report and a công văn of the provincial office, for the tests and for looking at
 * the layout: `npx tsx server/src/platform/exports/sample-report.ts out.docx [cong-van]` writes one.
 */
import { writeFile } from 'node:fs/promises';
import type { AdministrativeDocument } from './administrative-docx.ts';

export const SAMPLE_REPORT: AdministrativeDocument = {
  issuerParent: 'Ủy ban nhân dân tỉnh Lạng Sơn',
  issuer: 'Văn phòng',
  number: '15/BC-VP',
  place: 'Lạng Sơn',
  date: '2024-04-15',
  documentType: 'Báo cáo',
  subject:
    'Tình hình thực hiện nhiệm vụ do Ủy ban nhân dân tỉnh,\nChủ tịch Ủy ban nhân dân tỉnh giao quý I năm 2024',
  body: [
    {
      kind: 'paragraph',
      text:
        'Thực hiện chỉ đạo của Chủ tịch Ủy ban nhân dân tỉnh về việc theo dõi, đôn đốc thực hiện nhiệm vụ, ' +
        'Văn phòng UBND tỉnh báo cáo tình hình thực hiện nhiệm vụ quý I năm 2024 như sau:',
    },
    { kind: 'heading', level: 1, text: 'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ' },
    { kind: 'heading', level: 2, text: '1. Tổng số nhiệm vụ được giao' },
    {
      kind: 'paragraph',
      text: [
        'Trong quý I năm 2024, UBND tỉnh, Chủ tịch UBND tỉnh đã giao ',
        { text: '1.245', bold: true },
        ' nhiệm vụ cho các sở, ban, ngành, UBND các huyện, thành phố; trong đó đã hoàn thành ',
        { text: '1.032', bold: true },
        ' nhiệm vụ (đạt 82,9%), đang thực hiện trong hạn 168 nhiệm vụ, quá hạn 45 nhiệm vụ.',
      ],
    },
    { kind: 'heading', level: 2, text: '2. Kết quả theo từng cơ quan, đơn vị' },
    {
      kind: 'table',
      title: 'Bảng 1. Kết quả thực hiện nhiệm vụ theo cơ quan, đơn vị',
      columns: [
        { header: 'STT', width: 0.8, align: 'center' },
        { header: 'Cơ quan, đơn vị', width: 4 },
        { header: 'Được giao', width: 1.2 },
        { header: 'Hoàn thành đúng hạn', width: 1.5 },
        { header: 'Quá hạn', width: 1 },
        { header: 'Tỷ lệ đúng hạn (%)', width: 1.4 },
      ],
      rows: [
        ['1', 'Sở Nội vụ', 86, 80, 2, 93.02],
        ['2', 'Sở Tài chính', 112, 97, 5, 86.61],
        ['3', 'Sở Kế hoạch và Đầu tư', 134, 110, 9, 82.09],
        ['4', 'Sở Tài nguyên và Môi trường', 98, 71, 14, 72.45],
        ['5', 'UBND thành phố Lạng Sơn', 75, 70, 1, 93.33],
      ],
      totals: ['', 'Tổng cộng', 505, 428, 31, 84.75],
    },
    { kind: 'heading', level: 1, text: 'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN' },
    {
      kind: 'list',
      items: [
        'Một số cơ quan, đơn vị chưa chủ động báo cáo tiến độ; còn tình trạng chậm cập nhật kết quả trên hệ thống.',
        'Việc phối hợp giữa cơ quan chủ trì và cơ quan phối hợp ở một số nhiệm vụ chưa chặt chẽ, kéo dài thời gian xử lý.',
      ],
    },
    { kind: 'heading', level: 1, text: 'III. ĐỀ XUẤT, KIẾN NGHỊ' },
    { kind: 'heading', level: 3, text: 'a) Đối với các sở, ban, ngành:' },
    {
      kind: 'paragraph',
      text:
        'Tập trung chỉ đạo giải quyết dứt điểm 45 nhiệm vụ quá hạn trước ngày 30/4/2024; ' +
        'báo cáo rõ nguyên nhân, trách nhiệm của tập thể, cá nhân để chậm trễ.\n' +
        'Văn phòng UBND tỉnh kính báo cáo Chủ tịch UBND tỉnh xem xét, chỉ đạo./.',
    },
  ],
  copiesTo: [
    'Chủ tịch, các PCT UBND tỉnh (b/c)',
    'Các sở, ban, ngành tỉnh',
    'UBND các huyện, thành phố',
    'C, PCVP UBND tỉnh',
  ],
  archive: 'TH',
  signer: { authority: 'KT. Chánh Văn phòng', title: 'Phó Chánh Văn phòng', name: 'Nguyễn Văn An' },
};

export const SAMPLE_OFFICIAL_LETTER: AdministrativeDocument = {
  issuerParent: 'Ủy ban nhân dân tỉnh Lạng Sơn',
  issuer: 'Văn phòng',
  number: '5/VP-TH',
  place: 'Lạng Sơn',
  date: '2024-02-05',
  documentType: null,
  subject: 'đôn đốc thực hiện nhiệm vụ quá hạn',
  recipients: ['Sở Tài nguyên và Môi trường', 'Sở Kế hoạch và Đầu tư', 'UBND huyện Cao Lộc'],
  body: [
    {
      kind: 'paragraph',
      text:
        'Theo dõi trên Hệ thống Điều hành, đến ngày 05/02/2024 các cơ quan, đơn vị còn nhiệm vụ quá hạn chưa hoàn thành. ' +
        'Văn phòng UBND tỉnh đề nghị các cơ quan, đơn vị khẩn trương thực hiện, báo cáo kết quả trước ngày 20/02/2024.',
    },
  ],
  copiesTo: ['Lãnh đạo VP'],
  archive: 'TH',
  signer: { authority: 'KT. Chánh Văn phòng', title: 'Phó Chánh Văn phòng', name: 'Trần Thị Bình' },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeAdministrativeDocx } = await import('./administrative-docx.ts');
  const doc = process.argv[3] === 'cong-van' ? SAMPLE_OFFICIAL_LETTER : SAMPLE_REPORT;
  await writeFile(process.argv[2] ?? 'sample.docx', await writeAdministrativeDocx(doc));
}
