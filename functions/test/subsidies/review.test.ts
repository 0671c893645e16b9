/** The review flow: every allowed and refused transition, reviewer scope, batch, publicity and payment, CSV export, stats, audit trail. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql, withClient } from '../harness/db';
import { apiClient } from '../support/api';
import { validProfile } from '../support/people';
import { applicant, apply, bankAccount, certificateFor, daysFromToday, staffOf, subsidyResidentId, today, type Applicant } from './support';

const api = apiClient(inject('stackUrl'));

type Staff = Awaited<ReturnType<typeof staffOf>>;
let chaoyang: Staff; // reviewer of 朝阳区 110105
let haidian: Staff; // reviewer of 海淀区 110108
let citywide: Staff;
let admin: Staff;
let institution: Staff;

beforeAll(async () => {
  [chaoyang, haidian, citywide, admin, institution] = await Promise.all([
    staffOf(api, 'reviewer', '110105'),
    staffOf(api, 'reviewer', '110108'),
    staffOf(api, 'reviewer'),
    staffOf(api, 'admin'),
    staffOf(api, 'institution_staff', 'x'),
  ]);
});

async function submitted(district = '110105', account = bankAccount()): Promise<{ person: Applicant; id: string; account: string }> {
  const person = await applicant(api, { district });
  const cert = await certificateFor(person.userId);
  const reply = await apply(api, person.token, cert.id, { bankAccount: account });
  expect(reply.status).toBe(201);
  return { person, id: reply.body.application.id, account };
}

const decide = (token: string, id: string, decision: string, reason?: string) =>
  api.post(`/api/review/subsidies/${id}/decision`, { decision, ...(reason ? { reason } : {}) }, { token });
const batch = (token: string, action: string, ids: string[], paymentRef?: string) =>
  api.post('/api/review/subsidies/batch', { action, ids, ...(paymentRef ? { paymentRef } : {}) }, { token });
const withdraw = (token: string, id: string) => api.post(`/api/subsidies/${id}/withdraw`, {}, { token });

/** Moves an application to `status` through the API as the 朝阳 reviewer. */
async function moveTo(id: string, status: 'under_review' | 'approved' | 'publicised') {
  expect((await decide(chaoyang.token, id, 'review')).status).toBe(200);
  if (status === 'under_review') return;
  expect((await decide(chaoyang.token, id, 'approve')).status).toBe(200);
  if (status === 'approved') return;
  expect((await batch(chaoyang.token, 'publicise', [id])).status).toBe(200);
}

/** Runs a query as the signed-in user through the roles PostgREST uses, so RLS and column grants apply. */
async function asUser(userId: string, query: string): Promise<Array<{ id: string }>> {
  return withClient(inject('databaseUrl'), async (client) => {
    await client.query('begin');
    try {
      await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: userId, role: 'authenticated' })]);
      await client.query('set local role authenticated');
      return (await client.query(query)).rows;
    } finally {
      await client.query('rollback');
    }
  });
}

const endPublicity = (id: string) =>
  sql(`update public.subsidy_applications set publicity_start = $2, publicity_end = $3 where id = $1`, [id, daysFromToday(-7), today()]);

