/** Who may use the review endpoints: reviewers (of a district or city-wide) and admins; the database checks the district again. */
import { forbidden } from '../errors';
import type { Session } from '../session';

export function requireSubsidyReviewer(session: Session): void {
  if (!session.roles.some((g) => g.role === 'reviewer' || g.role === 'admin')) {
    throw forbidden('只有区人社审核人员可以进行这个操作');
  }
}
