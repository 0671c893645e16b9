import { describe, expect, inject, it } from 'vitest';
import { BEIJING_DISTRICTS } from '@jz/shared';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { allPages, expectUnique, one, SEEDED_OCCUPATIONS } from './support';

const api = apiClient(inject('stackUrl'));

describe('GET /api/catalog/demands', () => {
  it('lists published demands newest first, without drafts, paging without duplicates or gaps', async () => {
    const { n } = await one<{ n: string }>(`select count(*) as n from public.demands where status = 'published'`);
    const { items, total } = await allPages(api, '/api/catalog/demands', 5);
    expect(total).toBe(Number(n));
    expectUnique(items.map((d: any) => d.id));
    expect(items).toHaveLength(total);
    expect(items.every((d: any) => d.status === 'published')).toBe(true);
    const times = items.map((d: any) => d.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(items[0]).toMatchObject({
      code: expect.stringMatching(/^XQ-/),
      enterprise: { id: expect.any(String), name: expect.any(String) },
      occupation: { code: expect.any(String), name: expect.any(String) },
      field: { code: expect.any(String) },
      headcount: expect.any(Number),
      source: expect.stringMatching(/^(notice|service_package|self_declared|station)$/),
      districtName: expect.stringMatching(/区$/),
      projectCount: expect.any(Number),
    });
    expect(items.some((d: any) => d.enterprise.name.includes('示例'))).toBe(true);
    expect(JSON.stringify(items)).not.toMatch(/contact|13900/);
  });

  it('filters by district, occupation, field, source, status and keyword; never shows drafts', async () => {
    const all = await allPages(api, '/api/catalog/demands?status=all', 50);
    const { drafts } = await one<{ drafts: string }>(`select count(*) as drafts from public.demands where status = 'draft'`);
    expect(Number(drafts)).toBeGreaterThan(0);
    expect(all.items.every((d: any) => d.status !== 'draft')).toBe(true);
    const sample = all.items[0];
    for (const [query, holds] of [
      [`district=${sample.district}`, (d: any) => d.district === sample.district],
      [`occupation=${sample.occupation.code}&status=all`, (d: any) => d.occupation.code === sample.occupation.code],
      ['field=care', (d: any) => d.field.code === 'care'],
      ['source=station', (d: any) => d.source === 'station'],
      ['status=fulfilled', (d: any) => d.status === 'fulfilled'],
      [`q=${encodeURIComponent(sample.enterprise.name.slice(0, 4))}&status=all`, (d: any) => d.enterprise.name.includes(sample.enterprise.name.slice(0, 4))],
    ] as Array<[string, (d: any) => boolean]>) {
      const { items } = await allPages(api, `/api/catalog/demands?${query}`, 20);
      expect(items.length, query).toBeGreaterThan(0);
      expect(items.every(holds), query).toBe(true);
    }
    const bad = await api.get('/api/catalog/demands?status=draft');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.status).toBeTruthy();
    const badSource = await api.get('/api/catalog/demands?source=wechat');
    expect(badSource.body.error.fields.source).toBeTruthy();
  });
});

