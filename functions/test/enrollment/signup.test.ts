import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { createClass, createInstitution, enroll, newKey, staff, worker, type Person, type TestClass } from './support';

const api = apiClient(inject('stackUrl'));
const TAG = '0101';

describe('POST /api/enrollments', () => {
  let person: Person;
  beforeAll(async () => {
    person = await worker(api, TAG);
  });

  it('enrolls while there are seats: 201, the seat counted, an audit row', async () => {
    const cls = await createClass({ capacity: 2 });
    const reply = await enroll(api, person.token, cls.id);
    expect(reply.status).toBe(201);
    expect(reply.headers.get('idempotency-replayed')).toBeNull();
    expect(reply.body.enrollment).toMatchObject({
      status: 'enrolled',
      position: null,
      classId: cls.id,
      userId: person.userId,
      class: { id: cls.id, code: cls.code, project: { id: cls.projectId }, institution: { code: cls.institution.code } },
      referralStation: null,
    });
    expect(reply.body.enrollment.enrolledAt).toBeTruthy();
    const [row] = await sql<{ enrolled: number }>('select enrolled from public.classes where id = $1', [cls.id]);
    expect(row!.enrolled).toBe(1);
    const audit = await sql('select action, actor_id from public.audit_log where entity = $1 and entity_id = $2', [
      'enrollment',
      reply.body.enrollment.id,
    ]);
    expect(audit).toEqual([{ action: 'enrollment.created', actor_id: person.userId }]);
  });

  it('waitlists with gap-free positions when the class is full', async () => {
    const cls = await createClass({ capacity: 1 });
    const [a, b, c] = await Promise.all([worker(api, TAG), worker(api, TAG), worker(api, TAG)]);
    expect((await enroll(api, a.token, cls.id)).body.enrollment.status).toBe('enrolled');
    const second = await enroll(api, b.token, cls.id);
    expect(second.status).toBe(201);
    expect(second.body.enrollment).toMatchObject({ status: 'waitlisted', position: 1, enrolledAt: null });
    expect((await enroll(api, c.token, cls.id)).body.enrollment).toMatchObject({ status: 'waitlisted', position: 2 });
    // b leaves the waitlist: c moves up to 1
    expect((await api.call('DELETE', `/api/enrollments/${second.body.enrollment.id}`, { token: b.token })).status).toBe(200);
    const mine = await api.get('/api/me/enrollments?status=active', { token: c.token });
    expect(mine.body.items).toEqual([expect.objectContaining({ classId: cls.id, status: 'waitlisted', position: 1 })]);
  });

  it('records the referring station; an unknown station code is ignored', async () => {
    const cls = await createClass();
    const [a, b] = await Promise.all([worker(api, TAG), worker(api, TAG)]);
    const referred = await enroll(api, a.token, cls.id, { stationCode: 'STA-110105-001' });
    expect(referred.status).toBe(201);
    expect(referred.body.enrollment.referralStation).toEqual({ code: 'STA-110105-001', name: expect.any(String) });
    const unknown = await enroll(api, b.token, cls.id, { stationCode: 'STA-999999-999' });
    expect(unknown.status).toBe(201);
    expect(unknown.body.enrollment.referralStation).toBeNull();
    const rows = await sql<{ code: string | null }>(
      `select s.code from public.enrollments e left join public.stations s on s.id = e.referral_station_id
       where e.class_id = $1 order by e.seq`,
      [cls.id],
    );
    expect(rows.map((r) => r.code)).toEqual(['STA-110105-001', null]);
  });

  describe('idempotency', () => {
    it('answers a retry with the same key with the first answer, and writes nothing twice', async () => {
      const cls = await createClass({ capacity: 5 });
      const someone = await worker(api, TAG);
      const key = newKey();
      const first = await enroll(api, someone.token, cls.id, { key });
      const again = await enroll(api, someone.token, cls.id, { key });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotency-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      const [count] = await sql<{ n: number; enrolled: number }>(
        'select count(*)::int as n, max(c.enrolled) as enrolled from public.enrollments e join public.classes c on c.id = e.class_id where e.class_id = $1',
        [cls.id],
      );
      expect(count).toEqual({ n: 1, enrolled: 1 });
    });

    it('refuses a different key for the same class as a duplicate (409 already_enrolled)', async () => {
      const cls = await createClass();
      const someone = await worker(api, TAG);
      expect((await enroll(api, someone.token, cls.id)).status).toBe(201);
      const duplicate = await enroll(api, someone.token, cls.id);
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.code).toBe('already_enrolled');
      expect(duplicate.body.error.message).toMatch(/重复报名/);
    });

    it('two requests with one key at the same time make one enrollment', async () => {
      const cls = await createClass();
      const someone = await worker(api, TAG);
      const key = newKey();
      const replies = await Promise.all([1, 2, 3].map(() => enroll(api, someone.token, cls.id, { key })));
      expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(new Set(replies.map((r) => r.body.enrollment.id)).size).toBe(1);
      const [row] = await sql<{ n: number }>('select count(*)::int as n from public.enrollments where class_id = $1', [cls.id]);
      expect(row!.n).toBe(1);
    });

    it('refuses a key already used for another class (422)', async () => {
      const [one, two] = await Promise.all([createClass(), createClass({ startIn: 40 })]);
      const someone = await worker(api, TAG);
      const key = newKey();
      expect((await enroll(api, someone.token, one.id, { key })).status).toBe(201);
      const reused = await enroll(api, someone.token, two.id, { key });
      expect(reused.status).toBe(422);
      expect(reused.body.error.code).toBe('idempotency_key_reused');
    });

    it('does not keep the answer of a refused attempt: a retry after the cause is fixed succeeds', async () => {
      const cls = await createClass();
      const login = await worker(api, TAG, { withProfile: false });
      const key = newKey();
      expect((await enroll(api, login.token, cls.id, { key })).body.error.code).toBe('profile_incomplete');
      await api.put('/api/me/profile', (await import('../support/people')).validProfile({ idNumber: (await import('./support')).testResidentId(TAG) }), {
        token: login.token,
      });
      expect((await enroll(api, login.token, cls.id, { key })).status).toBe(201);
    });

    it('requires an Idempotency-Key', async () => {
      const cls = await createClass();
      const reply = await api.post('/api/enrollments', { classId: cls.id }, { token: person.token });
      expect(reply.status).toBe(400);
      expect(reply.body.error.fields).toHaveProperty('Idempotency-Key');
    });
  });

  describe('refusals, each with its own code and a Chinese message', () => {
    const expectRefusal = (reply: { status: number; body: any }, status: number, code: string) => {
      expect(reply.status).toBe(status);
      expect(reply.body.error.code).toBe(code);
      expect(reply.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    };

    it('class_full: full and no waitlist', async () => {
      const cls = await createClass({ capacity: 1 });
      await sql('insert into public.class_settings (class_id, waitlist_limit) values ($1, 0)', [cls.id]);
      const [a, b] = await Promise.all([worker(api, TAG), worker(api, TAG)]);
      expect((await enroll(api, a.token, cls.id)).status).toBe(201);
      expectRefusal(await enroll(api, b.token, cls.id), 409, 'class_full');
    });

    it('class_full: the waitlist limit is reached', async () => {
      const cls = await createClass({ capacity: 1 });
      await sql('insert into public.class_settings (class_id, waitlist_limit) values ($1, 1)', [cls.id]);
      const [a, b, c] = await Promise.all([worker(api, TAG), worker(api, TAG), worker(api, TAG)]);
      expect((await enroll(api, a.token, cls.id)).body.enrollment.status).toBe('enrolled');
      expect((await enroll(api, b.token, cls.id)).body.enrollment.status).toBe('waitlisted');
      expectRefusal(await enroll(api, c.token, cls.id), 409, 'class_full');
    });

    it.each([
      ['closed early', { status: 'closed' as const }],
      ['cancelled', { status: 'cancelled' as const }],
      ['past its closing time', { opensIn: -48, closesIn: -1 }],
      ['of a suspended project', { projectStatus: 'suspended' as const }],
    ])('enrollment_closed: a class %s', async (_label, options) => {
      const cls = await createClass(options);
      expectRefusal(await enroll(api, person.token, cls.id), 409, 'enrollment_closed');
    });

    it('enrollment_not_open: before the window opens', async () => {
      const cls = await createClass({ opensIn: 2, closesIn: 48 });
      expectRefusal(await enroll(api, person.token, cls.id), 409, 'enrollment_not_open');
    });

    it('class_not_found: unknown or draft class', async () => {
      expectRefusal(await enroll(api, person.token, '00000000-0000-4000-8000-000000000000'), 404, 'class_not_found');
      const draft = await createClass({ status: 'draft' });
      expectRefusal(await enroll(api, person.token, draft.id), 404, 'class_not_found');
    });

    it('profile_incomplete: no real-name profile, the message says what to fill', async () => {
      const cls = await createClass();
      const nobody = await worker(api, TAG, { withProfile: false });
      const reply = await enroll(api, nobody.token, cls.id);
      expectRefusal(reply, 422, 'profile_incomplete');
      expect(reply.body.error.message).toMatch(/真实姓名.*证件号码.*手机号/);
    });

    it('not_in_audience: a key-group class refuses an employee; an employee class admits one', async () => {
      const keyGroup = await createClass({ audiences: ['key_group'] });
      const forEmployees = await createClass({ audiences: ['employee'], startIn: 60 });
      const employee = await worker(api, TAG, { category: 'employee' });
      expectRefusal(await enroll(api, employee.token, keyGroup.id), 422, 'not_in_audience');
      expect((await enroll(api, employee.token, forEmployees.id)).status).toBe(201);
    });

    it.each([
      ['rural_migrant', ['key_group'], true],
      ['unemployed_graduate', ['key_group'], true],
      ['registered_unemployed', ['key_group'], true],
      ['hard_to_employ', ['key_group'], true],
      ['other', ['key_group'], false],
      ['employee', ['student'], false],
      ['unemployed_graduate', ['student'], true],
      ['other', ['student'], true],
      ['rural_migrant', ['employee'], false],
    ])('audience rule: %s for %j admitted = %s', async (category, audiences, admitted) => {
      const [row] = await sql<{ ok: boolean }>('select public.audience_admits($1::text[], $2) as ok', [audiences, category]);
      expect(row!.ok).toBe(admitted);
    });

    it('too_young: under 16 on the first day of the class', async () => {
      const cls = await createClass({ startIn: 30 });
      const young = await worker(api, TAG);
      // 16 in 60 days: old enough to save a profile today, not on the class's first day
      await sql(`update public.profiles set birth_date = public.beijing_today() - interval '16 years' + interval '60 days' where user_id = $1`, [
        young.userId,
      ]);
      expectRefusal(await enroll(api, young.token, cls.id), 422, 'too_young');
      await sql(`update public.profiles set birth_date = public.beijing_today() - interval '16 years' + interval '30 days' where user_id = $1`, [
        young.userId,
      ]);
      expect((await enroll(api, young.token, cls.id)).status).toBe(201);
    });

    it('schedule_clash: overlapping sessions clash, the same days at other hours do not', async () => {
      const institution = await createInstitution();
      const morning = await createClass({ institution, startIn: 20, endIn: 22, sessionDays: [20, 21, 22], sessionTime: ['09:00', '12:00'] });
      const lateMorning = await createClass({ institution, startIn: 21, endIn: 23, sessionDays: [21, 23], sessionTime: ['11:00', '13:00'] });
      const evening = await createClass({ institution, startIn: 20, endIn: 22, sessionDays: [20, 21, 22], sessionTime: ['19:00', '21:00'] });
      const noSessions = await createClass({ institution, startIn: 22, endIn: 25 });
      const someone = await worker(api, TAG);
      expect((await enroll(api, someone.token, morning.id)).status).toBe(201);
      expectRefusal(await enroll(api, someone.token, lateMorning.id), 409, 'schedule_clash');
      expectRefusal(await enroll(api, someone.token, noSessions.id), 409, 'schedule_clash');
      expect((await enroll(api, someone.token, evening.id)).status).toBe(201);
    });

    it('a waitlisted place counts for clashes; a cancelled one does not', async () => {
      const one = await createClass({ capacity: 1, startIn: 50, endIn: 52 });
      const other = await createClass({ startIn: 51, endIn: 53 });
      const [first, someone] = await Promise.all([worker(api, TAG), worker(api, TAG)]);
      await enroll(api, first.token, one.id);
      const waiting = await enroll(api, someone.token, one.id);
      expect(waiting.body.enrollment.status).toBe('waitlisted');
      expectRefusal(await enroll(api, someone.token, other.id), 409, 'schedule_clash');
      await api.call('DELETE', `/api/enrollments/${waiting.body.enrollment.id}`, { token: someone.token });
      expect((await enroll(api, someone.token, other.id)).status).toBe(201);
    });

    it('nothing is written by a refused sign-up', async () => {
      const cls = await createClass({ opensIn: 5, closesIn: 50 });
      const someone = await worker(api, TAG);
      await enroll(api, someone.token, cls.id);
      const rows = await sql<{ n: number }>(
        `select (select count(*) from public.enrollments where user_id = $1)::int
              + (select count(*) from public.idempotency_keys where user_id = $1)::int as n`,
        [someone.userId],
      );
      expect(rows[0]!.n).toBe(0);
    });
  });

  describe('bad input', () => {
    it.each([
      ['no classId', {}, 'classId'],
      ['a malformed classId', { classId: 'abc' }, 'classId'],
      ['a malformed station code', { classId: '00000000-0000-4000-8000-000000000000', stationCode: 'X-1' }, 'stationCode'],
      ['an unknown field', { classId: '00000000-0000-4000-8000-000000000000', seats: 3 }, 'seats'],
    ])('400 for %s', async (_label, body, field) => {
      const reply = await api.post('/api/enrollments', body, { token: person.token, headers: { 'Idempotency-Key': newKey() } });
      expect(reply.status).toBe(400);
      expect(reply.body.error.fields).toHaveProperty(field);
    });

    it('400 for a malformed Idempotency-Key', async () => {
      const cls = await createClass();
      const reply = await api.post('/api/enrollments', { classId: cls.id }, { token: person.token, headers: { 'Idempotency-Key': 'short' } });
      expect(reply.status).toBe(400);
    });

    it('401 without a session', async () => {
      const cls = await createClass();
      const reply = await api.post('/api/enrollments', { classId: cls.id }, { headers: { 'Idempotency-Key': newKey() } });
      expect(reply.status).toBe(401);
    });
  });
});

