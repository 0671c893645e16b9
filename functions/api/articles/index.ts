import { articleInput, articleListQuery, type Article, type ArticleItem, type Page } from '@jz/shared';
import { callRpc } from '../../lib/certificates/db';
import { optionalSession } from '../../lib/certificates/access';
import { decodeCursor, encodeCursor, isInteger, positionField, queryFingerprint } from '../../lib/catalog/cursor';
import { unauthorized } from '../../lib/errors';
import { created, ok, parseBody, parseQuery, route } from '../../lib/http';
import { requireArticleEditor } from '../../lib/articles/access';
import { requireSession } from '../../lib/session';

interface RawPage {
  items: ArticleItem[];
  total: number;
  last: { pinned: boolean; at: string; seq: number } | null;
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** 政策资讯 list, pinned first then newest: published articles for everyone; other statuses for staff (the editor). */
export default route(
  {
    GET: async (req) => {
      const query = parseQuery(req, articleListQuery);
      const session = await optionalSession(req);
      const staffList = query.status !== undefined && query.status !== 'published';
      if (staffList) {
        if (!session) throw unauthorized();
        requireArticleEditor(session);
      }
      const fingerprint = queryFingerprint({ kind: query.kind, status: query.status });
      const after = query.cursor ? decodeCursor(query.cursor, fingerprint) : null;
      const page = await callRpc<RawPage>(staffList ? session : null, 'articles_page', {
        p_kind: query.kind ?? null,
        p_status: query.status ?? null,
        p_after_pinned: after ? positionField(after, 'pinned', isBoolean) : null,
        p_after_at: after ? positionField(after, 'at', isTime) : null,
        p_after_seq: after ? positionField(after, 'seq', isInteger) : null,
        p_limit: query.limit,
      });
      const body: Page<ArticleItem> = {
        items: page.items,
        total: page.total,
        nextCursor: page.last ? encodeCursor(fingerprint, page.last) : null,
      };
      return ok(body);
    },
    POST: async (req) => {
      const session = await requireSession(req);
      requireArticleEditor(session);
      const input = parseBody(req, articleInput);
      const article = await callRpc<Article>(session, 'save_article', {
        p_id: null,
        p_kind: input.kind,
        p_title: input.title,
        p_summary: input.summary,
        p_body: input.body,
        p_district: input.district ?? null,
        p_pinned: input.pinned ?? false,
      });
      return created({ article });
    },
  },
  'articles',
);
