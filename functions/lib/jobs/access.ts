/** Who may post jobs: station staff and district reviewers (admins too); the database checks the district again. */
import { forbidden } from '../errors';
import type { Session } from '../session';

export function requireJobPoster(session: Session): void {
  if (!session.roles.some((g) => g.role === 'station_staff' || g.role === 'reviewer' || g.role === 'admin')) {
    throw forbidden('只有就业服务站工作人员和区人社审核人员可以发布岗位');
  }
}
