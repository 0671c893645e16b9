import type { ArticleKind, ArticleStatus } from '../schemas/articles';

export interface ArticleItem {
  id: string;
  kind: ArticleKind;
  title: string;
  summary: string;
  district: string | null;
  districtName: string | null;
  status: ArticleStatus;
  publishedAt: string | null;
  pinned: boolean;
  updatedAt: string;
}

export interface Article extends ArticleItem {
  /** Plain text, paragraphs separated by line breaks: shown as text, never as HTML. */
  body: string;
}
