import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixtures/load.ts';
import { COMMITTEE_PSU_IDS, COMMUNE_IDS, DEPARTMENT_IDS, DISTRICT_IDS, UNITS } from './fixtures/units.ts';
import { parseDirective } from './index.ts';
import type { DeadlineKind, DirectiveDraft, RecurrenceFrequency, Span, UnitMention } from './types.ts';

const D = DEPARTMENT_IDS;
const DIST = DISTRICT_IDS;
const COMM = COMMUNE_IDS;
const PSU = COMMITTEE_PSU_IDS;
const RECIPIENTS = 'recipients' as const;

interface ItemExpect {
  ref: string;
  /** Unit ids per lead mention; `recipients` when the item falls back to them. */
  lead: string[][] | typeof RECIPIENTS;
  leadNames?: string[];
  support?: string[][];
  deadline?: [DeadlineKind, string, string];
  recurrence?: [RecurrenceFrequency, number | undefined, string];
}

interface FixtureExpect {
  file: string;
  referenceDate?: string;
  header: Partial<
    Pick<
      DirectiveDraft,
      'number' | 'documentType' | 'issuer' | 'place' | 'date' | 'year' | 'month' | 'subject' | 'signer'
    >
  >;
  recipients: string[][];
  recipientNames?: string[];
  items: ItemExpect[];
  /** Warning codes, in order. */
  warnings: string[];
}

