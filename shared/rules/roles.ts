/** Who may do what: the roles and the scope each one carries. */

export const STAFF_ROLES = ['station_staff', 'institution_staff', 'evaluator_staff', 'reviewer', 'admin'] as const;
export const ROLES = ['worker', ...STAFF_ROLES] as const;
export type Role = (typeof ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The kind of scope each staff role is bound to; `null` means none (admin) or optional (reviewer of all districts). */
export const ROLE_SCOPE: Record<StaffRole, 'station' | 'institution' | 'evaluator' | 'district' | null> = {
  station_staff: 'station',
  institution_staff: 'institution',
  evaluator_staff: 'evaluator',
  reviewer: 'district',
  admin: null,
};

export const ROLE_LABELS: Record<Role, string> = {
  worker: '学员',
  station_staff: '服务站工作人员',
  institution_staff: '培训机构工作人员',
  evaluator_staff: '评价机构工作人员',
  reviewer: '区人社审核人员',
  admin: '管理员',
};

/** One role a user holds, as carried in the session token's `app_metadata.roles`. */
export interface RoleGrant {
  role: Role;
  /** Station code, institution id, evaluator id or district code; absent for admin and city-wide reviewers. */
  scope?: string;
}

export function hasRole(grants: readonly RoleGrant[], role: Role, scope?: string): boolean {
  return grants.some((g) => g.role === role && (scope === undefined || g.scope === undefined || g.scope === scope));
}
