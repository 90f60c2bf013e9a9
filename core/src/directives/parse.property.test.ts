import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixtures/load.ts';
import { UNITS } from './fixtures/units.ts';
import { parseDirective } from './index.ts';
import type { DirectiveDraft, Span } from './types.ts';

// Pieces of real directives, shuffled and damaged: the parser must hold its promises on any of them.
const PIECES = [
  'ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n',
  'UBND TỈNH LẠNG SƠN\nSỞ NỘI VỤ\n',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n',
  'Số: 12/UBND-NC\n',
  'Số: /KH-UBND\n',
  'Lạng Sơn, ngày 15 tháng 3 năm 2024\n',
  'Lạng Sơn, ngày tháng 01 năm 2024\n',
  'V/v thực hiện chủ đề năm 2024\n',
  'CHỈ THỊ\nVề việc tăng cường kỷ luật\n',
  'Kính gửi:\n- Các Sở, Ban, ngành;\n- UBND các xã, phường.\n',
  'Kính gửi: Sở Nội vụ; Công an tỉnh.\n',
  '1. Giao Sở Nội vụ chủ trì, phối hợp với Thanh tra tỉnh kiểm tra, hoàn thành trước ngày 15/4/2024.\n',
  '2. UBND các huyện, thành phố báo cáo trước ngày 20 hằng tháng.\n',
  'a) Sở GD&ĐT triển khai trong quý II.\n',
  '**3.** Văn phòng UBND tỉnh theo dõi; báo cáo định kỳ hằng quý (trước ngày 15 của tháng cuối quý).\n',
  'II. TỔ CHỨC THỰC HIỆN\n',
  '- Rà soát trong tháng 3/2024;\n',
  'Yêu cầu các cơ quan nghiêm túc thực hiện./.\n',
  'Nơi nhận:\n- Như trên;\n- Lưu: VT.\n',
  'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nĐoàn Thu Hà\n',
  '\n',
  '   ',
  '| a | b |\n',
  '***',
];

function within(text: string, s: Span): boolean {
  return (
    Number.isInteger(s.start) &&
    Number.isInteger(s.end) &&
    0 <= s.start &&
    s.start <= s.end &&
    s.end <= text.length
  );
}

function checkInvariants(input: string, d: DirectiveDraft): void {
  const text = input.normalize('NFC');
  const mentions = [...d.recipients, ...d.items.flatMap((i) => [...i.lead, ...i.support])];
  for (const m of mentions) {
    expect(within(text, m.span)).toBe(true);
    expect(m.name).toBe(m.name.normalize('NFC'));
    expect(text.slice(m.span.start, m.span.end).replace(/[*|_]/g, ' ').replace(/\s+/g, ' ').trim()).toBe(
      m.name,
    );
  }
  for (const s of Object.values(d.spans)) expect(within(text, s)).toBe(true);
  const refs = d.items.map((i) => i.ref);
  expect(new Set(refs).size).toBe(refs.length);
  for (const i of d.items) {
    expect(within(text, i.span)).toBe(true);
    if (i.deadline) {
      expect(i.deadline.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(text.slice(i.deadline.span.start, i.deadline.span.end)).toBe(i.deadline.text);
    }
    if (i.recurrence)
      expect(text.slice(i.recurrence.span.start, i.recurrence.span.end)).toBe(i.recurrence.text);
  }
  if (d.date) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}

describe('parseDirective — properties', () => {
  it('keeps spans, names and refs consistent on shuffled directive pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }), fc.boolean(), (parts, nfd) => {
        const raw = parts.join('');
        const input = nfd ? raw.normalize('NFD') : raw;
        checkInvariants(input, parseDirective(input, { units: UNITS, referenceDate: '2024-06-01' }));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text, including cut-up fixtures', () => {
    const seed = loadFixture('seed-lang-son-2024.txt');
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300, unit: 'binary' }),
        fc.nat(seed.length),
        fc.nat(seed.length),
        (junk, a, b) => {
          const cut = seed.slice(Math.min(a, b), Math.max(a, b));
          for (const input of [junk, cut, cut + junk])
            checkInvariants(input, parseDirective(input, { units: UNITS }));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is deterministic', () => {
    const seed = loadFixture('seed-lang-son-2024.txt');
    expect(parseDirective(seed, { units: UNITS })).toEqual(parseDirective(seed, { units: UNITS }));
  });
});
