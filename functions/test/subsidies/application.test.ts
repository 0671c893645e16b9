/** POST /api/subsidies: input, consent, masking and encryption of the account, idempotency, concurrent submissions, GET /api/me/subsidies. */
import { describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { applicant, apply, bankAccount, certificateFor, newKey, staffOf } from './support';

const api = apiClient(inject('stackUrl'));

describe('POST /api/subsidies', () => {
  it('files an application with the amount, the district of the profile, a masked account and an audit row', async () => {
    const p = await applicant(api, { district: '110108' });
    const cert = await certificateFor(p.userId, { level: '3' });
    const account = bankAccount(19);
    const reply = await apply(api, p.token, cert.id, { bankAccount: account });
    expect(reply.status).toBe(201);
    const app = reply.body.application;
    expect(app).toMatchObject({ status: 'submitted', amount: 2000, district: '110108', level: '3', bankAccountMasked: `**** **** **** ${account.slice(-4)}` });
    expect(JSON.stringify(reply.body)).not.toContain(account);
    expect(app.events).toEqual([expect.objectContaining({ from: null, to: 'submitted', actorId: p.userId })]);

    const [row] = await sql<{ enc: string; hash: string; masked: string }>(
      `select bank_account_enc as enc, bank_account_hash as hash, bank_account_masked as masked from public.subsidy_applications where id = $1`,
      [app.id],
    );
    expect(row!.enc).not.toContain(account);
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    const [outbox] = await sql<{ n: number }>(
      `select count(*)::int as n from public.outbox where user_id = $1 and event = 'subsidy.status_changed' and payload->>'status' = 'submitted'`,
      [p.userId],
    );
    expect(outbox!.n).toBe(1);
    const [leak] = await sql<{ n: number }>(`select count(*)::int as n from public.outbox where payload::text like '%' || $1 || '%'`, [account]);
    expect(leak!.n).toBe(0);
  });

  it('accepts 16 to 19 digits with spaces, refuses other lengths, letters and a wrong check digit', async () => {
    const p = await applicant(api);
    const cert = await certificateFor(p.userId);
    const good16 = bankAccount(16);
    const bad = [bankAccount(15), bankAccount(20), '6217abcd12345678', `${good16.slice(0, -1)}${(Number(good16.slice(-1)) + 1) % 10}`];
    for (const account of bad) {
      const reply = await apply(api, p.token, cert.id, { bankAccount: account });
      expect(reply.status, account).toBe(400);
      expect(reply.body.error.fields.bankAccount).toMatch(/社保卡/);
    }
    const spaced = good16.replace(/(\d{4})/g, '$1 ').trim();
    expect((await apply(api, p.token, cert.id, { bankAccount: spaced })).status).toBe(201);
  });

  it('requires consent, the no-pension declaration, a certificate id and an Idempotency-Key', async () => {
    const p = await applicant(api);
    const cert = await certificateFor(p.userId);
    const reply = await apply(api, p.token, cert.id, { consent: false, drawsPension: true, certificateId: 'x' });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.error.fields).sort()).toEqual(['certificateId', 'consent', 'drawsPension']);
    const missing = await api.post('/api/subsidies', { certificateId: cert.id, bankAccount: bankAccount(), consent: true, drawsPension: false }, { token: p.token });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty('Idempotency-Key');
  });

  it('refuses anonymous callers (401) and another person\'s certificate (404)', async () => {
    const owner = await applicant(api);
    const cert = await certificateFor(owner.userId);
    const anonymous = await api.post('/api/subsidies', { certificateId: cert.id, bankAccount: bankAccount(), consent: true, drawsPension: false }, { headers: { 'Idempotency-Key': newKey() } });
    expect(anonymous.status).toBe(401);
    const other = await applicant(api);
    const reply = await apply(api, other.token, cert.id);
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('certificate_not_found');
    const staff = await staffOf(api, 'institution_staff', 'x');
    expect((await apply(api, staff.token, cert.id)).status).toBe(404);
  });

  it('replays the first answer for a retried Idempotency-Key', async () => {
    const p = await applicant(api);
    const cert = await certificateFor(p.userId);
    const key = newKey();
    const first = await apply(api, p.token, cert.id, {}, key);
    const again = await apply(api, p.token, cert.id, {}, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.application.id).toBe(first.body.application.id);
    const [row] = await sql<{ n: number }>(`select count(*)::int as n from public.subsidy_applications where certificate_id = $1`, [cert.id]);
    expect(row!.n).toBe(1);
  });

  it('files exactly one application when the same person submits many times at once (different keys)', async () => {
    const p = await applicant(api);
    const cert = await certificateFor(p.userId);
    const replies = await Promise.all(Array.from({ length: 8 }, () => apply(api, p.token, cert.id)));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status !== 201).map((r) => r.body.error.code)).toEqual(Array(7).fill('subsidy_rule_one_per_certificate'));
    const [row] = await sql<{ n: number }>(`select count(*)::int as n from public.subsidy_applications where certificate_id = $1`, [cert.id]);
    expect(row!.n).toBe(1);
  });

  it('keeps the annual cap when claims for different certificates arrive at once', async () => {
    const p = await applicant(api);
    const certs = await Promise.all(Array.from({ length: 6 }, () => certificateFor(p.userId)));
    const replies = await Promise.all(certs.map((c) => apply(api, p.token, c.id)));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(3);
    expect(replies.filter((r) => r.status !== 201).map((r) => r.body.error.code)).toEqual(Array(3).fill('subsidy_rule_annual_cap'));
  });
});

describe('GET /api/me/subsidies', () => {
  it('lists only my applications, masked, with a progress tracker', async () => {
    const p = await applicant(api);
    const other = await applicant(api);
    const cert = await certificateFor(p.userId);
    const account = bankAccount();
    await apply(api, p.token, cert.id, { bankAccount: account });
    await apply(api, other.token, (await certificateFor(other.userId)).id);
    const reply = await api.get('/api/me/subsidies', { token: p.token });
    expect(reply.status).toBe(200);
    expect(reply.body.items).toHaveLength(1);
    expect(JSON.stringify(reply.body)).not.toContain(account);
    expect(reply.body.items[0].progress.map((s: { key: string; state: string }) => `${s.key}:${s.state}`)).toEqual([
      'submitted:current', 'under_review:pending', 'approved:pending', 'publicised:pending', 'paid:pending',
    ]);
    expect((await api.get('/api/me/subsidies')).status).toBe(401);
  });
});
