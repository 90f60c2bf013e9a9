import { describe, expect, it } from 'vitest';
import { COMMITTEE_PSU_IDS, COMMUNE_IDS, DEPARTMENT_IDS, DISTRICT_IDS, UNITS } from './fixtures/units.ts';
import { buildSource } from './source.ts';
import type { DirectiveUnit } from './types.ts';
import { departmentInitials, nameVariants, UnitIndex } from './unit-index.ts';

const index = new UnitIndex(UNITS);

function match(text: string, date: string | null = '2025-09-01', idx = index) {
  const src = buildSource(text);
  const found = idx.matchAt(src, 0, src.tokens.length, date);
  return found?.map((m) => ({
    text: src.text.slice(src.tokens[m.startTok]!.start, src.tokens[m.endTok - 1]!.end),
    ids: m.unitIds,
    ...(m.ambiguous ? { ambiguous: m.ambiguous } : {}),
  }));
}

describe('UnitIndex — single units', () => {
  it.each([
    ['Sở Nội vụ', 'snv'],
    ['so noi vu', 'snv'],
    ['SỞ NỘI VỤ', 'snv'],
    ['Sở NV', 'snv'],
    ['SNV', 'snv'],
    ['Sở GD&ĐT', 'sgddt'],
    ['Sở GD-ĐT', 'sgddt'],
    ['Sở GDĐT', 'sgddt'],
    ['SGD&ĐT', 'sgddt'],
    ['Sở KH&CN', 'skhcn'],
    ['Sở NN&MT', 'snnmt'],
    ['Sở VHTT&DL', 'svhttdl'],
    ['Sở Ngoại vụ', 'sngv'],
    ['Sở Tài chính tỉnh', 'stc'],
    ['Sở Tài chính tỉnh Lạng Sơn', 'stc'],
    ['Văn phòng UBND tỉnh', 'vp'],
    ['VP UBND tỉnh', 'vp'],
    ['VPUBND', 'vp'],
    ['Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn', 'vp'],
    ['UBND tỉnh', 'ubnd'],
    ['Ủy ban nhân dân tỉnh Lạng Sơn', 'ubnd'],
    ['Uỷ ban nhân dân tỉnh', 'ubnd'],
    ['Thanh tra tỉnh', 'ttt'],
    ['Trung tâm Phục vụ hành chính công tỉnh', 'ttpvhcc'],
    ['Trung tâm Phục vụ hành chính công', 'ttpvhcc'],
  ])('%s → %s', (text, id) => {
    expect(match(text)).toEqual([{ text, ids: [id] }]);
  });

  it('needs capitals for a bare acronym', () => {
    expect(match('snv')).toBeUndefined();
    expect(match('ttt')).toBeUndefined();
  });

  it('does not take "Thanh tra" alone (a verb) for the inspectorate', () => {
    expect(match('thanh tra trách nhiệm')).toBeUndefined();
  });

  it('leaves a commune-level body to the caller rather than take the province’s', () => {
    expect(match('Trung tâm Phục vụ hành chính công xã')).toBeUndefined();
  });
});