describe('DELETE /api/enrollments/[id]', () => {
  it('frees the seat and gives it to the first waitlisted person at once, who is notified', async () => {
    const cls = await createClass({ capacity: 1 });
    const [a, b, c] = await Promise.all([worker(api, TAG), worker(api, TAG), worker(api, TAG)]);
    const seat = await enroll(api, a.token, cls.id);
    const firstWaiting = await enroll(api, b.token, cls.id);
    await enroll(api, c.token, cls.id);

    const cancel = await api.call('DELETE', `/api/enrollments/${seat.body.enrollment.id}`, { token: a.token, body: { reason: '时间冲突' } });
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ changed: true, enrollment: { status: 'cancelled', cancelReason: '时间冲突' } });

    const promoted = await api.get(`/api/enrollments/${firstWaiting.body.enrollment.id}`, { token: b.token });
    expect(promoted.body.enrollment).toMatchObject({ status: 'enrolled', position: null });
    expect((await api.get('/api/me/enrollments', { token: c.token })).body.items[0]).toMatchObject({ status: 'waitlisted', position: 1 });
    const outbox = await sql<{ event: string; payload: any }>('select event, payload from public.outbox where user_id = $1', [b.userId]);
    expect(outbox).toEqual([{ event: 'waitlist.promoted', payload: expect.objectContaining({ classId: cls.id, enrollmentId: firstWaiting.body.enrollment.id }) }]);
    const [row] = await sql<{ enrolled: number }>('select enrolled from public.classes where id = $1', [cls.id]);
    expect(row!.enrolled).toBe(1);
    const audit = await sql<{ action: string }>(
      `select action from public.audit_log where entity = 'enrollment' and entity_id = any($1) order by id`,
      [[seat.body.enrollment.id, firstWaiting.body.enrollment.id]],
    );
    expect(audit.map((r) => r.action)).toEqual(['enrollment.created', 'enrollment.created', 'enrollment.cancel', 'enrollment.promote']);
  });

  it('is idempotent: cancelling again answers the cancelled enrollment unchanged', async () => {
    const cls = await createClass();
    const someone = await worker(api, TAG);
    const made = await enroll(api, someone.token, cls.id);
    const path = `/api/enrollments/${made.body.enrollment.id}`;
    expect((await api.call('DELETE', path, { token: someone.token })).body.changed).toBe(true);
    const again = await api.call('DELETE', path, { token: someone.token });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ changed: false, enrollment: { status: 'cancelled' } });
    const [row] = await sql<{ enrolled: number }>('select enrolled from public.classes where id = $1', [cls.id]);
    expect(row!.enrolled).toBe(0);
  });

  it('lets the person sign up again after cancelling', async () => {
    const cls = await createClass();
    const someone = await worker(api, TAG);
    const made = await enroll(api, someone.token, cls.id);
    await api.call('DELETE', `/api/enrollments/${made.body.enrollment.id}`, { token: someone.token });
    const again = await enroll(api, someone.token, cls.id);
    expect(again.status).toBe(201);
    expect(again.body.enrollment.id).not.toBe(made.body.enrollment.id);
  });

  it('refuses to cancel a seat once the class has started (409 class_started)', async () => {
    const cls = await createClass({ startIn: 0, endIn: 3 });
    const someone = await worker(api, TAG);
    const made = await enroll(api, someone.token, cls.id);
    const reply = await api.call('DELETE', `/api/enrollments/${made.body.enrollment.id}`, { token: someone.token });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('class_started');
  });

  it('refuses a completed enrollment (409 invalid_transition)', async () => {
    const cls = await createClass();
    const someone = await worker(api, TAG);
    const made = await enroll(api, someone.token, cls.id);
    await sql(`update public.enrollments set status = 'completed', completed_at = now() where id = $1`, [made.body.enrollment.id]);
    await sql(`update public.classes set start_date = public.beijing_today() + 1 where id = $1`, [cls.id]);
    const reply = await api.call('DELETE', `/api/enrollments/${made.body.enrollment.id}`, { token: someone.token });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('invalid_transition');
  });

  it("refuses someone else's enrollment (404), anonymous callers (401) and a malformed id (400)", async () => {
    const cls = await createClass();
    const [owner, other] = await Promise.all([worker(api, TAG), worker(api, TAG)]);
    const made = await enroll(api, owner.token, cls.id);
    const path = `/api/enrollments/${made.body.enrollment.id}`;
    expect((await api.call('DELETE', path, { token: other.token })).status).toBe(404);
    expect((await api.call('DELETE', path)).status).toBe(401);
    expect((await api.call('DELETE', '/api/enrollments/not-a-uuid', { token: owner.token })).status).toBe(400);
    expect((await api.get(path, { token: owner.token })).body.enrollment.status).toBe('enrolled');
  });
});

