import { describe, expect, it } from 'vitest';
import { findAssignees } from './assign.ts';
import { UNITS } from './fixtures/units.ts';
import type { MentionContext } from './mentions.ts';
import { buildSource } from './source.ts';
import { UnitIndex } from './unit-index.ts';
import { Warnings } from './warnings.ts';

const index = new UnitIndex(UNITS);
const context = (text: string, date = '2024-05-01'): MentionContext => ({
  src: buildSource(text),
  index,
  date,
  warnings: new Warnings(),
});

function who(text: string) {
  const ctx = context(text);
  const r = findAssignees(ctx, { start: 0, end: ctx.src.text.length });
  return {
    lead: r.lead.map((m) => m.name),
    leadIds: r.lead.map((m) => m.unitIds),
    support: r.support.map((m) => m.name),
    warnings: ctx.warnings.list.map((w) => w.split(':')[0]),
  };
}

describe('findAssignees', () => {
  it.each([
    ['Giao Sở Nội vụ kiểm tra việc thực hiện.', ['Sở Nội vụ'], []],
    ['Sở Tài chính chủ trì, phối hợp với Sở Xây dựng thẩm định.', ['Sở Tài chính'], ['Sở Xây dựng']],
    ['Thanh tra tỉnh tổ chức thanh tra công vụ.', ['Thanh tra tỉnh'], []],
    ['Văn phòng UBND tỉnh kiểm tra, đôn đốc.', ['Văn phòng UBND tỉnh'], []],
    ['UBND các huyện, thành phố thực hiện.', ['UBND các huyện, thành phố'], []],
    ['Đề nghị Sở Y tế bố trí nhân lực.', ['Sở Y tế'], []],
    ['UBND tỉnh yêu cầu Sở Nội vụ báo cáo.', ['Sở Nội vụ'], []],
    ['Chủ tịch UBND tỉnh giao Giám đốc Sở Tài chính rà soát.', ['Sở Tài chính'], []],
    ['Sở Nội vụ:', ['Sở Nội vụ'], []],
    [
      'Sở Y tế phối hợp với Sở Tài chính và các cơ quan liên quan.',
      ['Sở Y tế'],
      ['Sở Tài chính', 'các cơ quan liên quan'],
    ],
    ['Sở Nội vụ chủ trì; Sở Tài chính phối hợp.', ['Sở Nội vụ'], ['Sở Tài chính']],
    ['Giao Sở Nội vụ chủ trì, Sở Tài chính phối hợp thực hiện.', ['Sở Nội vụ'], ['Sở Tài chính']],
    ['Sở Dân tộc và Tôn giáo phối hợp tổ chức hội nghị.', ['Sở Dân tộc và Tôn giáo'], []],
    ['Phối hợp với Văn phòng UBND tỉnh nâng cấp hệ thống.', [], ['Văn phòng UBND tỉnh']],
  ])('%s', (text, lead, support) => {
    const r = who(text);
    expect(r.lead).toEqual(lead);
    expect(r.support).toEqual(support);
  });

  it('does not take a unit named mid-sentence for the lead', () => {
    expect(
      who('Tiếp tục nâng cao hiệu quả hoạt động của Trung tâm Phục vụ hành chính công tỉnh.').lead,
    ).toEqual([]);
    expect(who('thực hiện các nhiệm vụ được UBND tỉnh, Chủ tịch UBND tỉnh giao.').lead).toEqual([]);
    expect(who('Theo đề nghị của Sở Nội vụ tại Tờ trình số 12.').lead).toEqual([]);
  });

  it('does not take the committee as lead when it only assesses', () => {
    expect(who('UBND tỉnh ghi nhận, đánh giá cao kết quả đạt được.').lead).toEqual([]);
  });

  it('keeps an unknown agency as an unresolved lead, with a warning', () => {
    const r = who('Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh bố trí lực lượng.');
    expect(r.lead).toEqual(['Công an tỉnh', 'Bộ Chỉ huy Quân sự tỉnh']);
    expect(r.leadIds).toEqual([[], []]);
    expect(r.warnings).toEqual(['unresolved_unit', 'unresolved_unit']);
  });

  it('does not read ordinary sentences as agencies', () => {
    expect(who('Trường hợp chậm trễ phải báo cáo.').lead).toEqual([]);
    expect(who('Ban hành kèm theo Quyết định này Quy chế.').lead).toEqual([]);
  });
});
