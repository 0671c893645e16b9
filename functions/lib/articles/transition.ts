/** POST /api/articles/[id]/publish and /archive: one move along article_transitions, as the caller. */
import { articleIdParams, type Article } from '@jz/shared';
import { callRpc } from '../certificates/db';
import { ok, parseQuery, route } from '../http';
import { requireSession } from '../session';
import { requireArticleEditor } from './access';

export function articleTransitionRoute(action: 'publish' | 'archive') {
  return route(
    {
      POST: async (req) => {
        const session = await requireSession(req);
        requireArticleEditor(session);
        const { id } = parseQuery(req, articleIdParams);
        return ok({ article: await callRpc<Article>(session, 'transition_article', { p_id: id, p_action: action }) });
      },
    },
    `articles/[id]/${action}`,
  );
}
