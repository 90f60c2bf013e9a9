import { describe, expect, it } from 'vitest';
import { Warnings } from './warnings.ts';

describe('Warnings', () => {
  it('keeps order and drops repeats', () => {
    const w = new Warnings();
    w.add('b', 'hai');
    w.add('a', 'một');
    w.add('b', 'hai');
    expect(w.list).toEqual(['b: hai', 'a: một']);
  });
});