describe('reading enrollments', () => {
  let cls: TestClass;
  let owner: Person;
  let enrollmentId: string;
  beforeAll(async () => {
    cls = await createClass();
    owner = await worker(api, TAG);
    enrollmentId = (await enroll(api, owner.token, cls.id)).body.enrollment.id;
  });

  it('GET /api/me/enrollments lists only the caller’s own', async () => {
    const mine = await api.get('/api/me/enrollments', { token: owner.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((e: any) => e.id)).toEqual([enrollmentId]);
    const other = await worker(api, TAG);
    expect((await api.get('/api/me/enrollments', { token: other.token })).body.items).toEqual([]);
    expect((await api.get('/api/me/enrollments')).status).toBe(401);
    expect((await api.get('/api/me/enrollments?status=bogus', { token: owner.token })).status).toBe(400);
  });

  it('GET /api/me/enrollments?status=active leaves out cancelled ones', async () => {
    const someone = await worker(api, TAG);
    const made = await enroll(api, someone.token, cls.id);
    await api.call('DELETE', `/api/enrollments/${made.body.enrollment.id}`, { token: someone.token });
    expect((await api.get('/api/me/enrollments?status=active', { token: someone.token })).body.items).toEqual([]);
    expect((await api.get('/api/me/enrollments', { token: someone.token })).body.items).toHaveLength(1);
  });

  it('GET /api/enrollments/[id]: the owner and the class’s institution staff may read it', async () => {
    const path = `/api/enrollments/${enrollmentId}`;
    const own = await api.get(path, { token: owner.token });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ enrollment: { id: enrollmentId, status: 'enrolled' }, attendance: [] });
    const staffOfClass = await staff(api, 'institution_staff', cls.institution.code);
    expect((await api.get(path, { token: staffOfClass.token })).status).toBe(200);
  });

  it.each([
    ['another worker', () => worker(api, TAG)],
    ['staff of another institution', () => staff(api, 'institution_staff', 'INS-OTHER')],
    ['station staff', () => staff(api, 'station_staff', 'STA-110105-001')],
    ['a reviewer', () => staff(api, 'reviewer', '110105')],
  ])('GET /api/enrollments/[id] refuses %s (404)', async (_label, make) => {
    const caller = await make();
    const reply = await api.get(`/api/enrollments/${enrollmentId}`, { token: caller.token });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('enrollment_not_found');
  });

  it('GET /api/enrollments/[id] refuses anonymous callers (401)', async () => {
    expect((await api.get(`/api/enrollments/${enrollmentId}`)).status).toBe(401);
  });

  it('the database refuses writes that bypass the functions', async () => {
    const reply = await api.post(
      '/rest/v1/enrollments',
      { class_id: cls.id, user_id: owner.userId, status: 'enrolled', enrolled_at: new Date().toISOString() },
      { token: owner.token, headers: { apikey: inject('anonKey') } },
    );
    expect([401, 403]).toContain(reply.status);
    const patch = await api.call('PATCH', `/rest/v1/classes?id=eq.${cls.id}`, {
      token: owner.token,
      headers: { apikey: inject('anonKey') },
      body: { enrolled: 0 },
    });
    expect([401, 403, 404]).toContain(patch.status);
    const [row] = await sql<{ enrolled: number }>('select enrolled from public.classes where id = $1', [cls.id]);
    expect(row!.enrolled).toBeGreaterThan(0);
  });
});

describe('a class that is cancelled', () => {
  it('cancels every active enrollment in it and notifies the people', async () => {
    const cls = await createClass({ capacity: 1 });
    const [a, b] = await Promise.all([worker(api, TAG), worker(api, TAG)]);
    const seat = (await enroll(api, a.token, cls.id)).body.enrollment.id;
    const waiting = (await enroll(api, b.token, cls.id)).body.enrollment.id;
    await sql(`update public.classes set status = 'cancelled' where id = $1`, [cls.id]);
    for (const [person, id] of [[a, seat], [b, waiting]] as const) {
      const reply = await api.get(`/api/enrollments/${id}`, { token: person.token });
      expect(reply.body.enrollment).toMatchObject({ status: 'cancelled', cancelReason: '班次已取消' });
      const outbox = await sql('select event from public.outbox where user_id = $1', [person.userId]);
      expect(outbox).toEqual([{ event: 'class.cancelled' }]);
    }
    const [row] = await sql<{ enrolled: number }>('select enrolled from public.classes where id = $1', [cls.id]);
    expect(row!.enrolled).toBe(0);
  });
});
