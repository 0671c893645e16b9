/** GET /api/review/subsidies/[id]: the application as the list shows it and every rule re-checked as of submission; scope and roles. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { SUBSIDY_RULES } from '@jz/shared';
import { apiClient } from '../support/api';
import { applicant, apply, certificateFor, staffOf, today } from './support';

const api = apiClient(inject('stackUrl'));

type Staff = Awaited<ReturnType<typeof staffOf>>;
let chaoyang: Staff; // reviewer of 朝阳区 110105
let haidian: Staff; // reviewer of 海淀区 110108

beforeAll(async () => {
  [chaoyang, haidian] = await Promise.all([staffOf(api, 'reviewer', '110105'), staffOf(api, 'reviewer', '110108')]);
});

async function submitted() {
  const person = await applicant(api, { district: '110105' });
  const cert = await certificateFor(person.userId, { level: '4' });
  const reply = await apply(api, person.token, cert.id);
  expect(reply.status).toBe(201);
  return { person, id: reply.body.application.id as string };
}

describe('GET /api/review/subsidies/[id]', () => {
  it('gives the reviewer of the district the application with its events and every rule passed, with explanations', async () => {
    const { id } = await submitted();
    const reply = await api.get(`/api/review/subsidies/${id}`, { token: chaoyang.token });
    expect(reply.status).toBe(200);
    const { application, check } = reply.body;
    expect(application).toMatchObject({ id, district: '110105', status: 'submitted', level: '4', amount: 1500, appliedOn: today() });
    expect(application.applicant.idNumberMasked).toEqual(expect.any(String));
    expect(application.events).toEqual([expect.objectContaining({ from: null, to: 'submitted' })]);

    const listed = await api.get('/api/review/subsidies?status=submitted&limit=200', { token: chaoyang.token });
    expect(Object.keys(application).sort()).toEqual(Object.keys(listed.body.items[0]).sort());

    expect(check.eligible).toBe(true);
    expect(check.amount).toBe(1500);
    expect(check.rules.map((r: { rule: string }) => r.rule)).toEqual([...SUBSIDY_RULES]);
    for (const r of check.rules) {
      expect(r.passed, r.rule).toBe(true);
      expect(r.explanation).toEqual(expect.any(String));
      expect(r.explanation.length).toBeGreaterThan(0);
    }
    const explanation = (rule: string) => check.rules.find((r: { rule: string }) => r.rule === rule).explanation;
    expect(explanation('amount')).toContain('补助标准为1500元');
    expect(explanation('one_per_certificate')).toBe('这张证书还没有申请过任何技能提升类补贴。');
    expect(explanation('annual_cap')).toContain('本次是第1次');
    expect(explanation('no_pension')).toBe('您确认没有按月领取养老金。');
  });

  it('hides applications of another district as not found', async () => {
    const { id } = await submitted();
    const reply = await api.get(`/api/review/subsidies/${id}`, { token: haidian.token });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('subsidy_application_not_found');
  });

  it('refuses workers (403) and anonymous callers (401), and rejects a malformed id (400)', async () => {
    const { person, id } = await submitted();
    expect((await api.get(`/api/review/subsidies/${id}`, { token: person.token })).status).toBe(403);
    expect((await api.get(`/api/review/subsidies/${id}`)).status).toBe(401);
    expect((await api.get('/api/review/subsidies/not-a-uuid', { token: chaoyang.token })).status).toBe(400);
  });
});
