import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { createSession, newKey, signUp, worker, type Person, type TestSession } from './support';

const api = apiClient(inject('stackUrl'));
const PEOPLE = 60;
const PLACES = 10;

describe(`${PEOPLE} people sign up at once for ${PLACES} evaluation places`, () => {
  let session: TestSession;
  let people: Person[];
  let replies: Awaited<ReturnType<typeof signUp>>[];

  beforeAll(async () => {
    session = await createSession({ capacity: PLACES, selfStudy: true });
    people = [];
    for (let i = 0; i < PEOPLE; i += 20) people.push(...(await Promise.all(Array.from({ length: 20 }, () => worker(api, '5201')))));
    replies = await Promise.all(people.map((p) => signUp(api, p.token, session.id)));
  }, 120_000);

  it(`registers exactly ${PLACES}, refuses the rest as full, and never oversells`, async () => {
    const statuses = replies.map((r) => (r.status === 201 ? 'registered' : `${r.status} ${r.body.error?.code}`));
    expect(statuses.filter((s) => s === 'registered')).toHaveLength(PLACES);
    expect(statuses.filter((s) => s !== 'registered')).toEqual(Array(PEOPLE - PLACES).fill('409 evaluation_session_full'));
    const [row] = await sql<{ registered: number; rows: number }>(
      `select s.registered, (select count(*)::int from public.evaluation_registrations r where r.session_id = s.id) as rows
       from public.evaluation_sessions s where s.id = $1`,
      [session.id],
    );
    expect(row).toEqual({ registered: PLACES, rows: PLACES });
  });

  it('gives a freed place to exactly one of many people trying at once', async () => {
    const winner = replies.find((r) => r.status === 201)!;
    const owner = people[replies.indexOf(winner)]!;
    const losers = people.filter((_, i) => replies[i]!.status !== 201).slice(0, 20);
    await api.call('DELETE', `/api/evaluations/${winner.body.registration.id}`, { token: owner.token });
    const retries = await Promise.all(losers.map((p) => signUp(api, p.token, session.id)));
    expect(retries.filter((r) => r.status === 201)).toHaveLength(1);
    const [row] = await sql<{ registered: number; active: number }>(
      `select s.registered, (select count(*)::int from public.evaluation_registrations r
                              where r.session_id = s.id and r.status = 'registered') as active
       from public.evaluation_sessions s where s.id = $1`,
      [session.id],
    );
    expect(row).toEqual({ registered: PLACES, active: PLACES });
  });

  it('one person sending the same sign-up ten times at once (different keys) gets one place', async () => {
    const s = await createSession({ capacity: 5, selfStudy: true });
    const person = await worker(api, '5201');
    const answers = await Promise.all(Array.from({ length: 10 }, () => signUp(api, person.token, s.id)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'already_registered')).toBe(true);
    const [row] = await sql<{ registered: number }>(`select registered from public.evaluation_sessions where id = $1`, [s.id]);
    expect(row!.registered).toBe(1);
  });

  it('the same Idempotency-Key sent ten times at once answers one registration ten times', async () => {
    const s = await createSession({ capacity: 5, selfStudy: true });
    const person = await worker(api, '5201');
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 10 }, () => signUp(api, person.token, s.id, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.registration.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotency-replayed') === 'true')).toHaveLength(9);
  });
});
