import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';

const api = apiClient(inject('stackUrl'));

describe('GET /api/catalog/projects/[id]', () => {
  let projectId: string;
  beforeAll(async () => {
    // INS-001's 养老护理员 四级 project: evaluators exist for it, and a salary guide
    const [row] = await sql<{ id: string }>(
      `select p.id from public.projects p join public.institutions i on i.id = p.institution_id
       where i.code = 'INS-001' and p.target_level = '4' and p.status = 'published' order by p.code limit 1`,
    );
    projectId = row!.id;
  });

  it('shows the project with its classes, institution, demands, evaluation path and salary guide', async () => {
    const reply = await api.get(`/api/catalog/projects/${projectId}?lat=39.92&lng=116.48`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toMatch(/^public/);
    const p = reply.body.project;
    expect(p).toMatchObject({
      id: projectId,
      level: '4',
      content: expect.stringContaining('养老护理员'),
      institution: { code: 'INS-001', kind: 'training', carrierType: 'private_institution', districtName: '朝阳区' },
      occupations: [{ code: '4-10-01-05', name: '养老护理员', isSpecialty: false }],
    });
    expect(p.classes.length).toBeGreaterThan(0);
    for (const c of p.classes) {
      expect(c.seatsLeft).toBeGreaterThanOrEqual(0);
      expect(c.seatsLeft).toBeLessThanOrEqual(c.capacity);
      expect(['not_open', 'open', 'full', 'closed']).toContain(c.enrollment);
      if (!c.online) expect(typeof c.distanceKm).toBe('number');
    }
    const starts = p.classes.map((c: any) => c.startDate);
    expect([...starts].sort()).toEqual(starts);
    expect(p.evaluationPath).toMatchObject({ certificate: 'skill_level', level: '4', occupation: { code: '4-10-01-05' } });
    expect(p.evaluationPath.institutions.map((i: any) => i.code)).toEqual(expect.arrayContaining(['EVA-001', 'EVA-002']));
    expect(p.evaluationPath.institutions.map((i: any) => i.code)).not.toContain('EVA-090');
    for (const s of p.evaluationPath.sessions) {
      expect(s).toMatchObject({ occupation: { code: '4-10-01-05' }, level: '4' });
      expect(s.institution.code).not.toBe('EVA-090');
    }
    expect(p.salary).toMatchObject({ level: '4', unit: 'yuan_per_year' });
    const { p10, p25, p50, p75, p90 } = p.salary;
    expect(p10 <= p25 && p25 <= p50 && p50 <= p75 && p75 <= p90).toBe(true);
    for (const d of p.demands) expect(d.status).not.toBe('draft');
  });

  it('shows a 专项职业能力 project with its specialty certificate path', async () => {
    const [row] = await sql<{ id: string }>(
      `select p.id from public.projects p join public.institutions i on i.id = p.institution_id
       where p.target_level = 'special' and p.status = 'published' and i.whitelist_status = 'listed' order by p.code limit 1`,
    );
    const reply = await api.get(`/api/catalog/projects/${row!.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body.project.evaluationPath.certificate).toBe('specialty');
    expect(reply.body.project.occupations[0].isSpecialty).toBe(true);
  });

  it('is 404 for drafts, unknown ids and institutions off the whitelist; 400 for a malformed id', async () => {
    const hidden = await sql<{ id: string }>(
      `select p.id from public.projects p join public.institutions i on i.id = p.institution_id
       where p.status = 'draft' or i.whitelist_status <> 'listed'`,
    );
    expect(hidden.length).toBeGreaterThan(0);
    for (const h of hidden) expect((await api.get(`/api/catalog/projects/${h.id}`)).status).toBe(404);
    const missing = await api.get('/api/catalog/projects/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/培训项目/);
    const bad = await api.get('/api/catalog/projects/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.id).toBeTruthy();
    const halfPosition = await api.get(`/api/catalog/projects/${projectId}?lat=39.9`);
    expect(halfPosition.status).toBe(400);
    expect(halfPosition.body.error.fields.lng).toBeTruthy();
  });
});

describe('GET /api/catalog/classes/[id]', () => {
  it('shows a public class with sessions, its project and institution', async () => {
    const [row] = await sql<{ id: string }>(
      `select c.id from public.classes c join public.projects p on p.id = c.project_id
       join public.institutions i on i.id = p.institution_id
       where c.status = 'published' and p.status = 'published' and i.whitelist_status = 'listed' and p.mode <> 'online'
         and jsonb_array_length(c.sessions) > 0
       order by c.code limit 1`,
    );
    const reply = await api.get(`/api/catalog/classes/${row!.id}`);
    expect(reply.status).toBe(200);
    const c = reply.body.class;
    expect(c).toMatchObject({
      id: row!.id,
      project: { id: expect.any(String), title: expect.any(String) },
      institution: { code: expect.stringMatching(/^INS-/), kind: 'training' },
      online: false,
    });
    expect(c.sessions[0]).toMatchObject({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), start: expect.any(String), end: expect.any(String) });
  });

  it('is 404 for draft and cancelled classes and for classes of unpublished projects', async () => {
    const hidden = await sql<{ id: string }>(
      `select c.id from public.classes c join public.projects p on p.id = c.project_id
       join public.institutions i on i.id = p.institution_id
       where c.status in ('draft', 'cancelled') or p.status <> 'published' or i.whitelist_status <> 'listed' limit 20`,
    );
    expect(hidden.length).toBeGreaterThan(0);
    for (const h of hidden) expect((await api.get(`/api/catalog/classes/${h.id}`)).status).toBe(404);
  });
});