const CASES: FixtureExpect[] = [
  {
    file: '01-snv-cong-van-inline.txt',
    header: {
      number: '125/SNV-CCVC',
      documentType: 'cong_van',
      issuer: 'Sở Nội vụ',
      date: '2024-03-18',
      subject: 'báo cáo kết quả thực hiện vị trí việc làm năm 2024',
      signer: { title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC', name: 'Nguyễn Thị Hồng Nhung' },
    },
    recipients: [['stc'], ['syt'], ['ttt']],
    recipientNames: ['Sở Tài chính', 'Sở Y tế', 'Thanh tra tỉnh'],
    items: [{ ref: '1', lead: RECIPIENTS, deadline: ['before', '2024-04-15', 'trước ngày 15/4/2024'] }],
    warnings: [],
  },
  {
    file: '02-vp-thong-bao-ket-luan.txt',
    header: {
      number: '212/TB-VP',
      documentType: 'thong_bao',
      issuer: 'Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn',
      date: '2024-05-08',
      subject: 'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân vốn đầu tư công năm 2024',
      signer: { title: 'KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG', name: 'Lương Văn Bình' },
    },
    recipients: [],
    items: [
      {
        ref: '1',
        lead: [['stc']],
        support: [['sxd'], []],
        deadline: ['before', '2024-06-30', 'trước ngày 30/6/2024'],
      },
      { ref: '2', lead: [['snnmt']], deadline: ['within_month', '2024-06-30', 'trong tháng 6/2024'] },
      { ref: '3', lead: [DIST], recurrence: ['monthly', 25, 'định kỳ hằng tháng (trước ngày 25)'] },
      { ref: '4', lead: [[]], leadNames: ['Kho bạc Nhà nước tỉnh'] },
    ],
    warnings: ['unresolved_unit'],
  },
  {
    file: '03-chi-thi-ubnd.txt',
    header: {
      number: '05/CT-UBND',
      documentType: 'chi_thi',
      issuer: 'Ủy ban nhân dân tỉnh Lạng Sơn',
      date: '2024-02-22',
      subject: 'tăng cường kỷ luật, kỷ cương trong giải quyết thủ tục hành chính trên địa bàn tỉnh',
      signer: { title: 'TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH', name: 'Hồ Tiến Thiệu' },
    },
    recipients: [],
    items: [
      { ref: '1.a', lead: [D, DIST], deadline: ['before', '2024-03-31', 'trước ngày 31/3/2024'] },
      {
        ref: '1.b',
        lead: [D, DIST],
        recurrence: ['quarterly', 15, 'định kỳ hằng quý (trước ngày 15 của tháng cuối quý)'],
      },
      {
        ref: '2.a',
        lead: [['snv']],
        support: [['vp']],
        deadline: ['within_quarter', '2024-06-30', 'trong quý II/2024'],
      },
      { ref: '2.b', lead: [['snv']], recurrence: ['yearly', undefined, 'hằng năm'] },
      { ref: '3', lead: [['vp']], recurrence: ['monthly', 20, 'trước ngày 20 hằng tháng'] },
    ],
    warnings: [],
  },
  {
    file: '04-ke-hoach-roman.txt',
    header: {
      number: '88/KH-UBND',
      documentType: 'ke_hoach',
      subject: 'Thanh tra, kiểm tra công vụ năm 2024',
      signer: { title: 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH', name: 'Đoàn Thu Hà' },
    },
    recipients: [],
    items: [
      { ref: 'II.1', lead: [], deadline: ['within_quarter', '2024-09-30', 'trong quý III/2024'] },
      { ref: 'II.2', lead: [] },
      {
        ref: 'III.1',
        lead: [['snv']],
        support: [['ttt'], ['vp']],
        deadline: ['within_year', '2024-12-31', 'trong năm 2024'],
      },
      { ref: 'III.2', lead: [D, DIST], recurrence: ['semiannual', undefined, '6 tháng'] },
      { ref: 'III.3', lead: [['stc']], deadline: ['before', '2024-06-30', 'trước 30/6'] },
    ],
    warnings: ['no_lead', 'no_lead'],
  },
  {
    file: '05-ubnd-xa-cong-van.txt',
    header: {
      number: '47/UBND-VP',
      issuer: 'Ủy ban nhân dân xã Thất Khê',
      place: 'Thất Khê',
      date: '2025-08-12',
      subject: 'triển khai chuyển đổi số tại Bộ phận Một cửa xã',
      signer: { title: 'TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH', name: 'Hoàng Văn Nam' },
    },
    recipients: [[], [], []],
    recipientNames: ['Văn phòng HĐND và UBND xã', 'Phòng Kinh tế', 'Trung tâm Phục vụ hành chính công xã'],
    items: [
      { ref: '1', lead: [[]], deadline: ['within_month', '2025-09-30', 'trong tháng 9/2025'] },
      { ref: '2', lead: [[]], support: [[]], recurrence: ['weekly', undefined, 'hằng tuần'] },
      { ref: '3', lead: RECIPIENTS, deadline: ['before', '2025-09-30', 'trước ngày 30/9'] },
    ],
    warnings: ['unresolved_unit', 'unresolved_unit', 'unresolved_unit'],
  },
  {
    file: '06-abbreviations.txt',
    header: { number: '3051/VP-KGVX', issuer: 'Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn', date: '2025-10-02' },
    recipients: [['sgddt'], ['syt'], ['skhcn'], []],
    recipientNames: ['Sở GD&ĐT', 'Sở Y tế', 'Sở KH&CN', 'Công an tỉnh'],
    items: [
      {
        ref: '1',
        lead: [['sgddt']],
        leadNames: ['SGDĐT'],
        support: [[]],
        deadline: ['by', '2025-10-31', 'chậm nhất ngày 31/10/2025'],
      },
      {
        ref: '2',
        lead: [['syt']],
        leadNames: ['so y te'],
        support: [['skhcn']],
        deadline: ['within_month', '2025-11-30', 'trong tháng 11'],
      },
      {
        ref: '3',
        lead: [['snnmt'], ['stc'], ['vp']],
        leadNames: ['Sở NN&MT', 'Sở TC', 'VP UBND tỉnh'],
        recurrence: ['monthly', undefined, 'hằng tháng'],
      },
    ],
    warnings: ['unresolved_unit'],
  },
  {
    file: '07-quyet-dinh.txt',
    header: {
      number: '1520/QĐ-UBND',
      documentType: 'quyet_dinh',
      date: '2025-09-15',
      subject:
        'ban hành Quy chế phối hợp giải quyết phản ánh, kiến nghị của người dân, doanh nghiệp trên địa bàn tỉnh Lạng Sơn',
      signer: { title: 'CHỦ TỊCH', name: 'Hồ Tiến Thiệu' },
    },
    recipients: [],
    items: [
      { ref: '1', lead: [] },
      {
        ref: '2',
        lead: [['vp']],
        support: [['snv']],
        recurrence: ['semiannual', undefined, 'định kỳ 6 tháng một lần'],
      },
      { ref: '3', lead: [['vp'], D, COMM, []] },
    ],
    warnings: ['no_lead'],
  },
  {
    file: '08-recurrences.txt',
    header: { number: '2210/UBND-NC', date: '2024-07-03' },
    recipients: [['snv'], ['vp'], D],
    items: [
      { ref: '1', lead: [D], recurrence: ['monthly', 20, 'trước ngày 20 hằng tháng'] },
      { ref: '2', lead: [['vp']], recurrence: ['weekly', undefined, 'hằng tuần'] },
      { ref: '3', lead: [['snv']], recurrence: ['semiannual', undefined, 'định kỳ 6 tháng'] },
      { ref: '4', lead: [['ttt']], recurrence: ['quarterly', undefined, 'hàng quý'] },
    ],
    warnings: [],
  },
  {
    file: '09-table-layout.txt',
    header: {
      number: '1234/UBND-KT',
      issuer: 'Ủy ban nhân dân tỉnh Lạng Sơn',
      place: 'Lạng Sơn',
      date: '2025-09-05',
      subject: 'đẩy nhanh tiến độ thu hồi đất các công trình trọng điểm',
      signer: { title: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH', name: 'Đoàn Thu Hà' },
    },
    recipients: [COMM],
    items: [
      {
        ref: '1',
        lead: [['xa_dong_dang'], ['xa_cao_loc'], ['phuong_ky_lua']],
        leadNames: ['UBND xã Đồng Đăng', 'xã Cao Lộc', 'phường Kỳ Lừa'],
        deadline: ['within_quarter', '2025-12-31', 'trong quý IV/2025'],
      },
      {
        ref: '2',
        lead: [['xa_huu_lung'], ['xa_yen_binh'], ['xa_cai_kinh']],
        leadNames: ['UBND các xã Hữu Lũng', 'Yên Bình', 'Cai Kinh'],
        support: [['sxd']],
        deadline: ['before', '2025-10-31', 'trước 31/10'],
      },
      { ref: '3', lead: [['d_huu_lung']] },
    ],
    warnings: ['unit_not_valid'],
  },
  {
    file: '10-deadline-kinds.txt',
    header: {
      number: '4015/UBND-TH',
      date: '2024-12-16',
      signer: { title: 'CHỦ TỊCH', name: 'Hồ Tiến Thiệu' },
    },
    recipients: [D],
    items: [
      { ref: '1', lead: [['stc']], deadline: ['before', '2025-01-15', 'trước ngày 15/01'] },
      { ref: '2', lead: [['sxd']], deadline: ['by', '2025-03-31', 'chậm nhất ngày 31 tháng 3 năm 2025'] },
      { ref: '3', lead: [['sct']], deadline: ['within_month', '2025-02-28', 'trong tháng 02/2025'] },
      { ref: '4', lead: [['syt']], deadline: ['within_quarter', '2025-03-31', 'trong quý I'] },
      { ref: '5', lead: [['svhttdl']], deadline: ['before', '2025-03-01', 'trước tháng 3/2025'] },
      { ref: '6', lead: [['sgddt']], deadline: ['within_year', '2025-12-31', 'trong năm 2025'] },
      { ref: '7', lead: [['sdttg']] },
    ],
    warnings: ['invalid_date'],
  },
  {
    file: '11-ke-hoach-multilevel.txt',
    header: { number: '150/KH-UBND', documentType: 'ke_hoach', date: '2024-06-25' },
    recipients: [],
    items: [
      { ref: '1.1', lead: [['snv']], deadline: ['within_quarter', '2024-09-30', 'trong quý III/2024'] },
      { ref: '1.2', lead: [], deadline: ['before', '2024-07-31', 'trước ngày 31/7/2024'] },
      {
        ref: '2.1',
        lead: [['stc']],
        support: [['snv']],
        deadline: ['within_month', '2024-09-30', 'trong tháng 9'],
      },
      { ref: '2.2', lead: [['ttt']], recurrence: ['quarterly', undefined, 'định kỳ hằng quý'] },
    ],
    warnings: ['no_lead'],
  },
  {
    file: '12-cong-dien.txt',
    header: { number: '12/CĐ-UBND', documentType: 'other', subject: 'chủ động ứng phó với bão số 7' },
    recipients: [D, COMM, [], []],
    recipientNames: ['các Sở, Ban, ngành', 'UBND các xã, phường', 'Bộ Chỉ huy Quân sự tỉnh', 'Công an tỉnh'],
    items: [
      { ref: '1', lead: [COMM] },
      { ref: '2', lead: [[], []], leadNames: ['Bộ Chỉ huy Quân sự tỉnh', 'Công an tỉnh'] },
      { ref: '3', lead: [['snnmt']] },
    ],
    warnings: ['unresolved_unit', 'unresolved_unit'],
  },
  {
    file: '13-no-header.txt',
    referenceDate: '2024-09-01',
    header: {
      number: null,
      documentType: 'other',
      issuer: null,
      date: null,
      year: null,
      subject: null,
      signer: null,
    },
    recipients: [],
    items: [
      {
        ref: '1',
        lead: [['syt'], ['snv']],
        support: [['stc']],
        deadline: ['before', '2024-10-15', 'trước ngày 15/10'],
      },
    ],
    warnings: ['missing_date', 'missing_number', 'missing_signer', 'several_deadlines'],
  },
  {
    file: '14-public-service-units.txt',
    header: { number: '3620/UBND-KGVX', date: '2024-11-14' },
    recipients: [[...PSU, 'bvdk'], ['stc'], ['ttpvhcc']],
    items: [
      { ref: '1', lead: [PSU], deadline: ['before', '2024-12-20', 'trước ngày 20/12/2024'] },
      { ref: '2', lead: [['bqlda'], ['cdsp']], recurrence: ['yearly', undefined, 'hằng năm'] },
      { ref: '3', lead: [['ttpvhcc']] },
      { ref: '4', lead: [['stc']], deadline: ['within_month', '2025-01-31', 'trong tháng 01/2025'] },
    ],
    warnings: [],
  },
  {
    file: '15-markdown-bold.txt',
    header: {
      number: '980/UBND-NC',
      date: '2024-03-27',
      subject: 'tổ chức đối thoại với người dân, doanh nghiệp năm 2024',
      signer: { title: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH', name: 'Đoàn Thu Hà' },
    },
    recipients: [['snv'], ['ttt'], DIST],
    items: [
      { ref: '1', lead: [DIST], deadline: ['before', '2024-09-30', 'trước ngày 30/9/2024'] },
      { ref: '2.a', lead: [['ttt']], recurrence: ['monthly', 10, 'trước ngày 10 hằng tháng'] },
      { ref: '2.b', lead: [['ttt']] },
      { ref: '3', lead: [['snv']] },
    ],
    warnings: [],
  },
  {
    file: '16-department-list-inline.txt',
    header: { number: '1877/UBND-KT', date: '2024-08-09', subject: 'khắc phục hậu quả mưa lũ' },
    recipients: [['stc'], ['sxd'], ['syt'], ['d_trang_dinh'], ['d_van_lang']],
    items: [
      { ref: '1', lead: [['stc'], ['sxd'], ['syt']], leadNames: ['các Sở: Tài chính', 'Xây dựng', 'Y tế'] },
      {
        ref: '2',
        lead: [['d_trang_dinh'], ['d_van_lang']],
        deadline: ['before', '2024-08-15', 'trước ngày 15/8/2024'],
      },
    ],
    warnings: ['relative_deadline', 'several_deadlines'],
  },
  {
    file: '17-thong-bao-roman-letters.txt',
    header: { number: '95/TB-VP', documentType: 'thong_bao', date: '2025-02-20' },
    recipients: [],
    items: [
      { ref: 'II.1.a', lead: [['skhcn']], deadline: ['within_quarter', '2025-06-30', 'trong quý II/2025'] },
      {
        ref: 'II.1.b',
        lead: [['skhcn']],
        support: [['vp']],
        deadline: ['by', '2025-04-30', 'chậm nhất ngày 30/4/2025'],
      },
      { ref: 'II.2', lead: [['stc']] },
      { ref: 'II.3', lead: [D], recurrence: ['quarterly', undefined, 'định kỳ hằng quý'] },
    ],
    warnings: [],
  },
];

const idsOf = (ms: UnitMention[]) => ms.map((m) => m.unitIds);

/** A span's source text, read as the parser writes names: markup gone, whitespace collapsed. */
function visible(text: string, s: Span): string {
  return text.slice(s.start, s.end).replace(/[*|]/g, ' ').replace(/\s+/g, ' ').trim();
}

describe.each(CASES)('fixture $file', (c) => {
  const text = loadFixture(c.file);
  const d = parseDirective(text, {
    units: UNITS,
    ...(c.referenceDate ? { referenceDate: c.referenceDate } : {}),
  });

  it('reads the header', () => {
    expect(d).toMatchObject(c.header);
  });

  it('resolves the recipients', () => {
    expect(idsOf(d.recipients)).toEqual(c.recipients);
    if (c.recipientNames) expect(d.recipients.map((m) => m.name)).toEqual(c.recipientNames);
  });

  it('finds the items with their lead, support, deadline and recurrence', () => {
    expect(d.items.map((i) => i.ref)).toEqual(c.items.map((i) => i.ref));
    c.items.forEach((e, k) => {
      const item = d.items[k]!;
      if (e.lead === RECIPIENTS) expect(item.lead).toEqual(d.recipients);
      else expect(idsOf(item.lead)).toEqual(e.lead);
      if (e.leadNames) expect(item.lead.map((m) => m.name)).toEqual(e.leadNames);
      expect(idsOf(item.support)).toEqual(e.support ?? []);
      if (e.deadline) {
        const [kind, date, written] = e.deadline;
        expect(item.deadline).toMatchObject({ kind, date, text: written });
      } else expect(item.deadline).toBeNull();
      if (e.recurrence) {
        const [frequency, dayOfMonth, written] = e.recurrence;
        expect(item.recurrence).toMatchObject({ frequency, text: written });
        expect(item.recurrence?.dayOfMonth).toBe(dayOfMonth);
      } else expect(item.recurrence).toBeNull();
    });
  });

  it('reports the expected warnings', () => {
    expect(d.warnings.map((w) => w.slice(0, w.indexOf(':')))).toEqual(c.warnings);
  });

  it('points every span at what it names', () => {
    const mentions = [...d.recipients, ...d.items.flatMap((i) => [...i.lead, ...i.support])];
    for (const m of mentions) expect(visible(text, m.span)).toBe(m.name);
    for (const i of d.items) {
      if (i.deadline) expect(text.slice(i.deadline.span.start, i.deadline.span.end)).toBe(i.deadline.text);
      if (i.recurrence)
        expect(text.slice(i.recurrence.span.start, i.recurrence.span.end)).toBe(i.recurrence.text);
      expect(visible(text, i.span).endsWith(i.text)).toBe(true);
    }
    if (d.number) expect(text.slice(d.spans.number!.start, d.spans.number!.end)).toBe(d.number);
    if (d.place) expect(text.slice(d.spans.place!.start, d.spans.place!.end)).toBe(d.place);
    if (d.subject) expect(visible(text, d.spans.subject!)).toContain(d.subject);
    if (d.signer) expect(visible(text, d.spans.signer!).endsWith(d.signer.name)).toBe(true);
  });
});