describe('allowed transitions', () => {
  it('runs submitted → under_review → approved → publicised → paid, with an audit row and a notification for each', async () => {
    const { person, id, account } = await submitted();
    await moveTo(id, 'publicised');
    const [row] = await sql<{ publicity_start: string; publicity_end: string }>(
      `select publicity_start::text, publicity_end::text from public.subsidy_applications where id = $1`, [id]);
    expect(row).toEqual({ publicity_start: today(), publicity_end: daysFromToday(7) });

    const early = await batch(chaoyang.token, 'pay', [id], 'BANK-0001');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('publicity_not_over');

    await endPublicity(id);
    const paid = await batch(chaoyang.token, 'pay', [id], 'BANK-0001');
    expect(paid.status).toBe(200);
    expect(paid.body.items[0]).toMatchObject({ status: 'paid', paymentRef: 'BANK-0001', paidOn: today() });
    expect(JSON.stringify(paid.body)).not.toContain(account);

    const events = await sql<{ actor_id: string; from_status: string | null; to_status: string; reason: string | null }>(
      `select actor_id, from_status, to_status, reason from public.subsidy_events where application_id = $1 order by id`, [id]);
    expect(events.map((e) => `${e.from_status}→${e.to_status}`)).toEqual([
      'null→submitted', 'submitted→under_review', 'under_review→approved', 'approved→publicised', 'publicised→paid',
    ]);
    expect(events.slice(1).every((e) => e.actor_id === chaoyang.userId)).toBe(true);
    expect(events.at(-1)!.reason).toBe('BANK-0001');
    const notes = await sql<{ status: string }>(
      `select payload->>'status' as status from public.outbox where user_id = $1 and event = 'subsidy.status_changed' order by id`, [person.userId]);
    expect(notes.map((n) => n.status)).toEqual(['submitted', 'under_review', 'approved', 'publicised', 'paid']);

    const mine = await api.get('/api/me/subsidies', { token: person.token });
    expect(mine.body.items[0].progress.map((s: { state: string }) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it('rejects with a reason from submitted, under_review and publicised; without a reason it is refused', async () => {
    for (const stage of ['submitted', 'under_review', 'publicised'] as const) {
      const { person, id } = await submitted();
      if (stage !== 'submitted') await moveTo(id, stage);
      const noReason = await api.post(`/api/review/subsidies/${id}/decision`, { decision: 'reject' }, { token: chaoyang.token });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.fields).toHaveProperty('reason');
      const reply = await decide(chaoyang.token, id, 'reject', '证书信息与社保记录不符');
      expect(reply.status, stage).toBe(200);
      expect(reply.body.application).toMatchObject({ status: 'rejected', rejectReason: '证书信息与社保记录不符' });
      const mine = await api.get('/api/me/subsidies', { token: person.token });
      expect(mine.body.items[0].progress.find((s: { state: string }) => s.state === 'failed').note).toContain('证书信息与社保记录不符');
    }
  });

  it('lets the applicant withdraw while submitted, and nobody else', async () => {
    const { person, id } = await submitted();
    const stranger = await applicant(api);
    expect((await withdraw(stranger.token, id)).status).toBe(404);
    expect((await withdraw(chaoyang.token, id)).body.error.code).toBe('not_allowed');
    const reply = await withdraw(person.token, id);
    expect(reply.status).toBe(200);
    expect(reply.body.application.status).toBe('withdrawn');
  });

  it('batch-approves many under_review applications at once, all or nothing', async () => {
    const apps = await Promise.all([submitted(), submitted(), submitted()]);
    for (const a of apps.slice(0, 2)) await moveTo(a.id, 'under_review');
    const mixed = await batch(chaoyang.token, 'approve', apps.map((a) => a.id));
    expect(mixed.status).toBe(409);
    expect(mixed.body.error.code).toBe('invalid_subsidy_transition');
    const [still] = await sql<{ n: number }>(`select count(*)::int as n from public.subsidy_applications where id = any($1) and status = 'approved'`, [apps.map((a) => a.id)]);
    expect(still!.n).toBe(0);
    const okReply = await batch(chaoyang.token, 'approve', apps.slice(0, 2).map((a) => a.id));
    expect(okReply.status).toBe(200);
    expect(okReply.body.items.map((i: { status: string }) => i.status)).toEqual(['approved', 'approved']);
  });
});

describe('refused transitions', () => {
  // Every pair not in subsidy_transitions is refused with invalid_subsidy_transition.
  const ALLOWED = new Set([
    'submitted→under_review', 'submitted→rejected', 'submitted→withdrawn', 'under_review→approved',
    'under_review→rejected', 'approved→publicised', 'publicised→rejected', 'publicised→paid',
  ]);
  const STATUSES = ['submitted', 'under_review', 'approved', 'publicised', 'paid', 'rejected', 'withdrawn'];

  it('the database table holds exactly the allowed moves', async () => {
    const rows = await sql<{ m: string }>(`select from_status || '→' || to_status as m from public.subsidy_transitions`);
    expect(new Set(rows.map((r) => r.m))).toEqual(ALLOWED);
  });

  it('refuses every other move, whatever the status', async () => {
    const { person, id } = await submitted();
    const attempt = (to: string) => {
      switch (to) {
        case 'under_review': return decide(admin.token, id, 'review');
        case 'approved': return decide(admin.token, id, 'approve');
        case 'rejected': return decide(admin.token, id, 'reject', '测试原因');
        case 'publicised': return batch(admin.token, 'publicise', [id]);
        case 'paid': return batch(admin.token, 'pay', [id], 'R1');
        case 'withdrawn': return withdraw(person.token, id);
        default: throw new Error(to);
      }
    };
    let refused = 0;
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        if (ALLOWED.has(`${from}→${to}`) || to === 'submitted') continue;
        await sql(
          `update public.subsidy_applications set status = $2, reject_reason = '测试原因', payment_ref = 'R', paid_on = current_date,
                  publicity_start = current_date - 8, publicity_end = current_date - 1 where id = $1`,
          [id, from],
        );
        const reply = await attempt(to);
        expect(reply.status, `${from}→${to}`).toBe(409);
        expect(reply.body.error.code, `${from}→${to}`).toBe('invalid_subsidy_transition');
        refused += 1;
      }
    }
    expect(refused).toBe(7 * 6 - ALLOWED.size);
    // No endpoint asks for `submitted` or a made-up status; the function refuses them too.
    for (const to of ['submitted', 'lost']) {
      const message = await asUser(admin.userId, `select public.transition_subsidy('${id}', '${to}')::text as id`).catch((e: Error) => e.message);
      expect(message).toBe('invalid_subsidy_transition');
    }
    const [events] = await sql<{ n: number }>(`select count(*)::int as n from public.subsidy_events where application_id = $1`, [id]);
    expect(events!.n).toBe(1);
  });

  it('refuses payment without a payment reference', async () => {
    const { id } = await submitted();
    await moveTo(id, 'publicised');
    await endPublicity(id);
    const reply = await api.post('/api/review/subsidies/batch', { action: 'pay', ids: [id] }, { token: chaoyang.token });
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toHaveProperty('paymentRef');
  });
});

describe('reviewer scope', () => {
  it('a district reviewer sees and decides only their district; city-wide reviewers and admins see all', async () => {
    const mine = await submitted('110105');
    const theirs = await submitted('110108');
    const list = async (token: string) => {
      const reply = await api.get('/api/review/subsidies?status=submitted&limit=200', { token });
      expect(reply.status).toBe(200);
      return reply.body;
    };
    const chaoyangIds = (await list(chaoyang.token)).items.map((i: { id: string }) => i.id);
    expect(chaoyangIds).toContain(mine.id);
    expect(chaoyangIds).not.toContain(theirs.id);
    expect((await list(chaoyang.token)).items.every((i: { district: string }) => i.district === '110105')).toBe(true);

    const refused = await decide(chaoyang.token, theirs.id, 'review');
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('subsidy_application_not_found');
    expect((await batch(chaoyang.token, 'approve', [theirs.id])).status).toBe(404);
    expect((await api.post('/api/review/subsidies/export', { ids: [theirs.id] }, { token: chaoyang.token })).status).toBe(404);

    expect((await decide(haidian.token, theirs.id, 'review')).status).toBe(200);
    for (const s of [citywide, admin]) {
      const all = await api.get('/api/review/subsidies?limit=200&district=110108', { token: s.token });
      expect(all.body.items.map((i: { id: string }) => i.id)).toContain(theirs.id);
    }

    // RLS agrees: the 朝阳 reviewer reading the table directly sees their row and no 海淀 one.
    const visible = await asUser(chaoyang.userId, `select id from public.subsidy_applications where id in ('${mine.id}', '${theirs.id}')`);
    expect(visible.map((r) => r.id)).toEqual([mine.id]);
    const events = await asUser(chaoyang.userId, `select application_id as id from public.subsidy_events where application_id = '${theirs.id}'`);
    expect(events).toEqual([]);
    const ciphertext = await asUser(mine.person.userId, `select bank_account_enc as id from public.subsidy_applications`).catch((e: Error) => e.message);
    expect(ciphertext).toMatch(/permission denied/);
  });

  it('a reviewer cannot decide their own application', async () => {
    const reviewer = await staffOf(api, 'reviewer', '110105');
    const profile = await api.put('/api/me/profile', validProfile({ idNumber: subsidyResidentId() }), { token: reviewer.token });
    expect(profile.status).toBe(200);
    const cert = await certificateFor(reviewer.userId);
    const own = await apply(api, reviewer.token, cert.id);
    expect(own.status).toBe(201);
    const reply = await decide(reviewer.token, own.body.application.id, 'review');
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('not_allowed');
  });

  it('refuses workers, institution staff and anonymous callers on every review endpoint', async () => {
    const { person, id } = await submitted();
    for (const token of [person.token, institution.token, undefined]) {
      const expected = token ? 403 : 401;
      const opts = token ? { token } : {};
      expect((await api.get('/api/review/subsidies', opts)).status).toBe(expected);
      expect((await api.get('/api/review/stats', opts)).status).toBe(expected);
      expect((await api.post(`/api/review/subsidies/${id}/decision`, { decision: 'review' }, opts)).status).toBe(expected);
      expect((await api.post('/api/review/subsidies/batch', { action: 'approve', ids: [id] }, opts)).status).toBe(expected);
      expect((await api.post('/api/review/subsidies/export', { ids: [id] }, opts)).status).toBe(expected);
    }
  });

  it('validates the list filters and decision bodies', async () => {
    const bad = await api.get('/api/review/subsidies?status=nope&district=999999&from=2026-1-1&cursor=abc', { token: chaoyang.token });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['cursor', 'district', 'from', 'status']);
    const { id } = await submitted();
    expect((await api.post(`/api/review/subsidies/${id}/decision`, { decision: 'maybe' }, { token: chaoyang.token })).status).toBe(400);
    expect((await api.post('/api/review/subsidies/not-a-uuid/decision', { decision: 'review' }, { token: chaoyang.token })).status).toBe(400);
    expect((await api.post('/api/review/subsidies/batch', { action: 'approve', ids: [] }, { token: chaoyang.token })).status).toBe(400);
  });
});

