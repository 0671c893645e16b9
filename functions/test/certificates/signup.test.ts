import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import {
  completedTraining,
  createOccupation,
  createSession,
  newKey,
  sessionHasStarted,
  signUp,
  staff,
  trainedWorker,
  worker,
  type TestSession,
} from './support';

const api = apiClient(inject('stackUrl'));

describe('evaluation sign-up (评价报名)', () => {
  let session: TestSession;

  beforeAll(async () => {
    session = await createSession({ capacity: 5 });
  });

  it('signs up a person who completed a class in the occupation, takes a place and answers the registration', async () => {
    const person = await trainedWorker(api, '5101', session.occupation);
    const reply = await signUp(api, person.token, session.id);
    expect(reply.status).toBe(201);
    expect(reply.body.registration).toMatchObject({
      status: 'registered',
      basis: 'training',
      canCancel: true,
      result: null,
      certificate: null,
      session: {
        id: session.id,
        code: session.code,
        level: '4',
        occupation: { code: session.occupation.code, name: session.occupation.name, isSpecialty: false },
        institution: { code: session.evaluator.code },
        allowsSelfStudy: false,
      },
    });
    const [row] = await sql<{ registered: number }>(`select registered from public.evaluation_sessions where id = $1`, [session.id]);
    expect(row!.registered).toBe(1);
    const [audit] = await sql<{ n: number }>(
      `select count(*)::int as n from public.audit_log where action = 'evaluation.registered' and entity_id = $1`,
      [reply.body.registration.id],
    );
    expect(audit!.n).toBe(1);
  });

  it('replays the first answer for a retried request with the same Idempotency-Key, without a second place', async () => {
    const s = await createSession();
    const person = await trainedWorker(api, '5101', s.occupation);
    const key = newKey();
    const first = await signUp(api, person.token, s.id, key);
    const again = await signUp(api, person.token, s.id, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body.registration.id).toBe(first.body.registration.id);
    const other = await signUp(api, person.token, s.id); // a new key: a second sign-up, refused
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('already_registered');
    const [row] = await sql<{ registered: number; n: number }>(
      `select s.registered, (select count(*)::int from public.evaluation_registrations r where r.session_id = s.id) as n
       from public.evaluation_sessions s where s.id = $1`,
      [s.id],
    );
    expect(row).toEqual({ registered: 1, n: 1 });
  });

  it('requires an Idempotency-Key and a session id', async () => {
    const person = await worker(api, '5101');
    const noKey = await api.post('/api/evaluations', { sessionId: session.id }, { token: person.token });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.fields).toHaveProperty('Idempotency-Key');
    const bad = await api.post('/api/evaluations', { sessionId: 'x' }, { token: person.token, headers: { 'Idempotency-Key': newKey() } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_input', fields: { sessionId: '评价场次编号格式不对' } });
    const extra = await api.post('/api/evaluations', { sessionId: session.id, level: '3' }, { token: person.token, headers: { 'Idempotency-Key': newKey() } });
    expect(extra.status).toBe(400);
    expect(extra.body.error.fields).toEqual({ level: '不支持这个字段' });
  });

  it('refuses anonymous callers', async () => {
    const reply = await api.post('/api/evaluations', { sessionId: session.id }, { headers: { 'Idempotency-Key': newKey() } });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('unauthorized');
  });

  it('refuses a person who did not complete a class in the occupation, unless the session admits self-study candidates', async () => {
    const untrained = await worker(api, '5101');
    const refused = await signUp(api, untrained.token, session.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'not_eligible_for_evaluation' });
    expect(refused.body.error.message).toMatch(/结业/);

    // a class in another occupation, or one not completed, does not count
    const otherOccupation = await createOccupation();
    const trainedElsewhere = await worker(api, '5101');
    await completedTraining(trainedElsewhere.userId, otherOccupation);
    expect((await signUp(api, trainedElsewhere.token, session.id)).body.error.code).toBe('not_eligible_for_evaluation');
    const dropped = await worker(api, '5101');
    await completedTraining(dropped.userId, session.occupation, { status: 'dropped' });
    expect((await signUp(api, dropped.token, session.id)).body.error.code).toBe('not_eligible_for_evaluation');

    const open = await createSession({ selfStudy: true });
    const selfStudy = await signUp(api, untrained.token, open.id);
    expect(selfStudy.status).toBe(201);
    expect(selfStudy.body.registration).toMatchObject({ basis: 'self_study', session: { allowsSelfStudy: true } });
  });

  it('refuses a person without a profile', async () => {
    const s = await createSession({ selfStudy: true });
    const person = await worker(api, '5101', { withProfile: false });
    const reply = await signUp(api, person.token, s.id);
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('profile_incomplete');
  });

  it('checks the sign-up window and the session status', async () => {
    const notYet = await createSession({ opensIn: 24, closesIn: 48, selfStudy: true });
    const over = await createSession({ opensIn: -48, closesIn: -1, selfStudy: true });
    const closed = await createSession({ status: 'closed', selfStudy: true });
    const draft = await createSession({ status: 'draft', selfStudy: true });
    const person = await worker(api, '5101');
    const answers = await Promise.all([notYet, over, closed, draft].map((s) => signUp(api, person.token, s.id)));
    expect(answers.map((a) => [a.status, a.body.error.code])).toEqual([
      [409, 'evaluation_signup_not_open'],
      [409, 'evaluation_signup_closed'],
      [409, 'evaluation_signup_closed'],
      [404, 'evaluation_session_not_found'],
    ]);
    const unknown = await signUp(api, person.token, '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/评价场次/);
  });

  it('refuses once the places are taken', async () => {
    const s = await createSession({ capacity: 1, selfStudy: true });
    const [a, b] = await Promise.all([worker(api, '5101'), worker(api, '5101')]);
    expect((await signUp(api, a.token, s.id)).status).toBe(201);
    const full = await signUp(api, b.token, s.id);
    expect(full.status).toBe(409);
    expect(full.body.error).toMatchObject({ code: 'evaluation_session_full', message: expect.stringMatching(/名额已满/) });
  });

  it('refuses a second pending sign-up for the same occupation and level in another session', async () => {
    const first = await createSession({ selfStudy: true });
    const second = await createSession({ selfStudy: true, occupation: first.occupation, evaluator: first.evaluator });
    const person = await worker(api, '5101');
    expect((await signUp(api, person.token, first.id)).status).toBe(201);
    expect((await signUp(api, person.token, second.id)).body.error.code).toBe('already_registered');
  });

  it('lets the owner cancel before the session, gives the place back, and answers a second cancel unchanged', async () => {
    const s = await createSession({ capacity: 1, selfStudy: true });
    const [owner, next, stranger] = await Promise.all([worker(api, '5101'), worker(api, '5101'), worker(api, '5101')]);
    const signed = await signUp(api, owner.token, s.id);
    const id = signed.body.registration.id;

    const byStranger = await api.call('DELETE', `/api/evaluations/${id}`, { token: stranger.token });
    expect(byStranger.status).toBe(404);
    expect(byStranger.body.error.code).toBe('evaluation_registration_not_found');
    expect((await api.call('DELETE', `/api/evaluations/${id}`)).status).toBe(401);
    expect((await api.call('DELETE', '/api/evaluations/nope', { token: owner.token })).status).toBe(400);

    const cancelled = await api.call('DELETE', `/api/evaluations/${id}`, { token: owner.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ changed: true, registration: { id, status: 'cancelled', canCancel: false } });
    const again = await api.call('DELETE', `/api/evaluations/${id}`, { token: owner.token });
    expect(again.body).toMatchObject({ changed: false, registration: { status: 'cancelled' } });

    expect((await signUp(api, next.token, s.id)).status).toBe(201); // the place went back
    expect((await signUp(api, owner.token, s.id)).body.error.code).toBe('evaluation_session_full');
  });

  it('refuses to cancel once the session has started', async () => {
    const s = await createSession({ selfStudy: true });
    const person = await worker(api, '5101');
    const signed = await signUp(api, person.token, s.id);
    await sessionHasStarted(s.id);
    const reply = await api.call('DELETE', `/api/evaluations/${signed.body.registration.id}`, { token: person.token });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('evaluation_started');
  });

  it('lists the caller’s own registrations, newest first, cancelled ones included', async () => {
    const [s1, s2] = await Promise.all([createSession({ selfStudy: true }), createSession({ selfStudy: true })]);
    const person = await worker(api, '5101');
    const a = await signUp(api, person.token, s1.id);
    const b = await signUp(api, person.token, s2.id);
    await api.call('DELETE', `/api/evaluations/${a.body.registration.id}`, { token: person.token });
    const mine = await api.get('/api/me/evaluations', { token: person.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: any) => [r.id, r.status])).toEqual([
      [b.body.registration.id, 'registered'],
      [a.body.registration.id, 'cancelled'],
    ]);
    const other = await worker(api, '5101');
    expect((await api.get('/api/me/evaluations', { token: other.token })).body).toEqual({ items: [] });
    expect((await api.get('/api/me/evaluations')).status).toBe(401);
  });
});

