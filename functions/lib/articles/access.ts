/** Who may write articles: reviewers and admins (the database checks the district again). */
import { forbidden } from '../errors';
import type { Session } from '../session';

export function isArticleEditor(session: Session | null): boolean {
  return Boolean(session?.roles.some((g) => g.role === 'reviewer' || g.role === 'admin'));
}

export function requireArticleEditor(session: Session): void {
  if (!isArticleEditor(session)) throw forbidden('只有区人社工作人员和管理员可以编辑政策资讯');
}
