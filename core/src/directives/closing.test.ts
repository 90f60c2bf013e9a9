import { describe, expect, it } from 'vitest';
import { findClosingLine, findSigner } from './closing.ts';
import { buildSource } from './source.ts';

const signer = (text: string) => {
  const src = buildSource(text);
  const s = findSigner(src, 0);
  return s ? { title: s.title, name: s.name, at: src.text.slice(s.span.start, s.span.end) } : null;
};

describe('findSigner', () => {
  it('reads a plain title and name', () => {
    expect(signer('CHỦ TỊCH\n\nHồ Tiến Thiệu')).toEqual({
      title: 'CHỦ TỊCH',
      name: 'Hồ Tiến Thiệu',
      at: 'CHỦ TỊCH\n\nHồ Tiến Thiệu',
    });
  });

  it('keeps every line of a KT./TM. block', () => {
    expect(signer('TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nĐoàn Thu Hà')).toMatchObject(
      {
        title: 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH',
        name: 'Đoàn Thu Hà',
      },
    );
  });

  it('reads the signature column of a table beside "Nơi nhận"', () => {
    const text =
      'Nơi nhận:           KT. GIÁM ĐỐC\n- Như trên;          PHÓ GIÁM ĐỐC\n- Lưu: VT.\n                     Nguyễn Văn An';
    expect(signer(text)).toMatchObject({ title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn An' });
  });

  it('title-cases a name written in capitals', () => {
    expect(signer('GIÁM ĐỐC\nNGUYỄN THỊ HỒNG NHUNG')?.name).toBe('Nguyễn Thị Hồng Nhung');
  });

  it('finds nothing without a title', () => {
    expect(signer('Nơi nhận:\n- Như trên;\n- Lưu: VT.')).toBeNull();
  });
});

describe('findClosingLine', () => {
  it('stops at "Nơi nhận" or a signature title, not at a decision’s authority line', () => {
    const text = 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nCăn cứ …\nĐiều 1. …\n***Nơi nhận:***\n- Như trên;';
    expect(findClosingLine(buildSource(text), 0)).toBe(3);
    expect(findClosingLine(buildSource('1. a\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH'), 0)).toBe(1);
  });
});
