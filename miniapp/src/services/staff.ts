/** Which 工作台 tools a signed-in person may use, from the roles in their session. */
import type { SessionUser } from '@jz/shared'

export function isStationStaff(user: SessionUser | null): boolean {
  return Boolean(user?.roles.some((g) => g.role === 'station_staff' || g.role === 'admin'))
}

export function isInstitutionStaff(user: SessionUser | null): boolean {
  return Boolean(user?.roles.some((g) => g.role === 'institution_staff' || g.role === 'admin'))
}

export function isSubsidyReviewer(user: SessionUser | null): boolean {
  return Boolean(user?.roles.some((g) => g.role === 'reviewer' || g.role === 'admin'))
}

export function isEvaluatorStaff(user: SessionUser | null): boolean {
  return Boolean(user?.roles.some((g) => g.role === 'evaluator_staff' || g.role === 'admin'))
}

export function hasWorkbench(user: SessionUser | null): boolean {
  return isStationStaff(user) || isInstitutionStaff(user) || isSubsidyReviewer(user) || isEvaluatorStaff(user)
}
