import { beijingToday, parseCertificateNo } from '@jz/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import {
  certifiedWorker,
  createEvaluator,
  createSession,
  recordResults,
  sessionHasStarted,
  signUp,
  staff,
  worker,
  type Person,
  type TestSession,
} from './support';

const api = apiClient(inject('stackUrl'));
const yy = () => beijingToday().slice(2, 4);

/** A session with `count` self-study candidates signed up, then started. */
async function sessionWithCandidates(count: number, options: Parameters<typeof createSession>[0] = {}) {
  const session = await createSession({ capacity: Math.max(count, 1), selfStudy: true, ...options });
  const people: Person[] = await Promise.all(Array.from({ length: count }, (_, i) => worker(api, '5301', { name: `考生${'甲乙丙丁戊己庚辛壬癸'[i % 10]}` })));
  const registrations: string[] = [];
  for (const p of people) {
    const reply = await signUp(api, p.token, session.id);
    if (reply.status !== 201) throw new Error(JSON.stringify(reply.body));
    registrations.push(reply.body.registration.id);
  }
  await sessionHasStarted(session.id);
  return { session, people, registrations };
}

describe('who may enter results', () => {
  let session: TestSession;
  let registrations: string[];

  beforeAll(async () => {
    ({ session, registrations } = await sessionWithCandidates(1));
  });

  it('refuses anonymous callers, workers, other evaluators, training staff, reviewers and admins', async () => {
    const [person, otherEvaluator, institution, reviewer, admin, stationStaff] = await Promise.all([
      worker(api, '5301'),
      staff(api, 'evaluator_staff', 'EVA-001'),
      staff(api, 'institution_staff', 'INS-001'),
      staff(api, 'reviewer', '110105'),
      staff(api, 'admin'),
      staff(api, 'station_staff', 'STA-110105-001'),
    ]);
    const body = [{ registrationId: registrations[0], outcome: 'pass' }];
    expect((await api.post(`/api/evaluation-sessions/${session.id}/results`, { results: body })).status).toBe(401);
    for (const who of [person, institution, reviewer, admin, stationStaff]) {
      const reply = await recordResults(api, who.token, session.id, body);
      expect(reply.status).toBe(403);
      expect(reply.body.error.message).toMatch(/评价机构工作人员/);
    }
    const other = await recordResults(api, otherEvaluator.token, session.id, body);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('not_allowed');
    const [row] = await sql<{ n: number }>(`select count(*)::int as n from public.evaluation_results where session_id = $1`, [session.id]);
    expect(row!.n).toBe(0);
  });

  it('lets the session’s evaluator staff and admins read the candidates, masked; nobody else', async () => {
    const [own, other, admin, person, reviewer, institution] = await Promise.all([
      staff(api, 'evaluator_staff', session.evaluator.code),
      staff(api, 'evaluator_staff', 'EVA-001'),
      staff(api, 'admin'),
      worker(api, '5301'),
      staff(api, 'reviewer'),
      staff(api, 'institution_staff', 'INS-001'),
    ]);
    const mine = await api.get(`/api/evaluation-sessions/${session.id}/results`, { token: own.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ canRecordResults: true, session: { id: session.id } });
    expect(mine.body.items).toEqual([
      expect.objectContaining({ registrationId: registrations[0], status: 'registered', name: '考**', result: null }),
    ]);
    expect(mine.body.items[0].idNumberMasked).toMatch(/^99\d{4}\*{8}\d{3}[\dX]$/);
    expect((await api.get(`/api/evaluation-sessions/${session.id}/results`, { token: admin.token })).body.canRecordResults).toBe(false);
    expect((await api.get(`/api/evaluation-sessions/${session.id}/results`, { token: other.token })).status).toBe(403);
    expect((await api.get(`/api/evaluation-sessions/${session.id}/results`, { token: person.token })).status).toBe(403);
    expect((await api.get(`/api/evaluation-sessions/${session.id}/results`, { token: reviewer.token })).status).toBe(403);
    expect((await api.get(`/api/evaluation-sessions/${session.id}/results`, { token: institution.token })).status).toBe(403);
    expect((await api.get(`/api/evaluation-sessions/${session.id}/results`)).status).toBe(401);
  });

  it('checks the input: outcomes, scores, duplicates, unknown and foreign candidates', async () => {
    const own = await staff(api, 'evaluator_staff', session.evaluator.code);
    const id = registrations[0];
    const bad = await recordResults(api, own.token, session.id, [{ registrationId: id, outcome: 'great', score: 101 }]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ 'results.0.outcome': '评价结果应为合格、不合格或缺考', 'results.0.score': '成绩不能超过100' });
    expect((await recordResults(api, own.token, session.id, [])).body.error.fields).toEqual({ results: '请至少录入一位考生的结果' });
    expect((await recordResults(api, own.token, session.id, [{ registrationId: id, outcome: 'absent', score: 10 }])).body.error.fields).toEqual({
      'results.0.score': '缺考的考生不能有成绩',
    });

    const elsewhere = await sessionWithCandidates(1, { evaluator: session.evaluator });
    const foreign = await recordResults(api, own.token, session.id, [
      { registrationId: id, outcome: 'pass' },
      { registrationId: elsewhere.registrations[0], outcome: 'pass' },
    ]);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('candidate_not_found');
    // all or nothing: the valid first item was not kept, and no certificate was issued
    const [row] = await sql<{ results: number; certs: number }>(
      `select (select count(*)::int from public.evaluation_results where session_id = $1) as results,
              (select count(*)::int from public.certificates where institution_id = $2) as certs`,
      [session.id, session.evaluator.id],
    );
    expect(row).toEqual({ results: 0, certs: 0 });
    const unknownSession = await recordResults(api, own.token, '00000000-0000-4000-8000-000000000000', [{ registrationId: id, outcome: 'pass' }]);
    expect(unknownSession.status).toBe(404);
  });

  it('refuses results before the session starts, and for cancelled candidates', async () => {
    const s = await createSession({ selfStudy: true });
    const person = await worker(api, '5301');
    const signed = await signUp(api, person.token, s.id);
    const own = await staff(api, 'evaluator_staff', s.evaluator.code);
    const early = await recordResults(api, own.token, s.id, [{ registrationId: signed.body.registration.id, outcome: 'pass' }]);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('evaluation_not_started');

    const other = await worker(api, '5301');
    const cancelled = await signUp(api, other.token, s.id);
    await api.call('DELETE', `/api/evaluations/${cancelled.body.registration.id}`, { token: other.token });
    await sessionHasStarted(s.id);
    const reply = await recordResults(api, own.token, s.id, [{ registrationId: cancelled.body.registration.id, outcome: 'fail' }]);
    expect(reply.body.error.code).toBe('candidate_not_found');
  });
});

