import type { Unit } from '@dieuhanh/core/api/org';
import { useMemo } from 'react';
import { orgApi } from '../../api/org.ts';
import { useMe } from '../../app/session.tsx';
import { type AsyncState, useAsync } from '../hooks/useAsync.ts';
import { buildUnitTree, type UnitNode } from './tree.ts';

/**
 * All units of the tenant (~110 for a province: one request, then everything is local).
 * Several pages and pickers share one request per user; a write calls `invalidateUnits()`.
 */
let cache: { userId: string; promise: Promise<Unit[]> } | null = null;

function loadUnits(userId: string): Promise<Unit[]> {
  if (!cache || cache.userId !== userId) {
    const promise = orgApi.units().then((page) => page.items);
    cache = { userId, promise };
    promise.catch(() => {
      if (cache?.promise === promise) cache = null;
    });
  }
  return cache.promise;
}

export function invalidateUnits() {
  cache = null;
}

export interface UnitsState extends AsyncState<Unit[]> {
  units: Unit[];
  byId: Map<string, Unit>;
  tree: UnitNode[];
}

export function useUnits(): UnitsState {
  const userId = useMe().user.id;
  const state = useAsync(() => loadUnits(userId), [userId]);
  const units = state.data ?? [];
  const byId = useMemo(() => new Map((state.data ?? []).map((u) => [u.id, u])), [state.data]);
  const tree = useMemo(() => buildUnitTree(state.data ?? []), [state.data]);
  return {
    ...state,
    reload: () => {
      invalidateUnits();
      state.reload();
    },
    units,
    byId,
    tree,
  };
}
