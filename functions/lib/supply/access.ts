/** Who may use the supply-side review endpoints; the database checks the district again. */
import { forbidden } from '../errors';
import type { Session } from '../session';

export function requireSupplyReviewer(session: Session): void {
  if (!session.roles.some((g) => g.role === 'reviewer' || g.role === 'admin')) {
    throw forbidden('只有区人社审核人员可以进行这个操作');
  }
}

/** The station a station staff member declares for when they name none: their one station scope, if they have exactly one. */
export function stationOf(session: Session): string | undefined {
  const scopes = session.roles.filter((g) => g.role === 'station_staff' && g.scope).map((g) => g.scope!);
  return scopes.length === 1 ? scopes[0] : undefined;
}
