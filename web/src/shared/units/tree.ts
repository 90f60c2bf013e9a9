import type { Unit } from '@dieuhanh/core/api/org';
import { fold } from '@dieuhanh/core/text/fold';

/** Pure helpers to show the flat unit list as a tree and search it like the server does. */

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

const collator = new Intl.Collator('vi');

function byOrder(a: UnitNode, b: UnitNode): number {
  return a.unit.sortOrder - b.unit.sortOrder || collator.compare(a.unit.name, b.unit.name);
}

/** Builds the forest; a unit whose parent is not in the list (out of scope) becomes a root. */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.id, { unit: u, children: [] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort(byOrder);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The text a unit is found by: name, abbreviation and code, folded as the server folds. */
export function unitSearchText(unit: Unit): string {
  return fold([unit.name, unit.abbr ?? '', unit.code ?? ''].join(' '));
}

export function unitMatches(unit: Unit, query: string): boolean {
  const q = fold(query);
  return q === '' || unitSearchText(unit).includes(q);
}

/** A unit is dissolved on `today` when its last valid day (`validTo`, inclusive) is before it. */
export function isDissolved(unit: Unit, today: string): boolean {
  return unit.validTo !== null && unit.validTo < today;
}

export interface FilteredTree {
  nodes: UnitNode[];
  /** Ancestors of the matches, to expand so that every match is visible. */
  expandedKeys: string[];
  matchCount: number;
}

/**
 * Keeps the units that match and their ancestors; a matching unit keeps its whole subtree
 * (searching "Sở Nội vụ" still shows its divisions).
 */
export function filterUnitTree(roots: readonly UnitNode[], keep: (unit: Unit) => boolean): FilteredTree {
  const expanded = new Set<string>();
  let matchCount = 0;
  const walk = (node: UnitNode): UnitNode | null => {
    if (keep(node.unit)) {
      matchCount++;
      // Still count (and reveal) matches deeper in a matching subtree.
      const inner = node.children.map(walk).filter((n): n is UnitNode => n !== null);
      if (inner.length > 0) expanded.add(node.unit.id);
      return { unit: node.unit, children: node.children };
    }
    const children = node.children.map(walk).filter((n): n is UnitNode => n !== null);
    if (children.length === 0) return null;
    expanded.add(node.unit.id);
    return { unit: node.unit, children };
  };
  const nodes = roots.map(walk).filter((n): n is UnitNode => n !== null);
  return { nodes, expandedKeys: [...expanded], matchCount };
}

/** Ids of a unit and all its descendants (a unit cannot be moved under one of them). */
export function subtreeIds(units: readonly Unit[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  const ids = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (ids.has(id)) continue;
    ids.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return ids;
}

/**
 * Splits a name into parts to highlight where the folded query occurs in it. Folding maps each
 * character to at most one character here (diacritics removed, đ → d), so positions line up.
 */
export function highlightParts(text: string, query: string): { text: string; hit: boolean }[] {
  const q = fold(query);
  if (!q) return [{ text, hit: false }];
  const chars = [...text];
  const folded = chars.map((ch) => (/\s/.test(ch) ? ' ' : fold(ch) || ch)).map((f) => f.slice(0, 1));
  const haystack = folded.join('');
  const parts: { text: string; hit: boolean }[] = [];
  let from = 0;
  let at = haystack.indexOf(q, from);
  while (at !== -1 && q.length > 0) {
    if (at > from) parts.push({ text: chars.slice(from, at).join(''), hit: false });
    parts.push({ text: chars.slice(at, at + q.length).join(''), hit: true });
    from = at + q.length;
    at = haystack.indexOf(q, from);
  }
  if (from < chars.length) parts.push({ text: chars.slice(from).join(''), hit: false });
  return parts;
}
