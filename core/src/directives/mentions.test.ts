import { describe, expect, it } from 'vitest';
import { UNITS } from './fixtures/units.ts';
import { accept, isVague, type MentionContext, readUnitList, skipRoles } from './mentions.ts';
import { buildSource } from './source.ts';
import { UnitIndex } from './unit-index.ts';
import { Warnings } from './warnings.ts';

const index = new UnitIndex(UNITS);

function read(text: string, allowUnknown = true) {
  const ctx: MentionContext = { src: buildSource(text), index, date: '2024-05-01', warnings: new Warnings() };
  const list = readUnitList(ctx, 0, ctx.src.tokens.length, { allowUnknown });
  const mentions = list ? accept(ctx, list) : [];
  return { ctx, list, mentions, names: mentions.map((m) => m.name) };
}

describe('readUnitList', () => {
  it('reads names separated by commas and "và", stopping at the predicate', () => {
    const r = read('Sở Tài chính, Sở Xây dựng và Thanh tra tỉnh thẩm định');
    expect(r.names).toEqual(['Sở Tài chính', 'Sở Xây dựng', 'Thanh tra tỉnh']);
    expect(r.ctx.src.tokens[r.list!.endTok]!.fold).toBe('tham');
  });

  it('skips titles before a unit but keeps a name that starts like one', () => {
    expect(read('Giám đốc Sở Nội vụ').names).toEqual(['Sở Nội vụ']);
    expect(read('Chánh Thanh tra tỉnh').names).toEqual(['Thanh tra tỉnh']);
    expect(read('Trường Cao đẳng Sư phạm Lạng Sơn').names).toEqual(['Trường Cao đẳng Sư phạm Lạng Sơn']);
    const src = buildSource('Đồng chí Chủ tịch UBND tỉnh');
    expect(src.tokens[skipRoles(src, 0, src.tokens.length)]!.fold).toBe('ubnd');
  });

  it('reads unlisted agencies only when allowed, with a warning once accepted', () => {
    expect(read('Công an tỉnh', false).list).toBeNull();
    const r = read('Công an tỉnh và Sở Lao động - Thương binh và Xã hội tham mưu');
    expect(r.names).toEqual(['Công an tỉnh', 'Sở Lao động - Thương binh và Xã hội']);
    expect(r.ctx.warnings.list).toHaveLength(2);
  });

  it('does not warn for a list the caller drops', () => {
    const ctx: MentionContext = {
      src: buildSource('Công an tỉnh'),
      index,
      date: null,
      warnings: new Warnings(),
    };
    expect(readUnitList(ctx, 0, ctx.src.tokens.length, { allowUnknown: true })).not.toBeNull();
    expect(ctx.warnings.list).toEqual([]);
  });

  it('marks vague groups', () => {
    const r = read('Sở Y tế và các cơ quan liên quan');
    expect(r.mentions.map(isVague)).toEqual([false, true]);
  });
});
