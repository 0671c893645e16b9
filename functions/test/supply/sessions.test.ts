/** Evaluation-session publishing: evaluator staff schedule sittings within their evaluation scope, edit, publish and cancel them. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { createEvaluator, createOccupation, signUp, staff, worker, type TestEvaluator, type TestOccupation } from '../certificates/support';
import { expectRefusal } from './support';
import { outboxCount, sessionBody, setWhitelist } from './publishingSupport';

const api = apiClient(inject('stackUrl'));
const TAG = '9502';

let evaluator: TestEvaluator;
let occupation: TestOccupation;
let me: { token: string; userId: string };

const create = (body: Record<string, unknown>, token = me.token) => api.post('/api/evaluation-sessions', body, { token });
const edit = (id: string, body: Record<string, unknown>, token = me.token) => api.put(`/api/evaluation-sessions/${id}`, body, { token });
const move = (id: string, action: 'publish' | 'close' | 'cancel', body?: unknown, token = me.token) =>
  api.post(`/api/evaluation-sessions/${id}/${action}`, body, { token });

/** Registers the occupation (levels given) as within the evaluator's scope. */
async function inScope(ev: TestEvaluator, occ: TestOccupation, levels: string[]): Promise<void> {
  await sql('insert into public.institution_occupations (institution_id, occupation_id, levels) values ($1, $2, $3)', [ev.id, occ.id, levels]);
}

/** A published session open to self-study candidates, so workers without training can sign up. */
async function openSession(overrides: Record<string, unknown> = {}): Promise<string> {
  const reply = await create(sessionBody(occupation.code, { publish: true, ...overrides }));
  expect(reply.status).toBe(201);
  const id = reply.body.session.id as string;
  expect((await api.put(`/api/evaluation-sessions/${id}/settings`, { allowsSelfStudy: true }, { token: me.token })).status).toBe(200);
  return id;
}

async function signedUp(id: string, count: number) {
  const people = await Promise.all(Array.from({ length: count }, () => worker(api, TAG)));
  for (const p of people) expect((await signUp(api, p.token, id)).status).toBe(201);
  return people;
}

beforeAll(async () => {
  [evaluator, occupation] = await Promise.all([createEvaluator(), createOccupation()]);
  await inScope(evaluator, occupation, ['5', '4']);
  me = await staff(api, 'evaluator_staff', evaluator.code);
});

describe('scheduling a session', () => {
  it('saves a draft for an occupation and level in scope, and publishes it for sign-up', async () => {
    const reply = await create(sessionBody(occupation.code));
    expect(reply.status).toBe(201);
    expect(reply.body.session).toMatchObject({ status: 'draft', level: '4', capacity: 30, registered: 0, occupation: { code: occupation.code } });
    expect(reply.body.session.code).toMatch(/^PJ-\d{4}-\d{6}$/);
    const id = reply.body.session.id;
    const published = await move(id, 'publish');
    expect(published.body.session.status).toBe('published');
    const [row] = await sql<{ institution_id: string; status: string }>('select institution_id, status from public.evaluation_sessions where id = $1', [id]);
    expect(row).toEqual({ institution_id: evaluator.id, status: 'published' });
  });

  it('refuses occupations and levels outside the evaluation scope', async () => {
    const outside = await create(sessionBody(occupation.code, { level: '3' }));
    expectRefusal(outside, 422, 'evaluation_out_of_scope');
    expect(outside.body.error.fields.level).toBeTruthy();
    const notOurs = await createOccupation();
    expectRefusal(await create(sessionBody(notOurs.code)), 422, 'evaluation_out_of_scope');
    const unknown = await create(sessionBody('9-99-99-99'));
    expect([400, 422]).toContain(unknown.status);
  });

  it('refuses bad input with 400 naming the field, never a 500', async () => {
    const hour = 3_600_000;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ occupation: 'abc' }, 'occupation'],
      [{ level: '9' }, 'level'],
      [{ startsAt: undefined }, 'startsAt'],
      [{ endsAt: new Date(Date.now() + 70 * hour).toISOString() }, 'endsAt'],
      [{ signupClosesAt: new Date(Date.now() + 80 * hour).toISOString() }, 'signupClosesAt'],
      [{ capacity: 0 }, 'capacity'],
      [{ place: 'x' }, 'place'],
      [{ fee: -1 }, 'fee'],
      [{ district: '110100' }, 'district'],
      // checked by the database
      [{ startsAt: new Date(Date.now() - 2 * hour).toISOString(), endsAt: new Date(Date.now() + hour).toISOString(),
         signupOpensAt: new Date(Date.now() - 5 * hour).toISOString(), signupClosesAt: new Date(Date.now() - 3 * hour).toISOString() }, 'startsAt'],
    ];
    for (const [overrides, field] of cases) {
      const reply = await create(sessionBody(occupation.code, overrides));
      expect({ field, status: reply.status }).toEqual({ field, status: 400 });
      expect(reply.body.error.fields?.[field], `${field}: ${JSON.stringify(reply.body)}`).toMatch(/[\u4e00-\u9fa5]/);
    }
    expectRefusal(await edit('not-a-uuid', { capacity: 3 }), 400, 'invalid_input');
    expectRefusal(await move((await create(sessionBody(occupation.code))).body.session.id, 'cancel', { reason: 'x' }), 400, 'invalid_input');
  });
});