describe('GET /api/catalog/institutions', () => {
  it('lists only whitelisted institutions, by kind and district, searchable by name and initials', async () => {
    const { items, total } = await allPages(api, '/api/catalog/institutions', 6);
    const { n } = await one<{ n: string }>(`select count(*) as n from public.institutions where whitelist_status = 'listed'`);
    expect(total).toBe(Number(n));
    expectUnique(items.map((i: any) => i.code));
    expect(items.map((i: any) => i.code)).not.toEqual(expect.arrayContaining(['INS-090']));
    expect(items.some((i: any) => ['INS-090', 'INS-091', 'EVA-090'].includes(i.code))).toBe(false);

    const evaluators = await allPages(api, '/api/catalog/institutions?kind=evaluation', 50);
    expect(evaluators.items.length).toBeGreaterThanOrEqual(8);
    expect(evaluators.items.every((i: any) => i.kind === 'evaluation')).toBe(true);
    const seeded = evaluators.items.filter((i: any) => /^EVA-00\d$/.test(i.code));
    expect(seeded).toHaveLength(8);
    expect(seeded.every((i: any) => i.occupations.length > 0)).toBe(true);
    expect(evaluators.items.find((i: any) => i.code === 'EVA-001')).toBeTruthy();

    const training = await api.get('/api/catalog/institutions?kind=training&district=110105');
    expect(training.body.items.length).toBeGreaterThan(0);
    expect(training.body.items.every((i: any) => i.district === '110105' || i.districtsServed.includes('110105'))).toBe(true);
    expect(training.body.items.find((i: any) => i.code === 'INS-001')).toMatchObject({
      carrierType: 'private_institution',
      whitelistedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      projectCount: expect.any(Number),
    });

    for (const q of ['京华康养', 'jinghuakangyang', 'jhky']) {
      const found = await api.get(`/api/catalog/institutions?q=${encodeURIComponent(q)}`);
      expect(found.body.items.map((i: any) => i.code), q).toEqual(['INS-001']);
    }
    const byOccupation = await api.get('/api/catalog/institutions?occupation=4-10-01-05&kind=evaluation');
    expect(byOccupation.body.items.map((i: any) => i.code)).toEqual(expect.arrayContaining(['EVA-001', 'EVA-002']));
    const bad = await api.get('/api/catalog/institutions?kind=school');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.kind).toBeTruthy();
  });
});

