/** POST /api/subsidies/external-claims: admins record 失业保险技能提升补贴 claims, which then block this programme's subsidy. */
import { describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { applicant, apply, certificateFor, daysFromToday, staffOf, today } from './support';

const api = apiClient(inject('stackUrl'));
const record = (token: string | undefined, body: unknown) => api.post('/api/subsidies/external-claims', body, token ? { token } : {});

describe('POST /api/subsidies/external-claims', () => {
  it('records the claim (audited), after which the holder cannot apply for that certificate', async () => {
    const admin = await staffOf(api, 'admin');
    const p = await applicant(api);
    const cert = await certificateFor(p.userId);
    const reply = await record(admin.token, { certificateId: cert.id, claimedOn: today() });
    expect(reply.status).toBe(201);
    expect(reply.body.claim).toMatchObject({ certificateId: cert.id, fund: 'unemployment_insurance', claimedOn: today() });
    const [audit] = await sql<{ n: number }>(
      `select count(*)::int as n from public.audit_log where action = 'subsidy.external_claim_recorded' and entity_id = $1 and actor_id = $2`,
      [cert.id, admin.userId],
    );
    expect(audit!.n).toBe(1);
    const refused = await apply(api, p.token, cert.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('subsidy_rule_one_per_certificate');
    expect(refused.body.error.message).toContain('失业保险');
  });

  it('refuses a certificate that already has a live application of this programme', async () => {
    const admin = await staffOf(api, 'admin');
    const p = await applicant(api);
    const cert = await certificateFor(p.userId);
    expect((await apply(api, p.token, cert.id)).status).toBe(201);
    const reply = await record(admin.token, { certificateId: cert.id, claimedOn: today() });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('subsidy_rule_one_per_certificate');
  });

  it('refuses bad dates and input, non-admins and anonymous callers', async () => {
    const admin = await staffOf(api, 'admin');
    const p = await applicant(api);
    const cert = await certificateFor(p.userId, { issuedOn: daysFromToday(-10) });
    expect((await record(admin.token, { certificateId: cert.id, claimedOn: daysFromToday(1) })).body.error.code).toBe('invalid_claim_date');
    expect((await record(admin.token, { certificateId: cert.id, claimedOn: daysFromToday(-11) })).body.error.code).toBe('invalid_claim_date');
    const bad = await record(admin.token, { certificateId: 'x', claimedOn: '2026/1/1' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['certificateId', 'claimedOn']);
    for (const who of [p, await staffOf(api, 'reviewer'), await staffOf(api, 'institution_staff', 'x')]) {
      expect((await record(who.token, { certificateId: cert.id, claimedOn: today() })).status).toBe(403);
    }
    expect((await record(undefined, { certificateId: cert.id, claimedOn: today() })).status).toBe(401);
  });
});
