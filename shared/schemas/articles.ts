/** 政策资讯: articles staff write and everyone reads once published. */
import { z } from 'zod';
import { DISTRICT_CODES } from '../rules/districts';

export const ARTICLE_KINDS = { policy: '政策解读', project: '项目动态', story: '典型案例' } as const;
export type ArticleKind = keyof typeof ARTICLE_KINDS;
const kindKeys = Object.keys(ARTICLE_KINDS) as [ArticleKind, ...ArticleKind[]];

export const ARTICLE_STATUSES = { draft: '草稿', published: '已发布', archived: '已下架' } as const;
export type ArticleStatus = keyof typeof ARTICLE_STATUSES;

const kind = z.enum(kindKeys, { error: '类别应为 policy（政策解读）、project（项目动态）或 story（典型案例）' });
/** Line breaks as \n, no trailing spaces on lines, at most one blank line between paragraphs. */
const plainText = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** GET /api/articles: published articles (everyone); `status` is for staff (the editor list). */
export const articleListQuery = z.object({
  kind: kind.optional(),
  status: z.enum(['draft', 'published', 'archived', 'all'], { error: '状态应为 draft、published、archived 或 all' }).optional(),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{8,400}$/, '翻页标记无效，请从第一页重新查询').optional(),
  limit: z
    .string()
    .regex(/^\d{1,2}$/, '每页条数应为 1 到 50 的整数')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 50, '每页条数应为 1 到 50 的整数')
    .default(20),
});
export type ArticleListQuery = z.infer<typeof articleListQuery>;

export const articleIdParams = z.object({ id: z.uuid({ error: '文章编号格式不对' }) });

/** POST /api/articles and PUT /api/articles/[id]: the whole article (plain text; paragraphs separated by line breaks). */
export const articleInput = z.strictObject({
  kind,
  title: z.string({ error: '请填写标题' }).trim().min(4, '标题至少4个字').max(60, '标题最多60个字'),
  summary: z.string({ error: '请填写摘要' }).trim().min(10, '摘要至少10个字').max(200, '摘要最多200个字'),
  body: z
    .string({ error: '请填写正文' })
    .transform(plainText)
    .pipe(z.string().min(20, '正文至少20个字').max(20000, '正文最多20000个字')),
  district: z.enum(DISTRICT_CODES, { error: '请选择北京市的一个区，或不选（全市）' }).nullable().optional(),
  pinned: z.boolean({ error: '置顶应为 true 或 false' }).optional(),
});
export type ArticleInput = z.input<typeof articleInput>;

/** Splits a body into the paragraphs the reader shows (blank lines and single line breaks both separate). */
export function articleParagraphs(body: string): string[] {
  return body
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}