describe('session settings (self-study candidates)', () => {
  it('lets the session’s evaluator staff and admins switch self-study on, and nobody else', async () => {
    const s = await createSession();
    const [own, other, institution, admin, person, reviewer] = await Promise.all([
      staff(api, 'evaluator_staff', s.evaluator.code),
      staff(api, 'evaluator_staff', 'EVA-001'),
      staff(api, 'institution_staff', 'INS-001'),
      staff(api, 'admin'),
      worker(api, '5101'),
      staff(api, 'reviewer', '110105'),
    ]);
    const put = (token?: string, body: unknown = { allowsSelfStudy: true }) =>
      api.put(`/api/evaluation-sessions/${s.id}/settings`, body, token ? { token } : {});
    expect((await put()).status).toBe(401);
    expect((await put(person.token)).status).toBe(403);
    expect((await put(institution.token)).status).toBe(403);
    expect((await put(reviewer.token)).status).toBe(403);
    expect((await put(other.token)).body.error.code).toBe('not_allowed');
    expect((await put(own.token, { allowsSelfStudy: 'yes' })).body.error.fields).toHaveProperty('allowsSelfStudy');

    expect((await signUp(api, person.token, s.id)).body.error.code).toBe('not_eligible_for_evaluation');
    const ok = await put(own.token);
    expect(ok.status).toBe(200);
    expect(ok.body.session).toMatchObject({ id: s.id, allowsSelfStudy: true });
    expect((await signUp(api, person.token, s.id)).status).toBe(201);
    expect((await put(admin.token, { allowsSelfStudy: false })).body.session.allowsSelfStudy).toBe(false);
  });
});
