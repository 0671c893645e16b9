/** Catalog writes through PostgREST: admins directly, institution staff only through proposals (functions/test/supply/proposals.test.ts), the public never. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient, uniqueName } from '../support/api';

const api = apiClient(inject('stackUrl'));
const rest = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${inject('stackUrl')}/rest/v1/${path}`, {
    ...init,
    headers: {
      apikey: inject('anonKey'),
      'content-type': 'application/json',
      prefer: 'return=representation',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });

describe('catalog writes', () => {
  let ins001: string;
  let ins002: string;
  let staff: string;
  beforeAll(async () => {
    const rows = await sql<{ id: string; code: string }>(`select id, code from public.institutions where code in ('INS-001', 'INS-002')`);
    ins001 = rows.find((r) => r.code === 'INS-001')!.id;
    ins002 = rows.find((r) => r.code === 'INS-002')!.id;
    staff = (await api.devLogin(uniqueName('机构'), [{ role: 'institution_staff', scope: 'INS-001' }])).token;
  });

  const draft = (institutionId: string, code: string) => ({
    code,
    title: '测试草稿项目（写入权限）',
    project_type: 'upskilling',
    institution_id: institutionId,
    field_code: 'care',
    target_level: '4',
    headcount: 10,
    content: '只用于测试写入权限的草稿项目内容。',
    hours: 40,
    mode: 'offline',
    audiences: ['employee'],
    funding: 'subsidised',
    status: 'draft',
  });

  it('lets admins add and edit projects directly, the search text computed in the database; the public never sees a draft', async () => {
    const admin = (await api.devLogin(uniqueName('管理员'), [{ role: 'admin' }])).token;
    const code = `XM-2099-${String(Date.now()).slice(-6)}`;
    const created = await rest('projects', { method: 'POST', token: admin, body: JSON.stringify(draft(ins001, code)) });
    expect(created.status).toBe(201);
    const [row] = (await created.json()) as Array<{ id: string; search_pinyin: string }>;
    expect(row!.search_pinyin).toContain('ceshicaogaoxiangmu');
    const updated = await rest(`projects?id=eq.${row!.id}`, {
      method: 'PATCH',
      token: admin,
      body: JSON.stringify({ title: '测试草稿项目（已修改）' }),
    });
    expect(updated.status).toBe(200);
    // the institution's staff read their project but cannot change it
    const own = await rest(`projects?id=eq.${row!.id}&select=title,status`, { token: staff });
    expect(await own.json()).toEqual([{ title: '测试草稿项目（已修改）', status: 'draft' }]);
    const anon = await rest(`projects?id=eq.${row!.id}&select=id`);
    expect(await anon.json()).toEqual([]);
    await sql('delete from public.projects where id = $1', [row!.id]);
  });

  it('institution staff publish only through proposals: no direct insert, update, occupation or demand link', async () => {
    const published = { ...draft(ins001, `XM-2099-${String(Date.now() + 2).slice(-6)}`), status: 'published', published_at: new Date().toISOString() };
    expect((await rest('projects', { method: 'POST', token: staff, body: JSON.stringify(published) })).status).toBe(403);
    expect((await rest('projects', { method: 'POST', token: staff, body: JSON.stringify(draft(ins001, `XM-2099-${String(Date.now() + 3).slice(-6)}`)) })).status).toBe(403);

    const [own] = await sql<{ id: string; status: string; title: string }>(
      `select id, status, title from public.projects where institution_id = $1 order by status = 'draft' desc, id limit 1`,
      [ins001],
    );
    const patch = await rest(`projects?id=eq.${own!.id}`, {
      method: 'PATCH',
      token: staff,
      body: JSON.stringify({ status: 'published', published_at: new Date().toISOString(), title: '直接发布的项目' }),
    });
    expect(await patch.json()).toEqual([]);
    const [after] = await sql<{ status: string; title: string }>('select status, title from public.projects where id = $1', [own!.id]);
    expect(after).toEqual({ status: own!.status, title: own!.title });

    const [demand] = await sql<{ id: string }>(`select id from public.demands where status = 'published' limit 1`);
    const link = await rest('project_demands', { method: 'POST', token: staff, body: JSON.stringify({ project_id: own!.id, demand_id: demand!.id }) });
    expect(link.status).toBe(403);
    const [occupation] = await sql<{ id: string }>('select id from public.occupations order by id desc limit 1');
    const occ = await rest('project_occupations', {
      method: 'POST',
      token: staff,
      body: JSON.stringify({ project_id: own!.id, occupation_id: occupation!.id, position: 9 }),
    });
    expect(occ.status).toBe(403);
  });

  it('refuses staff writes for another institution and any write by the public', async () => {
    const other = await rest('projects', {
      method: 'POST',
      token: staff,
      body: JSON.stringify(draft(ins002, `XM-2099-${String(Date.now() + 1).slice(-6)}`)),
    });
    expect(other.status).toBe(403);
    const anon = await rest('projects', { method: 'POST', body: JSON.stringify(draft(ins001, 'XM-2099-000001')) });
    expect([401, 403]).toContain(anon.status);
    const [theirs] = await sql<{ id: string; title: string }>(
      `select id, title from public.projects where institution_id = $1 and status = 'published' limit 1`,
      [ins002],
    );
    const patch = await rest(`projects?id=eq.${theirs!.id}`, { method: 'PATCH', token: staff, body: JSON.stringify({ title: '被改了' }) });
    expect(await patch.json()).toEqual([]); // no row of theirs is visible to update
    const [after] = await sql<{ title: string }>('select title from public.projects where id = $1', [theirs!.id]);
    expect(after!.title).toBe(theirs!.title);
  });

  it('keeps the whitelist for admins: staff cannot list or unlist their own institution', async () => {
    const reply = await rest(`institutions?id=eq.${ins001}`, {
      method: 'PATCH',
      token: staff,
      body: JSON.stringify({ whitelist_status: 'suspended' }),
    });
    expect(reply.status).toBe(403);
    const contact = await rest(`institutions?id=eq.${ins001}`, {
      method: 'PATCH',
      token: staff,
      body: JSON.stringify({ contact_phone: '010-62000001' }),
    });
    expect(contact.status).toBe(200);
    const [row] = await sql<{ whitelist_status: string }>('select whitelist_status from public.institutions where id = $1', [ins001]);
    expect(row!.whitelist_status).toBe('listed');
  });

  it('never hands the public an enterprise contact', async () => {
    const reply = await rest('enterprises?select=name,contact_phone');
    expect(reply.status).toBeGreaterThanOrEqual(400);
    const names = await rest('enterprises?select=name');
    expect(((await names.json()) as unknown[]).length).toBeGreaterThan(0);
  });
});