describe('UnitIndex — groups and places', () => {
  it.each([
    ['Các Sở, Ban, ngành', DEPARTMENT_IDS],
    ['các sở, ban ngành tỉnh', DEPARTMENT_IDS],
    ['các cơ quan chuyên môn thuộc UBND tỉnh', DEPARTMENT_IDS],
    ['Các đơn vị sự nghiệp trực thuộc UBND tỉnh', COMMITTEE_PSU_IDS],
    ['các đơn vị sự nghiệp công lập', [...COMMITTEE_PSU_IDS, 'bvdk']],
  ])('%s', (text, ids) => {
    expect(match(text)).toEqual([{ text, ids }]);
  });

  it('takes districts and communes that exist on the date', () => {
    expect(match('UBND các huyện, thành phố', '2024-01-15')?.[0]?.ids).toEqual(DISTRICT_IDS);
    expect(match('UBND các huyện, thành phố', '2025-07-01')?.[0]?.ids).toEqual([]);
    expect(match('UBND các xã, phường', '2025-07-01')?.[0]?.ids).toEqual(COMMUNE_IDS);
    expect(match('các xã, phường, đặc khu', '2025-06-30')?.[0]?.ids).toEqual([]);
    expect(match('UBND cấp xã', '2025-08-01')?.[0]?.ids).toHaveLength(65);
  });

  it('turns a group followed by "liên quan" into a vague mention', () => {
    expect(match('các Sở, ngành liên quan')).toEqual([{ text: 'các Sở, ngành liên quan', ids: [] }]);
    expect(match('các cơ quan, đơn vị có liên quan')).toEqual([
      { text: 'các cơ quan, đơn vị có liên quan', ids: [] },
    ]);
  });

  it('reads lists of communes after one level word', () => {
    expect(match('UBND các xã Thất Khê, Đoàn Kết và Tân Tiến')).toEqual([
      { text: 'UBND các xã Thất Khê', ids: ['xa_that_khe'] },
      { text: 'Đoàn Kết', ids: ['xa_doan_ket'] },
      { text: 'Tân Tiến', ids: ['xa_tan_tien'] },
    ]);
    expect(match('phường Tam Thanh')).toEqual([{ text: 'phường Tam Thanh', ids: ['phuong_tam_thanh'] }]);
  });

  it('keeps the district and the commune of the same name apart by their level word', () => {
    expect(match('huyện Văn Lãng')?.[0]?.ids).toEqual(['d_van_lang']);
    expect(match('xã Văn Lãng')?.[0]?.ids).toEqual(['xa_van_lang']);
    expect(match('TP. Lạng Sơn')?.[0]?.ids).toEqual(['d_tp_lang_son']);
    expect(match('xã đoàn kết')).toBeUndefined();
  });

  it('reads "các Sở: Nội vụ, Tài chính và Y tế"', () => {
    expect(match('các Sở: Nội vụ, Tài chính và Y tế')?.map((m) => m.ids)).toEqual([
      ['snv'],
      ['stc'],
      ['syt'],
    ]);
  });
});

describe('UnitIndex — collisions', () => {
  it('lets an explicit abbreviation beat generated initials (Sở NV is Nội vụ, not Ngoại vụ)', () => {
    expect(match('Sở NV')?.[0]?.ids).toEqual(['snv']);
  });

  it('reports two units that answer a name equally', () => {
    const units: DirectiveUnit[] = [
      { id: 'a', name: 'Sở Tư pháp', abbr: 'STP', kind: 'department' },
      { id: 'b', name: 'Sở Thông tin và Phát thanh', abbr: 'STP', kind: 'department' },
    ];
    expect(match('STP', null, new UnitIndex(units))).toEqual([
      { text: 'STP', ids: [], ambiguous: ['a', 'b'] },
    ]);
  });

  it('prefers the unit valid at the date when two share a name', () => {
    const units: DirectiveUnit[] = [
      { id: 'old', name: 'Sở Nội vụ', kind: 'department', validTo: '2025-02-28' },
      { id: 'new', name: 'Sở Nội vụ', kind: 'department' },
    ];
    expect(match('Sở Nội vụ', '2025-06-01', new UnitIndex(units))?.[0]?.ids).toEqual(['new']);
  });
});

describe('alias generation', () => {
  it('spells a name with and without UBND, VP and the province', () => {
    const v = nameVariants('Văn phòng Ủy ban nhân dân tỉnh', ['lang', 'son']).map((w) => w.join(' '));
    expect(v).toEqual(
      expect.arrayContaining(['van phong ubnd tinh', 'vp ubnd tinh', 'van phong uy ban nhan dan']),
    );
  });

  it('derives department initials', () => {
    const forms = departmentInitials('Sở Giáo dục và Đào tạo').map((f) => f.tokens.join(' '));
    expect(forms).toEqual(expect.arrayContaining(['so gddt', 'so gd dt', 'so gd va dt', 'sgd va dt']));
    expect(departmentInitials('Thanh tra tỉnh')).toEqual([]);
  });
});
