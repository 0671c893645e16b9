import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { allPages, beijingDay, expectUnique, one, publicProjectIds } from './support';

const api = apiClient(inject('stackUrl'));
const MATCH_ORDER = ['title', 'occupation', 'institution', 'content', 'pinyin', 'initials'];

describe('GET /api/catalog/projects', () => {
  let visible: Set<string>;
  beforeAll(async () => {
    visible = await publicProjectIds();
  });

  it('lists public projects soonest first, with a public Cache-Control and the list shape', async () => {
    const reply = await api.get('/api/catalog/projects');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(reply.body.total).toBe(visible.size);
    expect(reply.body.items).toHaveLength(20);
    expect(typeof reply.body.nextCursor).toBe('string');
    const item = reply.body.items[0];
    expect(item).toMatchObject({
      id: expect.any(String),
      code: expect.stringMatching(/^XM-/),
      title: expect.any(String),
      projectType: expect.any(String),
      field: { code: expect.any(String), name: expect.any(String) },
      level: expect.stringMatching(/^([1-5]|special)$/),
      mode: expect.stringMatching(/^(offline|online|blended)$/),
      hours: expect.any(Number),
      headcount: expect.any(Number),
      funding: expect.stringMatching(/^(subsidised|fee)$/),
      institution: { id: expect.any(String), code: expect.any(String), name: expect.any(String), district: expect.any(String) },
      classCount: expect.any(Number),
      seatsLeft: expect.any(Number),
      distanceKm: null,
      match: null,
    });
    expect(item.occupations[0]).toMatchObject({ code: expect.any(String), name: expect.any(String), isSpecialty: expect.any(Boolean) });
    expect(item.nextClass).toMatchObject({
      id: expect.any(String),
      startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      districtName: expect.stringMatching(/区$/),
      enrollment: expect.stringMatching(/^(not_open|open|full|closed)$/),
      seatsLeft: expect.any(Number),
    });
    const starts = reply.body.items.map((i: any) => i.nextClass?.startDate ?? '9999-12-31');
    expect([...starts].sort()).toEqual(starts);
  });

  it('pages through every public project exactly once, for each sort', async () => {
    for (const query of ['sort=soonest', 'sort=seats', 'sort=nearest&lat=39.9087&lng=116.3975', 'q=培训&sort=seats']) {
      const { items, total } = await allPages(api, `/api/catalog/projects?${query}`, 7);
      const ids = items.map((i: any) => i.id);
      expectUnique(ids);
      expect(ids.length, query).toBe(total);
      for (const id of ids) expect(visible.has(id)).toBe(true);
      if (!query.startsWith('q=')) expect(total).toBe(visible.size);
      if (query === 'sort=seats') {
        const seats = items.map((i: any) => i.seatsLeft);
        expect([...seats].sort((a, b) => b - a)).toEqual(seats);
      }
      if (query.startsWith('sort=nearest')) {
        const km = items.map((i: any) => i.distanceKm ?? Infinity);
        expect([...km].sort((a, b) => a - b)).toEqual(km);
      }
    }
  });

  it('never shows drafts, suspended projects, or projects of institutions off the whitelist', async () => {
    const hidden = await sql<{ id: string; title: string }>(
      `select p.id, p.title from public.projects p join public.institutions i on i.id = p.institution_id
       where p.status <> 'published' or i.whitelist_status <> 'listed'`,
    );
    expect(hidden.length).toBeGreaterThanOrEqual(5);
    const { items } = await allPages(api, '/api/catalog/projects', 50);
    const shown = new Set(items.map((i: any) => i.id));
    for (const h of hidden) expect(shown.has(h.id)).toBe(false);
    // not by searching either, and not through PostgREST as anon
    const search = await api.get(`/api/catalog/projects?q=${encodeURIComponent('筹备中')}`);
    expect(search.body.total).toBe(0);
    const rest = await fetch(`${inject('stackUrl')}/rest/v1/projects?select=id,status`, { headers: { apikey: inject('anonKey') } });
    const rows = (await rest.json()) as Array<{ id: string; status: string }>;
    expect(rows.length).toBe(visible.size);
    expect(rows.every((r) => r.status === 'published' && visible.has(r.id))).toBe(true);
    const classes = await fetch(`${inject('stackUrl')}/rest/v1/classes?select=project_id,status`, { headers: { apikey: inject('anonKey') } });
    const classRows = (await classes.json()) as Array<{ project_id: string; status: string }>;
    expect(classRows.length).toBeGreaterThan(0);
    expect(classRows.every((c) => visible.has(c.project_id) && ['published', 'closed'].includes(c.status))).toBe(true);
  });

  it('hides a project the moment it is unpublished, and its classes with it', async () => {
    const [row] = await sql<{ id: string }>(
      `select p.id from public.projects p join public.institutions i on i.id = p.institution_id
       where p.status = 'published' and i.whitelist_status = 'listed' and i.code ~ '^INS-0\\d\\d$'
         and exists (select 1 from public.classes c where c.project_id = p.id and c.status = 'published')
       order by p.code desc limit 1`,
    );
    const id = row!.id;
    const [cls] = await sql<{ id: string }>(`select id from public.classes where project_id = $1 and status = 'published' limit 1`, [id]);
    try {
      await sql(`update public.projects set status = 'suspended' where id = $1`, [id]);
      const { items } = await allPages(api, '/api/catalog/projects', 50);
      expect(items.some((i: any) => i.id === id)).toBe(false);
      expect((await api.get(`/api/catalog/projects/${id}`)).status).toBe(404);
      expect((await api.get(`/api/catalog/classes/${cls!.id}`)).status).toBe(404);
    } finally {
      await sql(`update public.projects set status = 'published' where id = $1`, [id]);
    }
    expect((await api.get(`/api/catalog/projects/${id}`)).status).toBe(200);
  });

  describe('search', () => {
    it('finds 养老护理员 by Chinese substring, full pinyin and initials, ignoring case and spaces', async () => {
      const expected = await sql<{ id: string }>(
        `select p.id from public.projects p join public.institutions i on i.id = p.institution_id
         join public.project_occupations po on po.project_id = p.id join public.occupations o on o.id = po.occupation_id
         where o.name = '养老护理员' and p.status = 'published' and i.whitelist_status = 'listed'`,
      );
      expect(expected.length).toBeGreaterThanOrEqual(3);
      for (const q of ['养老护理员', '养老 护理', 'yanglaohuliyuan', 'YangLao HuLi', 'ylhl', ' Y L H L ']) {
        const { items } = await allPages(api, `/api/catalog/projects?q=${encodeURIComponent(q)}`, 50);
        const ids = new Set(items.map((i: any) => i.id));
        for (const e of expected) expect(ids.has(e.id), `${q} finds ${e.id}`).toBe(true);
      }
      const initials = await api.get('/api/catalog/projects?q=ylhl');
      expect(initials.body.items[0].match).toBe('initials');
      const pinyin = await api.get('/api/catalog/projects?q=yanglao');
      expect(pinyin.body.items[0].match).toBe('pinyin');
      const chinese = await api.get(`/api/catalog/projects?q=${encodeURIComponent('养老护理员')}`);
      expect(chinese.body.items[0].match).toBe('title');
    });

    it('reads polyphones in context and short initials (dg finds 电工)', async () => {
      const dg = await allPages(api, '/api/catalog/projects?q=dg', 50);
      expect(dg.items.some((i: any) => i.occupations[0].name === '电工')).toBe(true);
      const { full_pinyin } = await one<{ full_pinyin: string }>(`select full_pinyin from public.search_pinyin('银行会计师（四级）')`);
      expect(full_pinyin).toBe('yinhangkuaijishisiji');
    });

    it('ranks title before occupation, institution and content, then pinyin', async () => {
      const { items } = await allPages(api, `/api/catalog/projects?q=${encodeURIComponent('护理')}`, 10);
      const ranks = items.map((i: any) => MATCH_ORDER.indexOf(i.match));
      expect(ranks.every((r) => r >= 0)).toBe(true);
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
      expect(items[0].match).toBe('title');
      expect(items.some((i: any) => i.match === 'content')).toBe(true);
      // an institution name
      const byInstitution = await api.get(`/api/catalog/projects?q=${encodeURIComponent('京华康养')}`);
      expect(byInstitution.body.total).toBeGreaterThanOrEqual(3);
      expect(byInstitution.body.items.every((i: any) => i.match === 'institution' && i.institution.code === 'INS-001')).toBe(true);
      // the institution by its initials
      const initials = await api.get('/api/catalog/projects?q=jhky');
      expect(initials.body.items.every((i: any) => i.institution.code === 'INS-001')).toBe(true);
    });

    it('answers an empty page, not an error, when nothing matches', async () => {
      const reply = await api.get(`/api/catalog/projects?q=${encodeURIComponent('完全不存在的词')}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ items: [], nextCursor: null, total: 0 });
    });
  });

  describe('filters', () => {
    it('field, occupation, mode, level and audience', async () => {
      const cases: Array<[string, (i: any) => boolean]> = [
        ['field=care', (i) => i.field.code === 'care'],
        ['occupation=6-31-01-03', (i) => i.occupations.some((o: any) => o.code === '6-31-01-03')],
        ['mode=online', (i) => i.mode === 'online'],
        ['level=special', (i) => i.level === 'special'],
        ['audience=student', (i) => i.audiences.includes('student')],
        ['field=care&level=4&mode=offline', (i) => i.field.code === 'care' && i.level === '4' && i.mode === 'offline'],
      ];
      for (const [query, holds] of cases) {
        const { items, total } = await allPages(api, `/api/catalog/projects?${query}`, 10);
        expect(total, query).toBeGreaterThan(0);
        expect(items.every(holds), query).toBe(true);
      }
    });

    it('district, open for enrollment and the start window apply to classes', async () => {
      const { items } = await allPages(api, '/api/catalog/projects?district=110108', 10);
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i: any) => i.nextClass.district === '110108' && i.classCount > 0)).toBe(true);

      const open = await allPages(api, '/api/catalog/projects?open=1', 10);
      expect(open.items.length).toBeGreaterThan(0);
      expect(open.items.every((i: any) => i.nextClass.enrollment === 'open' && i.nextClass.seatsLeft > 0)).toBe(true);
      const { n } = await one<{ n: string }>(
        `select count(distinct p.id) as n from public.projects p join public.institutions i on i.id = p.institution_id
         join public.classes c on c.project_id = p.id
         where p.status = 'published' and i.whitelist_status = 'listed' and c.status = 'published'
           and c.start_date >= public.beijing_today() and c.enroll_opens_at <= now() and c.enroll_closes_at > now()
           and c.enrolled < c.capacity`,
      );
      expect(open.total).toBe(Number(n));

      const after = await beijingDay(30);
      const before = await beijingDay(60);
      const window = await allPages(api, `/api/catalog/projects?startsAfter=${after}&startsBefore=${before}`, 10);
      expect(window.items.length).toBeGreaterThan(0);
      expect(window.items.every((i: any) => i.nextClass.startDate >= after && i.nextClass.startDate <= before)).toBe(true);
    });

    it('sorts nearest with a distance on every item that has a venue', async () => {
      const reply = await api.get('/api/catalog/projects?sort=nearest&lat=39.9219&lng=116.4430&limit=10');
      expect(reply.status).toBe(200);
      const km = reply.body.items.map((i: any) => i.distanceKm);
      expect(km.every((k: unknown) => typeof k === 'number')).toBe(true);
      expect([...km].sort((a: number, b: number) => a - b)).toEqual(km);
      expect(km[0]).toBeLessThan(10);
    });
  });

  describe('bad filters answer 400 naming the parameter, in Chinese', () => {
    const cases: Array<[string, string]> = [
      ['district=110100', 'district'],
      ['district=朝阳区', 'district'],
      ['startsAfter=2026-02-30', 'startsAfter'],
      ['startsBefore=tomorrow', 'startsBefore'],
      ['startsAfter=2027-03-01&startsBefore=2027-01-01', 'startsAfter'],
      ['limit=51', 'limit'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=not-a-real-cursor', 'cursor'],
      ['cursor=%21%21', 'cursor'],
      ['lat=39.9', 'lng'],
      ['lng=116.4', 'lat'],
      ['lat=95&lng=116', 'lat'],
      ['sort=nearest', 'lat'],
      ['sort=cheapest', 'sort'],
      ['mode=offline,online', 'mode'],
      ['level=6', 'level'],
      ['audience=retired', 'audience'],
      ['open=yes', 'open'],
      ['field=nope', 'field'],
      ['occupation=9-99-99-99', 'occupation'],
      ['occupation=electrician', 'occupation'],
      ['colour=red', 'colour'],
      [`q=${'长'.repeat(41)}`, 'q'],
    ];
    for (const [query, param] of cases) {
      it(`${query} → fields.${param}`, async () => {
        const reply = await api.get(`/api/catalog/projects?${query}`);
        expect(reply.status).toBe(400);
        expect(reply.body.error.fields?.[param], JSON.stringify(reply.body)).toMatch(/[\u4e00-\u9fa5]/);
      });
    }

    it('refuses a cursor made for another query', async () => {
      const first = await api.get('/api/catalog/projects?limit=5&field=care');
      expect(first.body.nextCursor).toBeTruthy();
      const other = await api.get(`/api/catalog/projects?limit=5&field=services&cursor=${first.body.nextCursor}`);
      expect(other.status).toBe(400);
      expect(other.body.error.fields.cursor).toBeTruthy();
      const same = await api.get(`/api/catalog/projects?limit=5&field=care&cursor=${first.body.nextCursor}`);
      expect(same.status).toBe(200);
    });
  });
});