describe('list, masking, export and stats', () => {
  it('lists with totals over every match and pages by cursor, accounts masked', async () => {
    const district = '110116';
    const reviewer = await staffOf(api, 'reviewer', district);
    const apps = [await submitted(district), await submitted(district), await submitted(district)];
    const first = await api.get('/api/review/subsidies?limit=2', { token: reviewer.token });
    expect(first.status).toBe(200);
    expect(first.body.totals).toEqual({ count: 3, amount: 4500 });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].applicant).toEqual({ name: '王小明', idNumberMasked: expect.stringMatching(/\*{8}/) });
    const text = JSON.stringify(first.body);
    for (const a of apps) expect(text).not.toContain(a.account);
    expect(first.body.items[0].bankAccountMasked).toMatch(/^\*{4} \*{4} \*{4} \d{4}$/);
    const second = await api.get(`/api/review/subsidies?limit=2&cursor=${first.body.nextCursor}`, { token: reviewer.token });
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([apps[2]!.id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('exports publicised applications as CSV with the full account, and refuses anything not publicised', async () => {
    const a = await submitted();
    const b = await submitted();
    await moveTo(a.id, 'publicised');
    const refused = await api.post('/api/review/subsidies/export', { ids: [a.id, b.id] }, { token: chaoyang.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_ready_for_payment');
    const reply = await api.post('/api/review/subsidies/export', { ids: [a.id] }, { token: chaoyang.token });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/csv');
    expect(reply.body).toContain(a.account);
    expect(reply.body).toContain('"1500"');
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });

  it('counts and sums by status, district, occupation, category and month', async () => {
    const district = '110117';
    const reviewer = await staffOf(api, 'reviewer', district);
    const a = await submitted(district);
    await submitted(district);
    await decide(reviewer.token, a.id, 'reject', '材料不全请补充');
    const reply = await api.get('/api/review/stats', { token: reviewer.token });
    expect(reply.status).toBe(200);
    expect(reply.body.total).toEqual({ count: 2, amount: 3000 });
    expect(reply.body.byStatus).toEqual([
      { key: 'rejected', count: 1, amount: 1500 },
      { key: 'submitted', count: 1, amount: 1500 },
    ]);
    expect(reply.body.byDistrict).toEqual([{ key: district, count: 2, amount: 3000 }]);
    expect(reply.body.byCategory).toEqual([{ key: 'rural_migrant', count: 2, amount: 3000 }]);
    expect(reply.body.byMonth).toEqual([{ key: today().slice(0, 7), count: 2, amount: 3000 }]);
    expect(reply.body.byOccupation).toHaveLength(2);
  });
});