describe('who may schedule', () => {
  it('refuses anonymous callers (401), workers and training staff (403), another evaluator (403/404)', async () => {
    const id = await openSession();
    const someone = await worker(api, TAG, { withProfile: false });
    const trainer = await staff(api, 'institution_staff', 'INS-001');
    const otherEvaluator = await createEvaluator();
    const stranger = await staff(api, 'evaluator_staff', otherEvaluator.code);

    expect((await api.post('/api/evaluation-sessions', sessionBody(occupation.code))).status).toBe(401);
    expect((await api.put(`/api/evaluation-sessions/${id}`, { capacity: 5 })).status).toBe(401);
    expect((await api.post(`/api/evaluation-sessions/${id}/cancel`, { reason: '考点停电' })).status).toBe(401);
    for (const caller of [someone, trainer]) {
      expectRefusal(await create(sessionBody(occupation.code), caller.token), 403, 'forbidden');
      expectRefusal(await edit(id, { capacity: 5 }, caller.token), 403, 'forbidden');
      expectRefusal(await move(id, 'cancel', { reason: '考点停电' }, caller.token), 403, 'forbidden');
    }
    expectRefusal(await create(sessionBody(occupation.code, { institutionCode: evaluator.code }), stranger.token), 404, 'institution_not_found');
    expectRefusal(await edit(id, { capacity: 5 }, stranger.token), 403, 'not_allowed');
    expectRefusal(await move(id, 'cancel', { reason: '考点停电' }, stranger.token), 403, 'not_allowed');
    const [row] = await sql<{ status: string; capacity: number }>('select status, capacity from public.evaluation_sessions where id = $1', [id]);
    expect(row).toEqual({ status: 'published', capacity: 30 });
  });

  it('a suspended evaluator cannot publish', async () => {
    const paused = await createEvaluator();
    await inScope(paused, occupation, ['4']);
    const pausedStaff = await staff(api, 'evaluator_staff', paused.code);
    await setWhitelist(paused.id, 'suspended');
    expectRefusal(await create(sessionBody(occupation.code, { publish: true }), pausedStaff.token), 409, 'institution_not_listed');
    const draft = await create(sessionBody(occupation.code), pausedStaff.token);
    expectRefusal(await move(draft.body.session.id, 'publish', undefined, pausedStaff.token), 409, 'institution_not_listed');
  });
});

