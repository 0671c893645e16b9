/** 政策资讯 calls: the public list and detail, and the staff editor's writes. */
import type { Article, ArticleInput, ArticleItem, ArticleKind, Page } from '@jz/shared'
import { request, type RequestOptions } from './api'

type CallOptions = Pick<RequestOptions, 'silent' | 'loginOn401'>

export type ArticleStatusFilter = 'draft' | 'published' | 'archived' | 'all'

/** Published articles (everyone), pinned first; `status` lists the staff's own drafts and archived ones. */
export function listArticles(
  filters: { kind?: ArticleKind; status?: ArticleStatusFilter },
  page: { cursor?: string | null; limit?: number } = {},
  options: CallOptions = {},
): Promise<Page<ArticleItem>> {
  return request<Page<ArticleItem>>('GET', '/api/articles', {
    auth: Boolean(filters.status),
    query: { kind: filters.kind, status: filters.status, cursor: page.cursor ?? undefined, limit: page.limit },
    ...options,
  })
}

export function getArticle(id: string, options: CallOptions = {}): Promise<{ article: Article }> {
  return request<{ article: Article }>('GET', `/api/articles/${encodeURIComponent(id)}`, options)
}

export function saveArticle(id: string | null, input: ArticleInput, options: CallOptions = {}): Promise<{ article: Article }> {
  return id
    ? request<{ article: Article }>('PUT', `/api/articles/${encodeURIComponent(id)}`, { body: input, ...options })
    : request<{ article: Article }>('POST', '/api/articles', { body: input, ...options })
}

export function moveArticle(id: string, action: 'publish' | 'archive', options: CallOptions = {}): Promise<{ article: Article }> {
  return request<{ article: Article }>('POST', `/api/articles/${encodeURIComponent(id)}/${action}`, { body: {}, ...options })
}