describe('results and issuance', () => {
  it('a pass issues a certificate in the same transaction, numbered S + code + 11 + site + yy + level + serial, holder data copied', async () => {
    const { session, people, registrations } = await sessionWithCandidates(5);
    const own = await staff(api, 'evaluator_staff', session.evaluator.code);
    const reply = await recordResults(api, own.token, session.id, [
      { registrationId: registrations[0], outcome: 'pass', score: 91.5 },
      { registrationId: registrations[1], outcome: 'fail', score: 42 },
      { registrationId: registrations[2], outcome: 'pass', score: 60, direction: '失能照护' },
      { registrationId: registrations[3], outcome: 'absent' },
      { registrationId: registrations[4], outcome: 'pass' },
    ]);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ sessionId: session.id, recorded: 5, unchanged: 0 });
    const prefix = `S${session.evaluator.certificateCode}11000001${yy()}4`;
    expect(reply.body.results.map((r: any) => r.certificate?.certificateNo ?? r.outcome)).toEqual([
      `${prefix}000001`,
      'fail',
      `${prefix}000002`,
      'absent',
      `${prefix}000003`,
    ]);
    for (const r of reply.body.results.filter((x: any) => x.certificate)) {
      expect(r.certificate.certificateNo).toMatch(/^[YS]\d{21}$/);
      expect(parseCertificateNo(r.certificate.certificateNo)).toMatchObject({ type: 'skill_level', level: '4', institutionCode: session.evaluator.certificateCode });
    }

    const [copied] = await sql<Record<string, unknown>>(
      `select c.holder_name = p.real_name as name, c.holder_id_type = p.id_type as id_type, c.holder_id_number_enc = p.id_number_enc as enc,
              c.holder_id_number_hash = p.id_number_hash as hash, c.holder_id_number_masked = p.id_number_masked as masked,
              c.holder_user_id = p.user_id as owner, c.direction, c.level, c.status, c.source, c.issued_on = public.beijing_today() as today,
              char_length(c.verify_token) as token_length
       from public.certificates c join public.profiles p on p.user_id = $1 where c.certificate_no = $2`,
      [people[2]!.userId, `${prefix}000002`],
    );
    expect(copied).toEqual({
      name: true, id_type: true, enc: true, hash: true, masked: true, owner: true,
      direction: '失能照护', level: '4', status: 'valid', source: 'evaluation', today: true, token_length: 32,
    });
    const [states] = await sql<{ evaluated: number; notified: number; issued: number }>(
      `select (select count(*)::int from public.evaluation_registrations where session_id = $1 and status = 'evaluated') as evaluated,
              (select count(*)::int from public.outbox where event = 'evaluation.result' and payload ->> 'sessionCode' = $2) as notified,
              (select count(*)::int from public.audit_log where action = 'certificate.issued' and detail ->> 'session_id' = $1::text) as issued`,
      [session.id, session.code],
    );
    expect(states).toEqual({ evaluated: 5, notified: 5, issued: 3 });

    // the candidate sees the result and the certificate in 我的评价
    const mine = await api.get('/api/me/evaluations', { token: people[0]!.token });
    expect(mine.body.items[0]).toMatchObject({
      status: 'evaluated',
      canCancel: false,
      result: { outcome: 'pass', score: 91.5 },
      certificate: { certificateNo: `${prefix}000001`, status: 'valid' },
    });

    // the same results again change nothing; a different one is refused
    const again = await recordResults(api, own.token, session.id, [{ registrationId: registrations[0], outcome: 'pass', score: 91.5 }]);
    expect(again.body).toMatchObject({ recorded: 0, unchanged: 1, results: [{ changed: false, certificate: { certificateNo: `${prefix}000001` } }] });
    const changed = await recordResults(api, own.token, session.id, [{ registrationId: registrations[1], outcome: 'pass', score: 60 }]);
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('result_already_recorded');

    // the series goes on in the next session of the same institution and level
    const next = await sessionWithCandidates(1, { evaluator: session.evaluator });
    const more = await recordResults(api, own.token, next.session.id, [{ registrationId: next.registrations[0], outcome: 'pass' }]);
    expect(more.body.results[0].certificate.certificateNo).toBe(`${prefix}000004`);
  });

  it('numbers stay gap-free and unique when two sessions record passes at the same time', async () => {
    const evaluator = await createEvaluator({ carrier: 'employer' });
    await sql(`insert into public.certificate_sites (institution_id, site_serial) values ($1, '000042')`, [evaluator.id]);
    const [a, b] = await Promise.all([sessionWithCandidates(8, { evaluator }), sessionWithCandidates(8, { evaluator })]);
    const own = await staff(api, 'evaluator_staff', evaluator.code);
    const pass = (ids: string[]) => ids.map((registrationId) => ({ registrationId, outcome: 'pass' }));
    const replies = await Promise.all([
      ...a.registrations.map((id) => recordResults(api, own.token, a.session.id, pass([id]))),
      ...b.registrations.map((id) => recordResults(api, own.token, b.session.id, pass([id]))),
    ]);
    expect(replies.map((r) => r.status)).toEqual(Array(16).fill(200));
    const numbers = replies.map((r) => r.body.results[0].certificate.certificateNo as string).sort();
    const prefix = `Y${evaluator.certificateCode}11000042${yy()}4`;
    expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => `${prefix}${String(i + 1).padStart(6, '0')}`));
    const [counter] = await sql<{ last_serial: number }>(`select last_serial from public.certificate_serials where series = $1`, [
      `Y${evaluator.certificateCode}11000042`,
    ]);
    expect(counter!.last_serial).toBe(16);
  });

  it('专项职业能力 sessions issue numbers of their own series: ZX + year + institution code + serial, no level', async () => {
    const { session, registrations } = await sessionWithCandidates(2, { level: 'special' });
    const own = await staff(api, 'evaluator_staff', session.evaluator.code);
    const reply = await recordResults(api, own.token, session.id, registrations.map((registrationId) => ({ registrationId, outcome: 'pass' })));
    const year = beijingToday().slice(0, 4);
    expect(reply.body.results.map((r: any) => r.certificate.certificateNo)).toEqual([
      `ZX${year}${session.evaluator.certificateCode}000001`,
      `ZX${year}${session.evaluator.certificateCode}000002`,
    ]);
    const [row] = await sql<{ type: string; level: string | null }>(`select type, level from public.certificates where id = $1`, [
      reply.body.results[0].certificate.id,
    ]);
    expect(row).toEqual({ type: 'specialty', level: null });
  });

  it('refuses to issue for an evaluator without a certificate code, and records nothing of the request', async () => {
    const evaluator = await createEvaluator({ certificateCode: null });
    const { session, registrations } = await sessionWithCandidates(2, { evaluator });
    const own = await staff(api, 'evaluator_staff', evaluator.code);
    const reply = await recordResults(api, own.token, session.id, [
      { registrationId: registrations[0], outcome: 'fail' },
      { registrationId: registrations[1], outcome: 'pass' },
    ]);
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('institution_has_no_certificate_code');
    const [row] = await sql<{ n: number }>(`select count(*)::int as n from public.evaluation_results where session_id = $1`, [session.id]);
    expect(row!.n).toBe(0);
  });

  it('a certified person cannot sign up again for the same occupation and level', async () => {
    const { person, session } = await certifiedWorker(api, '5301');
    const again = await createSession({ evaluator: session.evaluator, occupation: session.occupation });
    const reply = await signUp(api, person.token, again.id);
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('already_certified');
    const higher = await createSession({ evaluator: session.evaluator, occupation: session.occupation, level: '3' });
    expect((await signUp(api, person.token, higher.id)).status).toBe(201);
  });
});

