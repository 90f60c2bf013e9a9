import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixtures/load.ts';
import { COMMITTEE_PSU_IDS, DEPARTMENT_IDS, DISTRICT_IDS, UNITS } from './fixtures/units.ts';
import { parseDirective } from './index.ts';
import type { DirectiveDraft, UnitMention } from './types.ts';

const SEED = 'seed-lang-son-2024.txt';
const seedText = loadFixture(SEED);
const parse = (text: string, referenceDate?: string): DirectiveDraft =>
  parseDirective(text, { units: UNITS, ...(referenceDate ? { referenceDate } : {}) });
const ids = (ms: UnitMention[]) => ms.map((m) => m.unitIds);
const slice = (text: string, s: { start: number; end: number } | undefined) =>
  s ? text.slice(s.start, s.end) : undefined;

describe('parseDirective — the seed directive (UBND tỉnh Lạng Sơn, January 2024)', () => {
  const d = parse(seedText);

  it('is the copy of shared/seed when that folder is present', () => {
    const shared = new URL('../../../../shared/seed/000_f1796f4891566ede.txt', import.meta.url);
    if (!existsSync(shared)) return;
    expect(readFileSync(shared, 'utf8')).toBe(seedText);
  });

  it('reads the header', () => {
    expect(d.number).toBe('/UBND-NC');
    expect(d.documentType).toBe('cong_van');
    expect(d.issuer).toBe('Ủy ban nhân dân tỉnh Lạng Sơn');
    expect(d.place).toBe('Lạng Sơn');
    expect(d.date).toBeNull();
    expect(d.year).toBe(2024);
    expect(d.month).toBe(1);
    expect(d.subject).toBe(
      'thực hiện chủ đề năm 2024 “Siết chặt kỷ cương, tăng cường trách nhiệm, quyết liệt hành động, sáng tạo bút phá”',
    );
    expect(d.signer).toEqual({ title: 'CHỦ TỊCH', name: 'Hồ Tiến Thiệu' });
    expect(d.warnings.map((w) => w.split(':')[0])).toEqual(['missing_day']);
  });

  it('points its spans at the source', () => {
    expect(slice(seedText, d.spans.number)).toBe('/UBND-NC');
    expect(slice(seedText, d.spans.issuer)).toBe('ỦY BAN NHÂN DÂN  \nTỈNH LẠNG SƠN');
    expect(slice(seedText, d.spans.place)).toBe('Lạng Sơn');
    expect(slice(seedText, d.spans.date)).toBe('ngày tháng 01 năm 2024');
    expect(slice(seedText, d.spans.subject)?.startsWith('thực hiện chủ đề năm 2024')).toBe(true);
    expect(slice(seedText, d.spans.subject)?.endsWith('sáng tạo bút phá”')).toBe(true);
    expect(slice(seedText, d.spans.signer)).toBe('CHỦ TỊCH**\n\n**Hồ Tiến Thiệu');
  });

  it('resolves the three recipient groups to the units valid in January 2024', () => {
    expect(d.recipients.map((m) => m.name)).toEqual([
      'Các Sở, Ban, ngành',
      'Các đơn vị sự nghiệp trực thuộc UBND tỉnh',
      'Ủy ban nhân dân các huyện, thành phố',
    ]);
    expect(ids(d.recipients)).toEqual([DEPARTMENT_IDS, COMMITTEE_PSU_IDS, DISTRICT_IDS]);
    for (const m of d.recipients) expect(slice(seedText, m.span)).toBe(m.name);
  });

  it('finds exactly seven items; 1–6 fall to the recipients, 7 names its three units', () => {
    expect(d.items.map((i) => i.ref)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    for (const item of d.items.slice(0, 6)) {
      expect(item.lead).toEqual(d.recipients);
      expect(item.support).toEqual([]);
    }
    const seven = d.items[6]!;
    expect(seven.lead.map((m) => m.name)).toEqual(['Sở Nội vụ', 'Thanh tra tỉnh', 'Văn phòng UBND tỉnh']);
    expect(ids(seven.lead)).toEqual([['snv'], ['ttt'], ['vp']]);
    for (const m of seven.lead) expect(slice(seedText, m.span)).toBe(m.name);
    expect(d.items.every((i) => i.deadline === null && i.recurrence === null)).toBe(true);
  });

  it('keeps item text without the markdown and ends the last item before the closing paragraph', () => {
    expect(d.items[0]!.text.startsWith('gương mẫu, tự giác đi đầu')).toBe(true);
    expect(d.items[5]!.text).toContain('thành phong trào thi đua rộng khắp');
    expect(d.items[6]!.text).toBe(
      'Giao Sở Nội vụ kiểm tra thực hiện kỷ luật, kỷ cương hành chính; Thanh tra tỉnh tổ chức thanh tra trách nhiệm về thực hiện công vụ của cán bộ, công chức; Văn phòng UBND tỉnh kiểm tra thực hiện các nhiệm vụ được UBND tỉnh, Chủ tịch UBND tỉnh giao.',
    );
    expect(slice(seedText, d.items[6]!.span)?.startsWith('7. Giao Sở Nội vụ**')).toBe(true);
    expect(slice(seedText, d.items[6]!.span)?.endsWith('Chủ tịch UBND tỉnh giao.')).toBe(true);
  });
});

describe('parseDirective — input forms', () => {
  it('accepts NFD input and reports spans into its NFC form', () => {
    const nfd = seedText.normalize('NFD');
    const d = parse(nfd);
    const nfcText = nfd.normalize('NFC');
    expect(d.items).toHaveLength(7);
    expect(d.issuer).toBe('Ủy ban nhân dân tỉnh Lạng Sơn');
    expect(d.issuer?.normalize('NFC')).toBe(d.issuer);
    expect(slice(nfcText, d.items[6]!.lead[0]!.span)).toBe('Sở Nội vụ');
  });

  it('returns NFC text everywhere', () => {
    const d = parse(seedText.normalize('NFD'));
    const all = [d.subject, d.issuer, d.place, d.signer?.name, ...d.items.map((i) => i.text)];
    for (const s of all) expect(s?.normalize('NFC')).toBe(s);
  });

  it('reads CRLF line ends like LF', () => {
    const d = parse(seedText.replace(/\n/g, '\r\n'));
    expect(d.items).toHaveLength(7);
    expect(d.number).toBe('/UBND-NC');
    expect(d.signer?.name).toBe('Hồ Tiến Thiệu');
  });

  it('gives one item holding the body when nothing is numbered', () => {
    const d = parse('Giao Sở Nội vụ tổng hợp, báo cáo UBND tỉnh trước ngày 15/4.', '2024-03-01');
    expect(d.items).toHaveLength(1);
    expect(d.items[0]!.ref).toBe('1');
    expect(ids(d.items[0]!.lead)).toEqual([['snv']]);
    expect(d.items[0]!.deadline?.date).toBe('2024-04-15');
  });

  it('takes the units the preamble addresses when there is no "Kính gửi"', () => {
    const text = [
      'CHỈ THỊ',
      'Về việc siết chặt kỷ luật',
      '',
      'Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các Sở, Ban, ngành, Chủ tịch UBND các huyện, thành phố:',
      '',
      'Một là, gương mẫu chấp hành kỷ luật.',
      'Hai là, Sở Nội vụ kiểm tra đột xuất trong quý II/2024.',
    ].join('\n');
    const d = parse(text, '2024-03-01');
    expect(d.documentType).toBe('chi_thi');
    expect(d.items.map((i) => i.ref)).toEqual(['1', '2']);
    expect(ids(d.items[0]!.lead)).toEqual([DEPARTMENT_IDS, DISTRICT_IDS]);
    expect(ids(d.items[1]!.lead)).toEqual([['snv']]);
    expect(d.items[1]!.deadline?.date).toBe('2024-06-30');
  });

  it('reports a deadline without any year instead of guessing one', () => {
    const d = parse('Giao Sở Nội vụ báo cáo trước ngày 15/4.');
    expect(d.items[0]!.deadline).toBeNull();
    expect(d.warnings.some((w) => w.startsWith('missing_year:'))).toBe(true);
  });

  it('never throws on empty or odd input', () => {
    for (const t of [
      '',
      '   \n\n',
      '1.',
      'Số:',
      'Kính gửi:',
      '**',
      'V/v',
      'ngày tháng năm 2024',
      'KT. CHỦ TỊCH',
    ]) {
      const d = parse(t);
      expect(Array.isArray(d.items)).toBe(true);
    }
  });
});
