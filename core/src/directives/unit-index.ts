import { fold } from '../text/fold.ts';
import type { Source, Token } from './source.ts';
import type { DirectiveUnit } from './types.ts';

/**
 * Group names a directive uses instead of listing units. What each means:
 * - `departments`: "các Sở, Ban, ngành" — kinds `department` and `office`. Văn phòng UBND tỉnh is
 *   one of the province's specialised agencies (NĐ 150/2025), so it is addressed with them; the
 *   service centre (`service_center`) is not: it belongs to the office, not to "Sở, Ban, ngành".
 * - `committee_psus`: "các đơn vị sự nghiệp trực thuộc UBND tỉnh" — public service units whose
 *   parent is the provincial committee (all of them when no unit has a parent).
 * - `psus`: "các đơn vị sự nghiệp (công lập)" — every public service unit.
 * - `districts`: "UBND các huyện, thành phố"; `communes`: "UBND các xã, phường (, đặc khu)".
 * - `vague`: "các cơ quan, đơn vị liên quan" — kept as a mention, resolved to nothing.
 */
export type GroupKind = 'departments' | 'committee_psus' | 'psus' | 'districts' | 'communes' | 'vague';

interface UnitTarget {
  unitId: string;
  /** 3 the name itself, 2 an explicit abbreviation or a name variant, 1 generated initials. */
  strength: number;
  /** Bare acronyms ("SNV", "TTT") match only when written in capitals. */
  upperOnly: boolean;
}

interface Node {
  children: Map<string, Node>;
  units: UnitTarget[];
  group?: GroupKind;
}

/** One unit mention found at a token position, before it becomes a `UnitMention`. */
export interface RawMention {
  startTok: number;
  endTok: number;
  unitIds: string[];
  group?: GroupKind;
  /** Several units answered the name equally well (e.g. two units share an abbreviation). */
  ambiguous?: string[];
  /** Not in the unit list: a name that looks like an agency ("Công an tỉnh"). */
  unknown?: boolean;
}

const COMMUNE_LEVELS = [['xa'], ['phuong'], ['dac', 'khu'], ['thi', 'tran']];
const DISTRICT_LEVELS = [['huyen'], ['thanh', 'pho'], ['tp'], ['thi', 'xa'], ['tx']];
const LOCAL_PREFIXES = [['ubnd'], ['uy', 'ban', 'nhan', 'dan']];
/** Name heads after which a trailing "tỉnh" may be dropped without making the name ambiguous. */
const STRONG_HEADS = ['so', 'ban', 'trung tam', 'van phong', 'vp'];

export function words(s: string): string[] {
  return (fold(s).match(/[a-z0-9]+|&/g) ?? []).map((w) => (w === '&' ? 'va' : w));
}

/** Skippable inside a name: commas ("Sở, Ban, ngành"), dashes ("Lao động - Thương binh"). */
function isSoftPunct(t: Token): boolean {
  return !t.word && (t.fold === ',' || t.fold === '-' || t.fold === '–' || t.fold === '—');
}

const SUBSTITUTIONS: Array<[string[], string[]]> = [
  [['uy', 'ban', 'nhan', 'dan'], ['ubnd']],
  [['ubnd'], ['uy', 'ban', 'nhan', 'dan']],
  [['hoi', 'dong', 'nhan', 'dan'], ['hdnd']],
  [
    ['van', 'phong', 'ubnd'],
    ['vp', 'ubnd'],
  ],
  [
    ['van', 'phong', 'uy'],
    ['vp', 'uy'],
  ],
  [['thanh', 'pho'], ['tp']],
];

function replaceSeq(seq: string[], from: string[], to: string[]): string[] | null {
  for (let i = 0; i + from.length <= seq.length; i++) {
    if (from.every((w, k) => seq[i + k] === w)) {
      return [...seq.slice(0, i), ...to, ...seq.slice(i + from.length)];
    }
  }
  return null;
}

function endsWith(seq: string[], tail: string[]): boolean {
  return (
    tail.length > 0 &&
    tail.length <= seq.length &&
    tail.every((w, k) => seq[seq.length - tail.length + k] === w)
  );
}

function startsWithAny(seq: string[], heads: string[]): boolean {
  const joined = seq.join(' ');
  return heads.some((h) => joined === h || joined.startsWith(`${h} `));
}