describe('revocation', () => {
  it('the issuing institution’s evaluator staff or an admin revoke with a reason; the holder is notified; others are refused', async () => {
    const { person, evaluator, certificate } = await certifiedWorker(api, '5302');
    const [otherEvaluator, institution, admin, reviewer] = await Promise.all([
      staff(api, 'evaluator_staff', 'EVA-001'),
      staff(api, 'institution_staff', 'INS-001'),
      staff(api, 'admin'),
      staff(api, 'reviewer', '110105'),
    ]);
    const revoke = (token: string | undefined, body: unknown = { reason: '考核材料不实' }) =>
      api.post(`/api/certificates/${certificate.id}/revoke`, body, token ? { token } : {});
    expect((await revoke(undefined)).status).toBe(401);
    expect((await revoke(person.token)).status).toBe(403);
    expect((await revoke(institution.token)).status).toBe(403);
    expect((await revoke(reviewer.token)).status).toBe(403);
    expect((await revoke(otherEvaluator.token)).body.error.code).toBe('not_allowed');
    expect((await revoke(evaluator.token, { reason: '' })).body.error.fields).toEqual({ reason: '撤销原因至少2个字' });

    const done = await revoke(evaluator.token);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      changed: true,
      certificate: { id: certificate.id, certificateNo: certificate.certificateNo, status: 'revoked', revokeReason: '考核材料不实', holder: { name: '张**' } },
    });
    expect((await revoke(admin.token)).body.changed).toBe(false);
    const [row] = await sql<{ n: number }>(
      `select count(*)::int as n from public.outbox where user_id = $1 and event = 'certificate.revoked'`,
      [person.userId],
    );
    expect(row!.n).toBe(1);

    const mine = await api.get('/api/me/certificates', { token: person.token });
    expect(mine.body.items[0]).toMatchObject({ status: 'revoked', revokeReason: '考核材料不实' });
  });
});
