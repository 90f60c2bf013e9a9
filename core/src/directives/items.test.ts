import { describe, expect, it } from 'vitest';
import { type BodyNode, layoutBody, markerAt } from './items.ts';
import { buildSource } from './source.ts';

function layout(text: string) {
  const src = buildSource(text);
  const l = layoutBody(src, 0, src.lines.length);
  const refs: string[] = [];
  const walk = (ns: BodyNode[]) => {
    for (const n of ns) {
      refs.push(n.skip ? `(${n.ref})` : n.ref);
      walk(n.children);
    }
  };
  walk(l.roots);
  return { src, l, refs };
}

describe('markerAt', () => {
  const m = (line: string) => {
    const src = buildSource(line);
    const c = markerAt(src, 0, line.length);
    return c ? { style: c.style, value: c.value, label: c.label } : null;
  };
  it.each([
    ['1. Giao Sở Nội vụ', { style: 'decimal', value: 1, label: '1' }],
    ['**1.** gương mẫu', { style: 'decimal', value: 1, label: '1' }],
    ['2) Phòng Kinh tế', { style: 'decimal', value: 2, label: '2' }],
    ['II. NỘI DUNG', { style: 'roman', value: 2, label: 'II' }],
    ['1.2. Các cơ quan', { style: 'multi', value: 2, label: '1.2' }],
    ['a) Chỉ đạo rà soát', { style: 'letter', value: 1, label: 'a' }],
    ['đ) Thực hiện', { style: 'letter', value: 5, label: 'đ' }],
    ['Điều 3. Quyết định này', { style: 'article', value: 3, label: '3' }],
    ['1/ Sở Nội vụ', { style: 'decimal', value: 1, label: '1' }],
    ['Hai là, nâng cao chất lượng', { style: 'decimal', value: 2, label: '2' }],
  ])('%s', (line, expected) => {
    expect(m(line)).toEqual(expected);
  });
  it.each([
    '15/4/2024 là hạn cuối',
    '03 năm triển khai',
    '1.000 người tham gia',
    '2024. Năm bản lề',
    'V/v thực hiện',
    '- gạch đầu dòng',
  ])('not a marker: %s', (line) => {
    expect(m(line)).toBeNull();
  });
});

describe('layoutBody', () => {
  it('nests 1./a) and I./1. and refs follow the path', () => {
    const { refs } = layout('I. A\n1. x\n2. y\na) p\nb) q\nII. B\n1. z');
    expect(refs).toEqual(['I', 'I.1', 'I.2', 'I.2.a', 'I.2.b', 'II', 'II.1']);
  });

  it('nests 1.1 under 1 and restarts at 2.1', () => {
    expect(layout('1. A\n1.1. x\n1.2. y\n2. B\n2.1. z').refs).toEqual(['1', '1.1', '1.2', '2', '2.1']);
  });

  it('takes only numbers that continue or start a list', () => {
    expect(layout('1. a\n3. not a marker\n2. b\n5) no').refs).toEqual(['1', '2']);
    expect(layout('Phần mở đầu\n2. not a start\n1. a').refs).toEqual(['1']);
  });

  it('marks a plan’s purpose-and-requirements section as context', () => {
    expect(layout('I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n2. Yêu cầu\nII. NHIỆM VỤ\n1. x').refs).toEqual([
      '(I)',
      '(I.1)',
      '(I.2)',
      'II',
      'II.1',
    ]);
  });

  it('keeps dash bullets and wrapped lines in their item', () => {
    const { src, l } = layout('1. Sở Nội vụ:\n- rà soát;\n\nvà tiếp tục\n2. Xong.');
    const one = l.roots[0]!;
    expect(src.text.slice(one.contentStart, one.contentEnd).trim()).toBe(
      'Sở Nội vụ:\n- rà soát;\n\nvà tiếp tục',
    );
  });

  it('ends the body at the closing paragraph after the last item', () => {
    const text = '1. a.\n2. b.\n\nYêu cầu các cơ quan thực hiện./.';
    const { src, l } = layout(text);
    expect(src.text.slice(l.roots[1]!.contentStart, l.roots[1]!.contentEnd).trim()).toBe('b.');
    expect(l.end).toBe(text.indexOf('Yêu cầu'));
  });

  it('does not end on a lower-case continuation that happens to follow a blank line', () => {
    const text = '1. a, thành phong trào\n\nyêu cầu công việc mới.\n';
    const { src, l } = layout(text);
    expect(src.text.slice(l.roots[0]!.contentStart, l.roots[0]!.contentEnd)).toContain(
      'yêu cầu công việc mới.',
    );
  });

  it('ends the body after a line closing with "./."', () => {
    const text = '1. a.\n2. b./.\nThêm dòng sau';
    const { l } = layout(text);
    expect(l.end).toBe(text.indexOf('./.') + 3);
  });

  it('gives the text before the first item as the preamble', () => {
    const text = 'Chủ tịch UBND tỉnh yêu cầu:\n\n1. a';
    const { src, l } = layout(text);
    expect(src.text.slice(l.preamble!.start, l.preamble!.end)).toBe('Chủ tịch UBND tỉnh yêu cầu:');
  });
});