/** Spelling variants of a full name: UBND ↔ Ủy ban nhân dân, VP, TP, with or without "tỉnh …". */
export function nameVariants(name: string, province: string[]): string[][] {
  const seen = new Map<string, string[]>();
  const queue = [words(name)];
  while (queue.length > 0) {
    const v = queue.pop()!;
    const key = v.join(' ');
    if (v.length === 0 || seen.has(key)) continue;
    seen.set(key, v);
    for (const [from, to] of SUBSTITUTIONS) {
      const r = replaceSeq(v, from, to);
      if (r) queue.push(r);
    }
    if (endsWith(v, ['tinh', ...province])) queue.push(v.slice(0, v.length - province.length));
    if (endsWith(v, ['tinh']) && startsWithAny(v, STRONG_HEADS) && v.length > 2) queue.push(v.slice(0, -1));
  }
  return [...seen.values()];
}

/** "Sở Giáo dục và Đào tạo" → "Sở GD&ĐT", "Sở GDĐT", "SGD&ĐT", "Sở GD-ĐT" … */
export function departmentInitials(name: string): Array<{ tokens: string[]; upperOnly: boolean }> {
  const f = fold(name);
  if (!f.startsWith('so ')) return [];
  const parts = f
    .slice(3)
    .split(/,| va | & /)
    .map((p) => p.match(/[a-z0-9]+/g) ?? [])
    .filter((p) => p.length > 0)
    .map((p) => p.map((w) => w[0]).join(''));
  if (parts.length === 0) return [];
  const last = parts[parts.length - 1]!;
  const head = parts.slice(0, -1);
  const forms: string[][] = [[parts.join('')], parts];
  if (head.length > 0) {
    forms.push([head.join(''), 'va', last], [...head, 'va', last]);
  }
  const out: Array<{ tokens: string[]; upperOnly: boolean }> = [];
  for (const form of forms) {
    out.push({ tokens: ['so', ...form], upperOnly: false });
    out.push({ tokens: [`s${form[0]}`, ...form.slice(1)], upperOnly: true });
  }
  return out;
}

function groupAliases(): Array<[string, GroupKind]> {
  const out: Array<[string, GroupKind]> = [];
  const committee = ['ubnd tinh', 'uy ban nhan dan tinh'];
  for (const core of [
    'cac so ban nganh',
    'so ban nganh',
    'cac so nganh',
    'so nganh',
    'cac so',
    'cac co quan chuyen mon',
  ]) {
    out.push([core, 'departments']);
  }
  for (const c of committee) {
    for (const link of ['thuoc', 'truc thuoc'])
      out.push([`cac co quan chuyen mon ${link} ${c}`, 'departments']);
  }
  for (const lead of ['cac don vi su nghiep', 'don vi su nghiep']) {
    for (const cl of ['', ' cong lap']) {
      out.push([`${lead}${cl}`, 'psus']);
      for (const link of ['thuoc', 'truc thuoc']) {
        for (const c of committee) out.push([`${lead}${cl} ${link} ${c}`, 'committee_psus']);
      }
    }
  }
  const local = ['', 'ubnd ', 'uy ban nhan dan '];
  for (const p of local) {
    for (const core of ['cac huyen thanh pho', 'cac huyen thi xa thanh pho', 'cac huyen tp', 'cac huyen']) {
      out.push([`${p}${core}`, 'districts']);
    }
    for (const core of [
      'cac xa phuong',
      'cac xa phuong thi tran',
      'cac xa phuong dac khu',
      'cac xa phuong thi tran dac khu',
      'cac xa',
      'cac phuong xa',
    ]) {
      out.push([`${p}${core}`, 'communes']);
    }
  }
  for (const p of ['ubnd', 'uy ban nhan dan']) {
    out.push([`${p} cap huyen`, 'districts'], [`${p} cap xa`, 'communes']);
  }
  for (const v of [
    'cac co quan',
    'cac co quan don vi',
    'cac don vi',
    'cac co quan don vi dia phuong',
    'cac dia phuong',
    'cac nganh',
    'cac co quan lien quan',
    'co quan lien quan',
    'don vi lien quan',
    'cac to chuc ca nhan lien quan',
  ]) {
    out.push([v, 'vague']);
  }
  return out;
}

/** Bare place names of districts and communes ("Thất Khê"), used after a level word. */
interface PlaceName {
  tokens: string[];
  unitId: string;
}

export class UnitIndex {
  readonly units: DirectiveUnit[];
  readonly province: string[];
  readonly committeeId: string | null;
  private readonly root: Node = { children: new Map(), units: [] };
  private readonly places: { commune: PlaceName[]; district: PlaceName[] } = { commune: [], district: [] };
  private readonly byId = new Map<string, DirectiveUnit>();
  private readonly order = new Map<string, number>();

