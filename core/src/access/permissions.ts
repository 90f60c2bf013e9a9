/**
 * Roles are granted on a unit and apply to its subtree. Permission keys are `resource.verb`.
 * A module adds its keys here and to the roles that hold them, so that the whole access model
 * can be read in one place.
 */
export const ROLES = [
  'admin',
  'leader',
  'monitor',
  'unit_head',
  'officer',
  'desk_officer',
  'inspector',
  'home_affairs',
  'citizen',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  leader: { vi: 'Lãnh đạo (Chủ tịch, Phó Chủ tịch)', en: 'Leader (chairman, vice chairman)' },
  monitor: { vi: 'Theo dõi nhiệm vụ (Văn phòng)', en: 'Task monitor (Office)' },
  unit_head: { vi: 'Thủ trưởng đơn vị', en: 'Head of unit' },
  officer: { vi: 'Cán bộ, công chức', en: 'Officer' },
  desk_officer: { vi: 'Cán bộ Bộ phận Một cửa', en: 'One-stop desk officer' },
  inspector: { vi: 'Thanh tra viên', en: 'Inspector' },
  home_affairs: { vi: 'Cán bộ Sở Nội vụ', en: 'Home Affairs officer' },
  citizen: { vi: 'Người dân, doanh nghiệp', en: 'Citizen or business' },
};

export const P = {
  unitRead: 'unit.read',
  unitWrite: 'unit.write',
  officialRead: 'official.read',
  officialWrite: 'official.write',
  userRead: 'user.read',
  userWrite: 'user.write',
  auditRead: 'audit.read',
  calendarWrite: 'calendar.write',
  taskRead: 'task.read',
  taskAssign: 'task.assign',
  taskWork: 'task.work',
  taskMonitor: 'task.monitor',
  directiveRead: 'directive.read',
  directiveWrite: 'directive.write',
  avoidanceRead: 'avoidance.read',
  notificationRead: 'notification.read',
  /** Work-item statistics (rollups) of the units in the grant's subtree. */
  statsRead: 'stats.read',
} as const;
export type Permission = (typeof P)[keyof typeof P];

const staff: Permission[] = [P.unitRead, P.officialRead, P.notificationRead];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: Object.values(P),
  leader: [
    ...staff,
    P.auditRead,
    P.taskRead,
    P.taskAssign,
    P.taskMonitor,
    P.directiveRead,
    P.directiveWrite,
    P.avoidanceRead,
    P.statsRead,
  ],
  monitor: [
    ...staff,
    P.auditRead,
    P.taskRead,
    P.taskAssign,
    P.taskMonitor,
    P.directiveRead,
    P.directiveWrite,
    P.avoidanceRead,
    P.statsRead,
  ],
  unit_head: [...staff, P.taskRead, P.taskWork, P.directiveRead, P.statsRead],
  officer: [...staff, P.taskRead, P.taskWork, P.directiveRead],
  desk_officer: [...staff],
  inspector: [...staff, P.auditRead, P.taskRead, P.directiveRead, P.avoidanceRead, P.statsRead],
  home_affairs: [...staff, P.auditRead, P.taskRead, P.directiveRead, P.avoidanceRead, P.statsRead],
  citizen: [P.unitRead],
};

export interface Grant {
  role: Role;
  unitId: string;
  /** Materialised path of the unit ("/root/…/unit/"), so subtree checks are prefix checks. */
  unitPath: string;
}

export interface Principal {
  tenantId: string;
  userId: string;
  username: string;
  displayName: string;
  officialId: string | null;
  /** The unit the user's official belongs to, if any. */
  unitId: string | null;
  grants: Grant[];
}

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Path prefixes of the subtrees on which the principal holds `permission` (deduplicated). */
export function scopePaths(principal: Principal, permission: Permission): string[] {
  const paths = principal.grants.filter((g) => roleHas(g.role, permission)).map((g) => g.unitPath);
  // Drop paths already covered by a shorter granted ancestor.
  return [...new Set(paths)].filter((p, _, all) => !all.some((q) => q !== p && p.startsWith(q)));
}

export function can(principal: Principal, permission: Permission, unitPath?: string): boolean {
  return principal.grants.some(
    (g) => roleHas(g.role, permission) && (unitPath === undefined || unitPath.startsWith(g.unitPath)),
  );
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
