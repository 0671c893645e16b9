import { articleIdParams, articleInput, type Article } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { optionalSession } from '../../../lib/certificates/access';
import { notFound } from '../../../lib/errors';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { isArticleEditor, requireArticleEditor } from '../../../lib/articles/access';
import { requireSession } from '../../../lib/session';

/** One article with its body: published ones for everyone, drafts and archived ones for the staff who may write them. */
export default route(
  {
    GET: async (req) => {
      const { id } = parseQuery(req, articleIdParams);
      const session = await optionalSession(req);
      const article = await callRpc<Article | null>(isArticleEditor(session) ? session : null, 'article_detail', { p_id: id });
      if (!article) throw notFound('找不到这篇文章，它可能已下架');
      return ok({ article });
    },
    PUT: async (req) => {
      const session = await requireSession(req);
      requireArticleEditor(session);
      const { id } = parseQuery(req, articleIdParams);
      const input = parseBody(req, articleInput);
      const article = await callRpc<Article>(session, 'save_article', {
        p_id: id,
        p_kind: input.kind,
        p_title: input.title,
        p_summary: input.summary,
        p_body: input.body,
        p_district: input.district ?? null,
        p_pinned: input.pinned ?? null,
      });
      return ok({ article });
    },
  },
  'articles/[id]',
);