  constructor(units: DirectiveUnit[]) {
    this.units = units;
    units.forEach((u, i) => {
      this.byId.set(u.id, u);
      this.order.set(u.id, i);
    });
    const committee =
      units.find((u) => u.kind === 'committee' && !u.parentId) ?? units.find((u) => u.kind === 'committee');
    this.committeeId = committee?.id ?? null;
    const prov = committee ? /\btinh (.+)$/.exec(fold(committee.name)) : null;
    this.province = prov ? words(prov[1]!) : [];

    for (const u of units) {
      if (u.kind === 'commune' || u.kind === 'district') {
        // Read only after a level word and with a capital ("xã Đoàn Kết", never "đoàn kết").
        this.addPlace(u);
        continue;
      }
      const variants = nameVariants(u.name, this.province);
      variants.forEach((v, k) => {
        this.addUnit(v, { unitId: u.id, strength: k === 0 ? 3 : 2, upperOnly: false });
      });
      if (u.abbr) {
        const a = words(u.abbr);
        this.addUnit(a, { unitId: u.id, strength: 2, upperOnly: a.length === 1 });
        for (const v of nameVariants(u.abbr, this.province)) {
          if (v.join(' ') !== a.join(' ')) this.addUnit(v, { unitId: u.id, strength: 2, upperOnly: false });
        }
        if (a.length === 1 && /^S[A-ZĐ]+$/u.test(u.abbr) && fold(u.name).startsWith('so ')) {
          this.addUnit(['so', a[0]!.slice(1)], { unitId: u.id, strength: 2, upperOnly: false });
        }
      }
      for (const { tokens, upperOnly } of departmentInitials(u.name)) {
        this.addUnit(tokens, { unitId: u.id, strength: 1, upperOnly });
      }
    }
    for (const [alias, group] of groupAliases()) {
      const node = this.node(alias.split(' '));
      node.group ??= group;
    }
  }

  unit(id: string): DirectiveUnit | undefined {
    return this.byId.get(id);
  }

  private node(tokens: string[]): Node {
    let n = this.root;
    for (const t of tokens) {
      let c = n.children.get(t);
      if (!c) {
        c = { children: new Map(), units: [] };
        n.children.set(t, c);
      }
      n = c;
    }
    return n;
  }

  private addUnit(tokens: string[], target: UnitTarget): void {
    if (tokens.length === 0) return;
    const node = this.node(tokens);
    const same = node.units.find((t) => t.unitId === target.unitId);
    if (same) {
      same.strength = Math.max(same.strength, target.strength);
      same.upperOnly &&= target.upperOnly;
    } else node.units.push({ ...target });
  }

  private addPlace(u: DirectiveUnit): void {
    let w = words(u.name);
    const levels = u.kind === 'commune' ? COMMUNE_LEVELS : DISTRICT_LEVELS;
    for (const p of LOCAL_PREFIXES) if (p.every((x, k) => w[k] === x)) w = w.slice(p.length);
    for (const l of levels) {
      if (l.every((x, k) => w[k] === x) && w.length > l.length) {
        w = w.slice(l.length);
        break;
      }
    }
    this.places[u.kind === 'commune' ? 'commune' : 'district'].push({ tokens: w, unitId: u.id });
  }

  /** True when the unit exists on `date` (no date: every unit counts). */
  validAt(u: DirectiveUnit, date: string | null): boolean {
    if (!date) return true;
    if (u.validTo && u.validTo < date) return false;
    if (u.validFrom && u.validFrom > date) return false;
    return true;
  }

  resolveGroup(group: GroupKind, date: string | null): string[] {
    const pick = (pred: (u: DirectiveUnit) => boolean) =>
      this.units.filter((u) => pred(u) && this.validAt(u, date)).map((u) => u.id);
    switch (group) {
      case 'departments':
        return pick((u) => u.kind === 'department' || u.kind === 'office');
      case 'committee_psus': {
        const hasParents = this.units.some((u) => u.kind === 'public_service_unit' && u.parentId);
        return pick(
          (u) => u.kind === 'public_service_unit' && (!hasParents || u.parentId === this.committeeId),
        );
      }
      case 'psus':
        return pick((u) => u.kind === 'public_service_unit');
      case 'districts':
        return pick((u) => u.kind === 'district');
      case 'communes':
        return pick((u) => u.kind === 'commune');
      case 'vague':
        return [];
    }
  }

