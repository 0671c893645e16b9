/** What station staff promote: a public class or project, with the link, scene and codes that lead to it. */
import type { Session } from '../session';
import { ApiError } from '../errors';
import { callRpc } from './rpc';
import type { PromotionTarget } from '../qr/qr';

export async function promotionTarget(session: Session, target: { classId?: string; projectId?: string }): Promise<PromotionTarget> {
  const found = await callRpc<PromotionTarget | null>(session, 'promotion_target', {
    p_class_id: target.classId ?? null,
    p_project_id: target.projectId ?? null,
  });
  if (!found) {
    throw target.classId
      ? new ApiError(404, 'class_not_found', '找不到这个班次，它可能还未发布或已下架')
      : new ApiError(404, 'project_not_found', '找不到这个培训项目，它可能还未发布或已下架');
  }
  return found;
}