describe('places and cancellation', () => {
  it('capacity never drops below the people signed up; exactly that many is fine', async () => {
    const id = await openSession();
    await signedUp(id, 3);
    const [taken] = await sql<{ n: number }>(`select count(*)::int as n from public.evaluation_registrations where session_id = $1 and status = 'registered'`, [id]);
    const below = await edit(id, { capacity: taken!.n - 1 });
    expectRefusal(below, 409, 'evaluation_capacity_below_registered');
    expect(below.body.error.fields.capacity).toContain(String(taken!.n));
    const exact = await edit(id, { capacity: taken!.n, place: '朝阳区测试考点5号楼' });
    expect(exact.status).toBe(200);
    expect(exact.body.session).toMatchObject({ capacity: taken!.n, registered: taken!.n, place: '朝阳区测试考点5号楼' });
  });

  it('a capacity cut racing sign-ups never leaves more people than places', async () => {
    const id = await openSession({ capacity: 20 });
    await signedUp(id, 4);
    const late = await Promise.all(Array.from({ length: 12 }, () => worker(api, TAG)));
    const cuts = [4, 6, 8, 10];
    const replies = await Promise.all([...late.map((p) => signUp(api, p.token, id)), ...cuts.map((capacity) => edit(id, { capacity }))]);
    const failures = replies.filter((r) => r.status >= 500).map((r) => `${r.status} ${JSON.stringify(r.body)}`);
    expect(failures).toEqual([]);
    for (const r of replies.slice(late.length).filter((r) => r.status !== 200)) {
      expect(r.body.error.code).toBe('evaluation_capacity_below_registered');
    }
    const [state] = await sql<{ capacity: number; registered: number; counted: number }>(
      `select s.capacity, s.registered,
              (select count(*)::int from public.evaluation_registrations r where r.session_id = s.id and r.status = 'registered') as counted
       from public.evaluation_sessions s where s.id = $1`,
      [id],
    );
    expect(state!.counted).toBe(state!.registered);
    expect(state!.registered).toBeLessThanOrEqual(state!.capacity);
    const accepted = replies.slice(0, late.length).filter((r) => r.status === 201).length;
    expect(state!.registered).toBe(4 + accepted);
  });

  it('cancelling releases every person signed up and queues one notification each, with the reason', async () => {
    const id = await openSession();
    const people = await signedUp(id, 3);
    const registered = await sql<{ user_id: string }>(`select user_id from public.evaluation_registrations where session_id = $1 and status = 'registered'`, [id]);
    const before = await outboxCount('evaluation.cancelled', registered.map((r) => r.user_id));

    expectRefusal(await move(id, 'cancel', {}), 400, 'invalid_input');
    const cancelled = await move(id, 'cancel', { reason: '考点停电，另行安排' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.session).toMatchObject({ status: 'cancelled', registered: 0, released: registered.length, cancelReason: '考点停电，另行安排' });
    expect(await outboxCount('evaluation.cancelled', registered.map((r) => r.user_id))).toBe(before + registered.length);
    for (const p of people) {
      const mine = await api.get('/api/me/evaluations', { token: p.token });
      expect(mine.body.items.find((r: { session: { id: string } }) => r.session.id === id)).toMatchObject({ status: 'cancelled' });
    }
    expectRefusal(await edit(id, { capacity: 50 }), 409, 'evaluation_session_not_editable');
    expectRefusal(await move(id, 'cancel', { reason: '再取消一次' }), 409, 'invalid_publication_transition');
  });

  it('a session with results recorded cannot be cancelled', async () => {
    const id = await openSession();
    await signedUp(id, 1);
    await sql(`update public.evaluation_registrations set status = 'evaluated' where session_id = $1`, [id]);
    expectRefusal(await move(id, 'cancel', { reason: '考点停电，另行安排' }), 409, 'evaluation_has_results');
  });
});

describe('the evaluator’s own list (GET /api/evaluation-sessions)', () => {
  const ids = (reply: { body: { items: Array<{ id: string }> } }) => reply.body.items.map((s) => s.id);

  it('shows its own staff their drafts with status and places taken; the public and other evaluators never see a draft', async () => {
    const draft = (await create(sessionBody(occupation.code))).body.session.id as string;
    const open = await openSession();

    const mine = await api.get('/api/evaluation-sessions', { token: me.token });
    expect(mine.status).toBe(200);
    expect(ids(mine)).toEqual(expect.arrayContaining([draft, open]));
    expect(mine.body.items.find((s: { id: string }) => s.id === draft)).toMatchObject({ status: 'draft', registered: 0, cancelReason: null });
    expect(mine.body.counts.draft).toBeGreaterThanOrEqual(1);
    expect(mine.body.counts.published).toBeGreaterThanOrEqual(1);

    const drafts = await api.get('/api/evaluation-sessions?status=draft', { token: me.token });
    expect(ids(drafts)).toContain(draft);
    expect(ids(drafts)).not.toContain(open);
    expect(drafts.body.items.every((s: { status: string }) => s.status === 'draft')).toBe(true);
    expect(drafts.body.counts).toEqual(mine.body.counts);

    const publicList = await api.get(`/api/catalog/evaluation-sessions?institution=${evaluator.code}&limit=50`);
    expect(publicList.status).toBe(200);
    expect(ids(publicList)).toContain(open);
    expect(ids(publicList)).not.toContain(draft);
    const someone = await worker(api, TAG, { withProfile: false });
    expect(ids(await api.get(`/api/catalog/evaluation-sessions?institution=${evaluator.code}&limit=50`, { token: someone.token }))).not.toContain(draft);

    const other = await staff(api, 'evaluator_staff', (await createEvaluator()).code);
    const theirs = await api.get('/api/evaluation-sessions', { token: other.token });
    expect(theirs.status).toBe(200);
    expect(ids(theirs)).not.toContain(draft);
    expect(ids(theirs)).not.toContain(open);
  });

  it('says why a sitting was cancelled', async () => {
    const id = await openSession();
    expect((await move(id, 'cancel', { reason: '考点装修，另行安排' })).status).toBe(200);
    const cancelled = await api.get('/api/evaluation-sessions?status=cancelled', { token: me.token });
    expect(cancelled.body.items.find((s: { id: string }) => s.id === id)).toMatchObject({ status: 'cancelled', cancelReason: '考点装修，另行安排' });
  });

  it('refuses anonymous callers (401), workers and training staff (403), a bad status (400 naming it)', async () => {
    expect((await api.get('/api/evaluation-sessions?status=draft')).status).toBe(401);
    const someone = await worker(api, TAG, { withProfile: false });
    const trainer = await staff(api, 'institution_staff', 'INS-001');
    for (const caller of [someone, trainer]) expectRefusal(await api.get('/api/evaluation-sessions?status=draft', { token: caller.token }), 403, 'forbidden');
    const bad = await api.get('/api/evaluation-sessions?status=open', { token: me.token });
    expectRefusal(bad, 400, 'invalid_input');
    expect(bad.body.error.fields.status).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('the evaluation scope (GET /api/evaluation-sessions/scope)', () => {
  it('lists the occupations and levels the caller’s evaluator may schedule, with its district and whitelist status', async () => {
    const reply = await api.get('/api/evaluation-sessions/scope', { token: me.token });
    expect(reply.status).toBe(200);
    expect(reply.body.institutions).toEqual([
      expect.objectContaining({
        code: evaluator.code,
        district: '110105',
        whitelistStatus: 'listed',
        occupations: [{ code: occupation.code, name: occupation.name, isSpecialty: false, levels: ['5', '4'] }],
      }),
    ]);
  });

  it('a suspended evaluator’s staff still see their own scope (they may save drafts); nobody sees another evaluator’s', async () => {
    const paused = await createEvaluator();
    await inScope(paused, occupation, ['3']);
    await setWhitelist(paused.id, 'suspended');
    const pausedStaff = await staff(api, 'evaluator_staff', paused.code);
    const reply = await api.get('/api/evaluation-sessions/scope', { token: pausedStaff.token });
    expect(reply.status).toBe(200);
    expect(reply.body.institutions).toHaveLength(1);
    expect(reply.body.institutions[0]).toMatchObject({ code: paused.code, whitelistStatus: 'suspended', occupations: [{ code: occupation.code, levels: ['3'] }] });
    expect(JSON.stringify((await api.get('/api/evaluation-sessions/scope', { token: me.token })).body)).not.toContain(paused.code);
  });

  it('refuses anonymous callers (401), workers and training staff (403)', async () => {
    expect((await api.get('/api/evaluation-sessions/scope')).status).toBe(401);
    const someone = await worker(api, TAG, { withProfile: false });
    const trainer = await staff(api, 'institution_staff', 'INS-001');
    for (const caller of [someone, trainer]) expectRefusal(await api.get('/api/evaluation-sessions/scope', { token: caller.token }), 403, 'forbidden');
  });
});