  /** Next token index at or after `i` that is not soft punctuation; `TP.` keeps its dot. */
  private next(src: Source, i: number, end: number): number {
    let j = i;
    while (j < end) {
      const t = src.tokens[j]!;
      if (isSoftPunct(t)) j++;
      else if (t.fold === '.' && j > 0 && /^(tp|tx)$/.test(src.tokens[j - 1]!.fold)) j++;
      else break;
    }
    return j;
  }

  /**
   * The longest unit or group name starting at token `i` (tokens before `end` only), or a list of
   * districts/communes after a level word ("các xã Thất Khê, Đoàn Kết").
   */
  matchAt(src: Source, i: number, end: number, date: string | null): RawMention[] | null {
    const fromTrie = this.matchTrie(src, i, end, date, this.root);
    const lists = [this.matchPlaces(src, i, end, date), this.matchDepartmentList(src, i, end, date)];
    let trieEnd = fromTrie ? this.extendSuffix(src, fromTrie, end) : null;
    // "Trung tâm Phục vụ hành chính công xã" is the commune's own centre, not the province's.
    if (trieEnd && !trieEnd.group && this.isLocalLevel(src, trieEnd.endTok, end)) {
      const kind = trieEnd.unitIds.length === 1 ? this.byId.get(trieEnd.unitIds[0]!)?.kind : undefined;
      if (kind !== 'district' && kind !== 'commune') trieEnd = null;
    }
    let best: RawMention[] | null = trieEnd ? [trieEnd] : null;
    for (const l of lists) {
      if (l && (!best || l[l.length - 1]!.endTok > best[best.length - 1]!.endTok)) best = l;
    }
    return best;
  }

  private isLocalLevel(src: Source, j: number, end: number): boolean {
    return [...COMMUNE_LEVELS, ...DISTRICT_LEVELS].some((l) => this.matchSeq(src, j, end, l) > 0);
  }

  /** "Các Sở: Nội vụ, Tài chính và Y tế" — department names written once after "Sở". */
  private matchDepartmentList(src: Source, i: number, end: number, date: string | null): RawMention[] | null {
    let j = i;
    const c = this.matchSeq(src, j, end, ['cac']);
    if (c > 0) j = c;
    const s = this.matchSeq(src, j, end, ['so']);
    const soNode = this.root.children.get('so');
    if (s < 0 || !soNode) return null;
    j = s;
    if (j < end && src.tokens[j]!.fold === ':') j++;
    const out: RawMention[] = [];
    for (;;) {
      let k = this.next(src, j, end);
      if (out.length > 0) {
        if (k < end && src.tokens[k]!.fold === 'va') k = this.next(src, k + 1, end);
        if (k === j) break;
      }
      if (k >= end || !src.tokens[k]!.capitalised) break;
      const m = this.matchTrie(src, k, end, date, soNode);
      if (!m || m.group) break;
      out.push({ ...m, startTok: out.length === 0 ? i : k });
      j = m.endTok;
    }
    // "Sở Nội vụ" alone is read by the trie too; `matchAt` keeps this only when it reads further.
    return out.length > 0 ? out : null;
  }

  private matchTrie(src: Source, i: number, end: number, date: string | null, from: Node): RawMention | null {
    let node = from;
    let best: { endTok: number; targets: UnitTarget[]; group?: GroupKind } | null = null;
    let j = i;
    const firstUpper = src.tokens[i]?.allUpper ?? false;
    while (j < end) {
      const t = src.tokens[j]!;
      if (!t.word) break;
      const child = node.children.get(t.fold);
      if (!child) break;
      node = child;
      const usable = node.units.filter((u) => !u.upperOnly || firstUpper);
      if (usable.length > 0 || node.group) {
        best = { endTok: j + 1, targets: usable, ...(node.group ? { group: node.group } : {}) };
      }
      j = this.next(src, j + 1, end);
    }
    if (!best) return null;
    if (best.targets.length > 0) {
      const top = Math.max(...best.targets.map((t) => t.strength));
      let ids = best.targets.filter((t) => t.strength === top).map((t) => t.unitId);
      if (ids.length > 1) {
        const valid = ids.filter((id) => this.validAt(this.byId.get(id)!, date));
        if (valid.length > 0) ids = valid;
      }
      if (ids.length > 1) return { startTok: i, endTok: best.endTok, unitIds: [], ambiguous: ids };
      return { startTok: i, endTok: best.endTok, unitIds: ids };
    }
    const group = best.group!;
    return { startTok: i, endTok: best.endTok, unitIds: this.resolveGroup(group, date), group };
  }