describe('GET /api/catalog/evaluation-sessions', () => {
  it('lists upcoming public sessions soonest first, filtered by occupation, level and district', async () => {
    const { items, total } = await allPages(api, '/api/catalog/evaluation-sessions', 8);
    expect(total).toBeGreaterThanOrEqual(30);
    expectUnique(items.map((s: any) => s.id));
    const starts = items.map((s: any) => s.startsAt);
    expect([...starts].sort()).toEqual(starts);
    expect(items.some((s: any) => s.institution.code === 'EVA-090')).toBe(false);
    const drafts = await sql<{ id: string }>(`select id from public.evaluation_sessions where status = 'draft'`);
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) expect(items.some((s: any) => s.id === d.id)).toBe(false);
    const sample = items.find((s: any) => /^EVA-00\d$/.test(s.institution.code)); // the seed's (other suites add theirs)
    expect(sample).toMatchObject({
      institution: { code: expect.stringMatching(/^EVA-/) },
      occupation: { code: expect.any(String), name: expect.any(String) },
      signup: expect.stringMatching(/^(not_open|open|full|closed)$/),
      seatsLeft: expect.any(Number),
      place: expect.any(String),
      lat: expect.any(Number),
    });

    const filtered = await allPages(
      api,
      `/api/catalog/evaluation-sessions?occupation=${sample.occupation.code}&level=${sample.level}&district=${sample.district}`,
      5,
    );
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(
      filtered.items.every(
        (s: any) => s.occupation.code === sample.occupation.code && s.level === sample.level && s.district === sample.district,
      ),
    ).toBe(true);
    const open = await allPages(api, '/api/catalog/evaluation-sessions?open=1', 20);
    expect(open.items.every((s: any) => s.signup === 'open')).toBe(true);
    // the seed's sessions have coordinates (other suites add sessions without): ask near one of its institutions
    const near = await api.get(`/api/catalog/evaluation-sessions?lat=39.92&lng=116.48&limit=20&institution=${sample.institution.code}`);
    expect(near.body.items.some((s: any) => typeof s.distanceKm === 'number')).toBe(true);
    expect(near.body.items.every((s: any) => (s.lat === null ? s.distanceKm === null : typeof s.distanceKm === 'number'))).toBe(true);
    for (const [query, param] of [
      ['occupation=1-00-00-00', 'occupation'],
      ['level=9', 'level'],
      ['district=120101', 'district'],
      ['institution=EVA-090', 'institution'],
      ['limit=100', 'limit'],
    ]) {
      const reply = await api.get(`/api/catalog/evaluation-sessions?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.error.fields[param!], query).toBeTruthy();
    }
  });
});

describe('GET /api/catalog/salary', () => {
  it('has monotonic P10–P90 for every seeded occupation and level it offers', async () => {
    const reply = await api.get('/api/catalog/salary');
    expect(reply.status).toBe(200);
    // the seed's occupations (other suites add their own, without salary guidance)
    const expected = await sql<{ code: string; level: string }>(
      `select o.code, l.level from public.occupations o cross join unnest(o.levels) as l (level) where o.code = any ($1)`,
      [SEEDED_OCCUPATIONS],
    );
    expect(expected.length).toBeGreaterThanOrEqual(100);
    const got = new Set(reply.body.items.map((s: any) => `${s.occupation.code}/${s.level}`));
    for (const e of expected) expect(got.has(`${e.code}/${e.level}`), `${e.code}/${e.level}`).toBe(true);
    for (const s of reply.body.items) {
      expect(s.p10 <= s.p25 && s.p25 <= s.p50 && s.p50 <= s.p75 && s.p75 <= s.p90).toBe(true);
      // the seed gives yearly figures (the jobs suite adds monthly guides for its own occupations)
      if (SEEDED_OCCUPATIONS.includes(s.occupation.code)) expect(s.unit).toBe('yuan_per_year');
    }
    // medians by level in line with the Beijing report (初级 9.2万 … 高级技师 13.9万), varied per occupation
    const medians = (level: string) =>
      reply.body.items.filter((s: any) => s.level === level && SEEDED_OCCUPATIONS.includes(s.occupation.code)).map((s: any) => s.p50);
    for (const [level, median] of [['5', 92000], ['4', 123000], ['1', 139000]] as const) {
      for (const m of medians(level)) expect(Math.abs(m - median) / median).toBeLessThan(0.2);
    }
  });

  it('filters by occupation and level', async () => {
    const one = await api.get('/api/catalog/salary?occupation=4-10-01-05');
    expect(one.body.items.map((s: any) => s.level)).toEqual(['5', '4', '3', '2', '1']);
    const level = await api.get('/api/catalog/salary?occupation=4-10-01-05&level=3');
    expect(level.body.items).toHaveLength(1);
    expect(level.body.items[0]).toMatchObject({ occupation: { code: '4-10-01-05', name: '养老护理员' }, level: '3' });
    const bad = await api.get('/api/catalog/salary?occupation=0-00-00-00');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.occupation).toBeTruthy();
  });
});

describe('GET /api/catalog/facets', () => {
  it('counts per filter value agree with the list totals', async () => {
    const reply = await api.get('/api/catalog/facets');
    expect(reply.status).toBe(200);
    const facets = reply.body;
    const list = await api.get('/api/catalog/projects?limit=1');
    expect(facets.total).toBe(list.body.total);
    expect(facets.districts.map((d: any) => d.code)).toEqual(BEIJING_DISTRICTS.map((d) => d.code));
    for (const f of facets.fields.filter((x: any) => x.count > 0).slice(0, 3)) {
      const r = await api.get(`/api/catalog/projects?field=${f.code}&limit=1`);
      expect(r.body.total, f.code).toBe(f.count);
    }
    for (const d of facets.districts.filter((x: any) => x.count > 0).slice(0, 3)) {
      const r = await api.get(`/api/catalog/projects?district=${d.code}&limit=1`);
      expect(r.body.total, d.code).toBe(d.count);
    }
    const open = await api.get('/api/catalog/projects?open=1&limit=1');
    expect(facets.open).toBe(open.body.total);
    expect(facets.levels.map((l: any) => l.code)).toEqual(['5', '4', '3', '2', '1', 'special']);

    // a filter never narrows its own counts, but narrows the others
    const care = (await api.get('/api/catalog/facets?field=care')).body;
    expect(care.fields).toEqual(facets.fields);
    const careOnly = await api.get('/api/catalog/projects?field=care&level=4&limit=1');
    expect(care.levels.find((l: any) => l.code === '4').count).toBe(careOnly.body.total);
    const searched = (await api.get(`/api/catalog/facets?q=${encodeURIComponent('护理')}`)).body;
    expect(searched.total).toBe((await api.get(`/api/catalog/projects?q=${encodeURIComponent('护理')}&limit=1`)).body.total);
    const bad = await api.get('/api/catalog/facets?district=999999');
    expect(bad.status).toBe(400);
  });
});
