import { describe, expect, it } from 'vitest';
import { DEPARTMENT_IDS, DISTRICT_IDS, UNITS } from './fixtures/units.ts';
import type { MentionContext } from './mentions.ts';
import { parseRecipients } from './recipients.ts';
import { buildSource } from './source.ts';
import { UnitIndex } from './unit-index.ts';
import { Warnings } from './warnings.ts';

const index = new UnitIndex(UNITS);
const context = (text: string): MentionContext => ({
  src: buildSource(text),
  index,
  date: '2024-05-01',
  warnings: new Warnings(),
});

describe('parseRecipients', () => {
  const recipients = (text: string) => {
    const ctx = context(text);
    const r = parseRecipients(ctx, 0);
    return { names: r.mentions.map((m) => m.name), ids: r.mentions.map((m) => m.unitIds), next: r.next, ctx };
  };

  it('reads a bullet list after a blank line', () => {
    const r = recipients(
      'Kính gửi:\n\n- Các Sở, Ban, ngành;\n- Ủy ban nhân dân các huyện, thành phố.\n\nNội dung.',
    );
    expect(r.names).toEqual(['Các Sở, Ban, ngành', 'Ủy ban nhân dân các huyện, thành phố']);
    expect(r.ids).toEqual([DEPARTMENT_IDS, DISTRICT_IDS]);
    expect(r.next).toBe(4);
  });

  it('reads an inline list split by semicolons or commas', () => {
    expect(recipients('Kính gửi: Sở Nội vụ; Sở Tài chính.').names).toEqual(['Sở Nội vụ', 'Sở Tài chính']);
    expect(recipients('Kính gửi: Sở Nội vụ, Sở Tài chính, Thanh tra tỉnh.').ids).toEqual([
      ['snv'],
      ['stc'],
      ['ttt'],
    ]);
  });

  it('joins a bullet that wraps onto the next line', () => {
    const r = recipients('Kính gửi:\n- Sở Nội vụ;\n- Ủy ban nhân dân các huyện,\n  thành phố.\n\nNội dung.');
    expect(r.names).toEqual(['Sở Nội vụ', 'Ủy ban nhân dân các huyện, thành phố']);
    expect(r.ids[1]).toEqual(DISTRICT_IDS);
    expect(r.next).toBe(4);
  });

  it('reads the recipient on the next line when "Kính gửi:" stands alone', () => {
    expect(recipients('Kính gửi:\nSở Nội vụ.\n\nNội dung').names).toEqual(['Sở Nội vụ']);
  });

  it('keeps an unknown recipient with a warning', () => {
    const r = recipients('Kính gửi:\n- Các cơ quan báo chí;\n- Sở Y tế.');
    expect(r.names).toEqual(['Các cơ quan báo chí', 'Sở Y tế']);
    expect(r.ids).toEqual([[], ['syt']]);
    expect(r.ctx.warnings.list[0]).toMatch(/^unresolved_unit: /);
  });
});