  /** "… tỉnh", "… tỉnh Lạng Sơn" after a provincial name; "… liên quan" turns a group vague. */
  private extendSuffix(src: Source, m: RawMention, end: number): RawMention {
    const out = { ...m };
    const tok = (k: number) => (k < end ? src.tokens[k] : undefined);
    const local = m.group === 'districts' || m.group === 'communes';
    const unitKind = m.unitIds.length === 1 ? this.byId.get(m.unitIds[0]!)?.kind : undefined;
    if (!local && unitKind !== 'district' && unitKind !== 'commune') {
      if (tok(out.endTok)?.fold === 'tinh' && src.tokens[out.endTok - 1]!.fold !== 'tinh') out.endTok++;
      if (src.tokens[out.endTok - 1]!.fold === 'tinh' && this.province.length > 0) {
        if (this.province.every((w, k) => tok(out.endTok + k)?.fold === w))
          out.endTok += this.province.length;
      }
    }
    if (m.group) {
      let k = out.endTok;
      if (tok(k)?.fold === 'co') k++;
      if (tok(k)?.fold === 'lien' && tok(k + 1)?.fold === 'quan') {
        out.endTok = k + 2;
        out.group = 'vague';
        out.unitIds = [];
      }
    }
    return out;
  }

  private matchSeq(src: Source, i: number, end: number, seq: string[]): number {
    let j = i;
    for (const w of seq) {
      j = this.next(src, j, end);
      if (j >= end || src.tokens[j]!.fold !== w) return -1;
      j++;
    }
    return j;
  }

  private matchPlaceName(
    src: Source,
    i: number,
    end: number,
    places: PlaceName[],
    date: string | null,
  ): { endTok: number; unitIds: string[] } | null {
    const j0 = this.next(src, i, end);
    if (j0 >= end || !src.tokens[j0]!.capitalised) return null;
    let bestEnd = -1;
    let ids: string[] = [];
    for (const p of places) {
      const e = this.matchSeq(src, j0, end, p.tokens);
      if (e < 0) continue;
      if (e > bestEnd) {
        bestEnd = e;
        ids = [p.unitId];
      } else if (e === bestEnd) ids.push(p.unitId);
    }
    if (bestEnd < 0) return null;
    if (ids.length > 1) {
      const valid = ids.filter((id) => this.validAt(this.byId.get(id)!, date));
      if (valid.length > 0) ids = valid;
    }
    return { endTok: bestEnd, unitIds: ids };
  }

  private matchPlaces(src: Source, i: number, end: number, date: string | null): RawMention[] | null {
    let j = i;
    for (const p of LOCAL_PREFIXES) {
      const e = this.matchSeq(src, j, end, p);
      if (e > 0) {
        j = e;
        break;
      }
    }
    const c = this.matchSeq(src, j, end, ['cac']);
    if (c > 0) j = c;
    for (const [levels, places] of [
      [COMMUNE_LEVELS, this.places.commune],
      [DISTRICT_LEVELS, this.places.district],
    ] as const) {
      let k = -1;
      let afterLevels = j;
      // "các xã, phường Tam Thanh, Đông Kinh": several level words may precede the names.
      for (;;) {
        let matched = -1;
        for (const l of levels) {
          const e = this.matchSeq(src, afterLevels, end, l);
          if (e > 0) {
            matched = e;
            break;
          }
        }
        if (matched < 0) break;
        k = matched;
        afterLevels = matched;
      }
      if (k < 0) continue;
      if (k < end && src.tokens[k]!.fold === ':') k++;
      const first = this.matchPlaceName(src, k, end, places, date);
      if (!first) continue;
      const out: RawMention[] = [{ startTok: i, endTok: first.endTok, unitIds: first.unitIds }];
      let p = first.endTok;
      for (;;) {
        let q = this.next(src, p, end);
        if (q < end && src.tokens[q]!.fold === 'va') q++;
        if (q === p) break;
        const more = this.matchPlaceName(src, q, end, places, date);
        if (!more) break;
        const start = this.next(src, q, end);
        out.push({ startTok: start, endTok: more.endTok, unitIds: more.unitIds });
        p = more.endTok;
      }
      return out;
    }
    return null;
  }

  sortIds(ids: Iterable<string>): string[] {
    return [...new Set(ids)].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
  }
}
