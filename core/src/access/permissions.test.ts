import { describe, expect, it } from 'vitest';
import { can, type Principal, scopePaths } from './permissions.ts';

const principal = (grants: Principal['grants']): Principal => ({
  tenantId: 't',
  userId: 'u',
  username: 'u',
  displayName: 'U',
  officialId: null,
  unitId: null,
  grants,
});

describe('grants apply to the subtree of their unit', () => {
  const head = principal([{ role: 'unit_head', unitId: 'snv', unitPath: '/ubnd/snv/' }]);
  it('allows the unit and its descendants only', () => {
    expect(can(head, 'task.work', '/ubnd/snv/')).toBe(true);
    expect(can(head, 'task.work', '/ubnd/snv/phong-tccb/')).toBe(true);
    expect(can(head, 'task.work', '/ubnd/stc/')).toBe(false);
    expect(can(head, 'task.work', '/ubnd/')).toBe(false);
  });
  it('never grants a permission the role lacks', () => {
    expect(can(head, 'user.write', '/ubnd/snv/')).toBe(false);
  });
  it('collapses nested scopes to the outermost path', () => {
    const p = principal([
      { role: 'admin', unitId: 'ubnd', unitPath: '/ubnd/' },
      { role: 'officer', unitId: 'snv', unitPath: '/ubnd/snv/' },
      { role: 'officer', unitId: 'stc', unitPath: '/ubnd/stc/' },
    ]);
    expect(scopePaths(p, 'task.read')).toEqual(['/ubnd/']);
    expect(scopePaths(principal([]), 'task.read')).toEqual([]);
  });
});
