/** 政策资讯: drafts stay with staff, publish/archive along the state machine, who may write what, bad input, paging. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Article, ArticleItem, Page } from '@jz/shared';
import { sql } from '../harness/db';
import { apiClient, uniqueName } from '../support/api';

const api = apiClient(inject('stackUrl'));

let admin: string;
let chaoyang: string; // reviewer of 朝阳区 110105
let citywide: string;
let worker: string;
let evaluator: string;

const login = async (roles?: Parameters<typeof api.devLogin>[1]) => (await api.devLogin(uniqueName('资讯'), roles)).token;

beforeAll(async () => {
  [admin, chaoyang, citywide, worker, evaluator] = await Promise.all([
    login([{ role: 'admin' }]),
    login([{ role: 'reviewer', scope: '110105' }]),
    login([{ role: 'reviewer' }]),
    login(),
    login([{ role: 'evaluator_staff', scope: 'EVA-001' }]),
  ]);
});

let serial = 0;
function draft(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    kind: 'project',
    title: `测试资讯${serial}${uniqueName('')}`.slice(0, 60),
    summary: '这是一条测试用的资讯摘要，说明开班情况。',
    body: '第一段：测试用的正文内容，介绍培训项目。\r\n\r\n\r\n第二段：<b>不是HTML</b>，原样作为文字显示。',
    district: '110105',
    ...overrides,
  };
}

async function create(token: string, overrides: Record<string, unknown> = {}): Promise<Article> {
  const reply = await api.post<{ article: Article }>('/api/articles', draft(overrides), { token });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.article;
}

const publish = (token: string, id: string) => api.post(`/api/articles/${id}/publish`, {}, { token });
const archive = (token: string, id: string) => api.post(`/api/articles/${id}/archive`, {}, { token });

/** Every page of a list, following nextCursor. */
async function walk(query: string, token?: string): Promise<ArticleItem[]> {
  const items: ArticleItem[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i += 1) {
    const reply: { status: number; body: Page<ArticleItem> } = await api.get(`/api/articles?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(reply.status).toBe(200);
    items.push(...reply.body.items);
    cursor = reply.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('too many pages');
}

describe('publishing', () => {
  it('keeps a draft from the public until it is published, and takes it off again when archived', async () => {
    const article = await create(chaoyang);
    expect(article).toMatchObject({ status: 'draft', publishedAt: null, pinned: false, district: '110105', districtName: '朝阳区' });
    // line breaks normalised, the text kept as text
    expect(article.body).toBe('第一段：测试用的正文内容，介绍培训项目。\n\n第二段：<b>不是HTML</b>，原样作为文字显示。');

    const publicIds = async () => (await walk('kind=project')).map((a) => a.id);
    expect(await publicIds()).not.toContain(article.id);
    expect((await api.get(`/api/articles/${article.id}`)).status).toBe(404);
    expect((await api.get(`/api/articles/${article.id}`, { token: worker })).status).toBe(404);
    expect((await api.get(`/api/articles/${article.id}`, { token: chaoyang })).status).toBe(200);

    const published = await publish(chaoyang, article.id);
    expect(published.status).toBe(200);
    expect(published.body.article.status).toBe('published');
    expect(published.body.article.publishedAt).not.toBeNull();
    expect(await publicIds()).toContain(article.id);
    const read = await api.get<{ article: Article }>(`/api/articles/${article.id}`);
    expect(read.status).toBe(200);
    expect(read.body.article.body).toContain('第二段');
    // lists carry no body
    expect((await walk('kind=project')).find((a) => a.id === article.id)).not.toHaveProperty('body');

    expect((await archive(chaoyang, article.id)).body.article.status).toBe('archived');
    expect(await publicIds()).not.toContain(article.id);
    expect((await api.get(`/api/articles/${article.id}`)).status).toBe(404);

    const audit = await sql<{ action: string }>(`select action from public.audit_log where entity = 'article' and entity_id = $1 order by id`, [article.id]);
    expect(audit.map((a) => a.action)).toEqual(['article.created', 'article.publish', 'article.archive']);
  });

  it('two editors publishing the same draft at once: it is published once, with one audit row', async () => {
    const a = await create(chaoyang);
    const replies = await Promise.all([publish(chaoyang, a.id), publish(admin, a.id), publish(citywide, a.id)]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    const publishedAt = new Set(replies.map((r) => r.body.article.publishedAt));
    expect(publishedAt.size).toBe(1);
    const audits = await sql(`select 1 from public.audit_log where entity_id = $1 and action like '%publish%'`, [a.id]);
    expect(audits).toHaveLength(1);
  });

  it('archives a draft, answers a repeated move unchanged, and refuses to edit an archived article', async () => {
    const article = await create(chaoyang);
    expect((await archive(chaoyang, article.id)).status).toBe(200);
    expect((await archive(chaoyang, article.id)).status).toBe(200);
    const edit = await api.put(`/api/articles/${article.id}`, draft(), { token: chaoyang });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('article_not_editable');
    expect((await publish(chaoyang, article.id)).body.article.status).toBe('published');
    expect((await publish(chaoyang, article.id)).status).toBe(200);
  });

  it('edits a draft and a published article', async () => {
    const article = await create(chaoyang);
    const edit = await api.put<{ article: Article }>(`/api/articles/${article.id}`, draft({ title: '改过的标题一二', pinned: true }), { token: chaoyang });
    expect(edit.status).toBe(200);
    expect(edit.body.article).toMatchObject({ title: '改过的标题一二', pinned: true, status: 'draft' });
  });

  it('lists pinned articles first, then newest first, one page at a time without repeats', async () => {
    const kind = 'story';
    const before = (await walk(`kind=${kind}`)).map((a) => a.id);
    const older = await create(citywide, { kind, district: null });
    const newer = await create(citywide, { kind, district: null });
    const pinned = await create(citywide, { kind, district: null, pinned: true });
    for (const a of [older, pinned, newer]) expect((await publish(citywide, a.id)).status).toBe(200);
    const ids = (await walk(`kind=${kind}`)).map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !before.includes(id))).toEqual([pinned.id, newer.id, older.id]);
    expect(ids[0]).toBe(pinned.id);
  });

  it('gives staff their drafts by status, and refuses that list to others', async () => {
    const mine = await create(chaoyang);
    const drafts = (await walk('status=draft', chaoyang)).map((a) => a.id);
    expect(drafts).toContain(mine.id);
    // a 海淀 draft is not the 朝阳 reviewer's
    const haidian = await create(admin, { district: '110108' });
    expect(drafts).not.toContain(haidian.id);
    expect((await walk('status=draft', admin)).map((a) => a.id)).toContain(haidian.id);
    expect((await api.get('/api/articles?status=draft')).status).toBe(401);
    expect((await api.get('/api/articles?status=draft', { token: worker })).status).toBe(403);
  });
});

describe('who may write', () => {
  it('refuses anonymous callers, workers and other staff', async () => {
    expect((await api.post('/api/articles', draft())).status).toBe(401);
    const asWorker = await api.post('/api/articles', draft(), { token: worker });
    expect(asWorker.status).toBe(403);
    expect(asWorker.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await api.post('/api/articles', draft(), { token: evaluator })).status).toBe(403);
    const article = await create(chaoyang);
    expect((await publish(worker, article.id)).status).toBe(403);
    expect((await api.post(`/api/articles/${article.id}/publish`, {})).status).toBe(401);
    expect((await api.put(`/api/articles/${article.id}`, draft(), { token: worker })).status).toBe(403);
  });

  it('keeps a district reviewer to their own district', async () => {
    expect((await api.post('/api/articles', draft({ district: '110108' }), { token: chaoyang })).status).toBe(403);
    expect((await api.post('/api/articles', draft({ district: null }), { token: chaoyang })).status).toBe(403);
    const haidian = await create(admin, { district: '110108' });
    expect((await publish(chaoyang, haidian.id)).status).toBe(404);
    expect((await api.put(`/api/articles/${haidian.id}`, draft(), { token: chaoyang })).status).toBe(404);
    // nor may they move their own article to another district
    const own = await create(chaoyang);
    expect((await api.put(`/api/articles/${own.id}`, draft({ district: '110108' }), { token: chaoyang })).status).toBe(403);
    // city-wide reviewers and admins write anywhere
    expect((await create(citywide, { district: '110108' })).district).toBe('110108');
    expect((await create(admin, { district: null })).district).toBeNull();
  });
});

describe('bad input', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['short title', { title: '短' }, 'title'],
    ['missing summary', { summary: undefined }, 'summary'],
    ['short body', { body: '太短了' }, 'body'],
    ['unknown kind', { kind: 'ad' }, 'kind'],
    ['unknown district', { district: '110103' }, 'district'],
    ['pinned not a boolean', { pinned: 'yes' }, 'pinned'],
    ['unknown field', { author: 'x' }, 'author'],
  ];
  it.each(cases)('answers 400 naming the field: %s', async (_name, overrides, field) => {
    const reply = await api.post('/api/articles', draft(overrides), { token: admin });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.error.fields)).toContain(field);
  });

  it('answers 400 for a bad id, kind, status or cursor, and 404 for an unknown id', async () => {
    expect((await api.get('/api/articles/not-a-uuid')).body.error.fields).toHaveProperty('id');
    expect((await api.get('/api/articles?kind=ad')).body.error.fields).toHaveProperty('kind');
    expect((await api.get('/api/articles?status=gone', { token: admin })).body.error.fields).toHaveProperty('status');
    expect((await api.get('/api/articles?limit=500')).body.error.fields).toHaveProperty('limit');
    const first = await api.get<Page<ArticleItem>>('/api/articles?limit=1');
    expect(first.body.nextCursor).toBeTruthy();
    const reused = await api.get(`/api/articles?kind=policy&cursor=${first.body.nextCursor}`);
    expect(reused.status).toBe(400);
    expect(reused.body.error.fields).toHaveProperty('cursor');
    expect((await api.get('/api/articles/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await publish(admin, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
