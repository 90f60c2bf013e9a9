import type { DirectiveItem, DirectiveItemInput } from '@dieuhanh/core/api/directives';
import { dayNumberOf } from '@dieuhanh/core/calendar/dates';
import { Conflict, type FieldProblem, fieldProblem } from '@dieuhanh/core/errors';
import type { Db } from '../../platform/db.ts';
import { existingUnitIds } from './repository.ts';

/** A `YYYY-MM-DD` that names a day of the calendar (not 2024-02-30). */
export function isRealDate(date: string): boolean {
  try {
    dayNumberOf(date);
    return true;
  } catch {
    return false;
  }
}

export const stale = () =>
  new Conflict(
    'stale_version',
    'Dữ liệu đã bị người khác thay đổi, vui lòng tải lại.',
    'The record was changed by someone else; reload it.',
  );

/**
 * Postgres foreign-key violations inside a write: an item or conclusion removed, or a draft
 * deleted, while something else (a task) still points at it. A 409 that says so, not a 500.
 */
export async function refusingReferenced<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
      if (e.code === '23503')
        throw new Conflict(
          'in_use',
          'Không thể xóa: mục này đang được dùng (ví dụ đã giao nhiệm vụ từ mục này).',
          'Cannot remove it: something refers to it (e.g. tasks made from it).',
        );
    }
    throw error;
  }
}

/** One problem per reference to a unit the tenant does not have, at the field that names it. */
export async function unitsProblems(
  db: Db,
  tenantId: string,
  refs: Array<{ field: string; id: string }>,
): Promise<FieldProblem[]> {
  const known = await existingUnitIds(
    db,
    tenantId,
    refs.map((r) => r.id),
  );
  return refs
    .filter((r) => !known.has(r.id))
    .map((r) => fieldProblem(r.field, `Không có đơn vị "${r.id}".`, `There is no unit "${r.id}".`));
}

/** The stored items as they would be sent back unchanged (to re-check them against a new header). */
export function itemsAsInput(items: DirectiveItem[]): DirectiveItemInput[] {
  return items.map((i) => ({
    id: i.id,
    ref: i.ref,
    text: i.text,
    lead: i.lead,
    support: i.support,
    deadline: i.deadline,
    deadlineKind: i.deadlineKind,
    recurrence: i.recurrence,
    span: i.span,
  }));
}
