import { beforeAll, describe, expect, inject, it } from 'vitest';
import { beijingToday } from '@jz/shared';
import { issueCheckInToken } from '../../lib/enrollment/checkinToken';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { createClass, enroll, staff, worker, type Person, type TestClass } from './support';

const api = apiClient(inject('stackUrl'));
const TAG = '0301';
const day = (offset: number) => {
  const d = new Date(`${beijingToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

describe('check-in', () => {
  let cls: TestClass;
  let otherClass: TestClass;
  let a: Person;
  let b: Person;
  let waiting: Person;
  let enrollmentA: string;
  let enrollmentWaiting: string;
  let staffToken: string;

  beforeAll(async () => {
    cls = await createClass({ capacity: 2, startIn: -3, endIn: 2, sessionDays: [-3, -2, 0, 2] });
    otherClass = await createClass({ institution: cls.institution, startIn: 30 });
    [a, b, waiting] = await Promise.all([worker(api, TAG), worker(api, TAG), worker(api, TAG)]);
    enrollmentA = (await enroll(api, a.token, cls.id)).body.enrollment.id;
    await enroll(api, b.token, cls.id);
    enrollmentWaiting = (await enroll(api, waiting.token, cls.id)).body.enrollment.id;
    staffToken = (await staff(api, 'institution_staff', cls.institution.code)).token;
  });

  describe('GET /api/enrollments/[id]/checkin-token', () => {
    it('gives the owner a signed token valid for 10 minutes, with its QR code', async () => {
      const reply = await api.get(`/api/enrollments/${enrollmentA}/checkin-token`, { token: a.token });
      expect(reply.status).toBe(200);
      expect(reply.body.token).toMatch(/^ck1\.[\w-]{22}\.[0-9a-z]+\.[\w-]{22}$/);
      const ttl = Date.parse(reply.body.expiresAt) - Date.now();
      expect(ttl).toBeGreaterThan(9 * 60_000);
      expect(ttl).toBeLessThanOrEqual(10 * 60_000);
      expect(reply.body.qrcode).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    });

    it('refuses a waitlisted enrollment (409 not_enrolled)', async () => {
      const reply = await api.get(`/api/enrollments/${enrollmentWaiting}/checkin-token`, { token: waiting.token });
      expect(reply.status).toBe(409);
      expect(reply.body.error.code).toBe('not_enrolled');
    });

    it.each([
      ['another worker', () => worker(api, TAG)],
      ['the class’s own staff (only the person shows the code)', async () => ({ token: staffToken })],
    ])('refuses %s (404)', async (_label, make) => {
      const caller = await make();
      expect((await api.get(`/api/enrollments/${enrollmentA}/checkin-token`, { token: caller.token })).status).toBe(404);
    });

    it('refuses anonymous callers (401)', async () => {
      expect((await api.get(`/api/enrollments/${enrollmentA}/checkin-token`)).status).toBe(401);
    });
  });

  describe('POST /api/checkins', () => {
    const tokenOf = async (person: Person, enrollmentId: string) =>
      (await api.get(`/api/enrollments/${enrollmentId}/checkin-token`, { token: person.token })).body.token as string;

    it('records attendance once; a repeated scan is idempotent and says so', async () => {
      const token = await tokenOf(a, enrollmentA);
      const first = await api.post('/api/checkins', { token, sessionDate: day(-3), classId: cls.id }, { token: staffToken });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        status: 'checked_in',
        enrollmentId: enrollmentA,
        classId: cls.id,
        sessionDate: day(-3),
        person: { name: '王**', idNumberMasked: expect.stringMatching(/^\d{6}\*{8}\w{4}$/) },
        attended: 1,
        sessions: 4,
      });
      const again = await api.post('/api/checkins', { token, sessionDate: day(-3) }, { token: staffToken });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ status: 'already_checked_in', checkedInAt: first.body.checkedInAt, attended: 1 });
      const rows = await sql('select session_date::text as day from public.attendance where enrollment_id = $1', [enrollmentA]);
      expect(rows).toEqual([{ day: day(-3) }]);
      const audit = await sql<{ n: number }>(
        `select count(*)::int as n from public.audit_log where action = 'attendance.checked_in' and entity_id = $1`,
        [enrollmentA],
      );
      expect(audit[0]!.n).toBe(1);
      // another session day is another check-in
      const today = await api.post('/api/checkins', { token, sessionDate: day(0) }, { token: staffToken });
      expect(today.body).toMatchObject({ status: 'checked_in', attended: 2 });
    });

    it('shows in the person’s enrollment', async () => {
      const reply = await api.get(`/api/enrollments/${enrollmentA}`, { token: a.token });
      expect(reply.body.attendance).toEqual([day(-3), day(0)]);
      expect(reply.body.enrollment.attendedSessions).toBe(2);
    });

    it('refuses a code of another class than the one being checked in (403 wrong_class)', async () => {
      const reply = await api.post('/api/checkins', { token: await tokenOf(a, enrollmentA), sessionDate: day(-2), classId: otherClass.id }, { token: staffToken });
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('wrong_class');
    });

    it.each([
      ['staff of another institution', () => staff(api, 'institution_staff', 'INS-ELSEWHERE'), 'not_allowed'],
      ['a worker', () => worker(api, TAG), 'forbidden'],
      ['station staff', () => staff(api, 'station_staff', 'STA-110105-001'), 'forbidden'],
      ['a reviewer', () => staff(api, 'reviewer', '110105'), 'forbidden'],
    ])('refuses %s (403) and records nothing', async (_label, make, code) => {
      const caller = await make();
      const reply = await api.post('/api/checkins', { token: await tokenOf(a, enrollmentA), sessionDate: day(-2) }, { token: caller.token });
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe(code);
      const rows = await sql('select 1 from public.attendance where enrollment_id = $1 and session_date = $2', [enrollmentA, day(-2)]);
      expect(rows).toEqual([]);
    });

    it('refuses anonymous callers (401)', async () => {
      expect((await api.post('/api/checkins', { token: await tokenOf(a, enrollmentA), sessionDate: day(-2) })).status).toBe(401);
    });

    it.each([
      ['a day without a session', -1],
      ['a session still to come', 2],
      ['a day outside the class', -10],
    ])('refuses %s (422 invalid_session_date)', async (_label, offset) => {
      const reply = await api.post('/api/checkins', { token: await tokenOf(a, enrollmentA), sessionDate: day(offset) }, { token: staffToken });
      expect(reply.status).toBe(422);
      expect(reply.body.error.code).toBe('invalid_session_date');
    });

    it('refuses a forged, tampered or expired token (400)', async () => {
      const good = await tokenOf(a, enrollmentA);
      const tampered = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
      const expired = issueCheckInToken(enrollmentA, Date.now() - 11 * 60_000).token;
      const otherId = issueCheckInToken(enrollmentA).token.split('.');
      const swapped = [otherId[0], Buffer.from(enrollmentWaiting.replace(/-/g, ''), 'hex').toString('base64url'), otherId[2], otherId[3]].join('.');
      for (const [token, code] of [
        [tampered, 'checkin_token_invalid'],
        [swapped, 'checkin_token_invalid'],
        ['ck1.nonsense.token.here', 'checkin_token_invalid'],
        [expired, 'checkin_token_expired'],
      ] as const) {
        const reply = await api.post('/api/checkins', { token, sessionDate: day(-2) }, { token: staffToken });
        expect(reply.status, token).toBe(400);
        expect(reply.body.error.code).toBe(code);
      }
    });

    it('refuses a waitlisted enrollment even with a valid token (409 not_enrolled)', async () => {
      const token = issueCheckInToken(enrollmentWaiting).token;
      const reply = await api.post('/api/checkins', { token, sessionDate: day(-2) }, { token: staffToken });
      expect(reply.status).toBe(409);
      expect(reply.body.error.code).toBe('not_enrolled');
    });

    it.each([
      ['no token', { sessionDate: '2026-01-01' }, 'token'],
      ['a malformed date', { token: 'ck1.aaaaaaaaaaaaaa', sessionDate: '2026/01/01' }, 'sessionDate'],
      ['an impossible date', { token: 'ck1.aaaaaaaaaaaaaa', sessionDate: '2026-02-30' }, 'sessionDate'],
      ['a malformed classId', { token: 'ck1.aaaaaaaaaaaaaa', sessionDate: '2026-01-01', classId: 'x' }, 'classId'],
    ])('400 for %s', async (_label, body, field) => {
      const reply = await api.post('/api/checkins', body, { token: staffToken });
      expect(reply.status).toBe(400);
      expect(reply.body.error.fields).toHaveProperty(field);
    });
  });
});

describe('completion, dropping, settings and the roster', () => {
  let cls: TestClass;
  let people: Person[];
  let ids: string[];
  let staffToken: string;

  beforeAll(async () => {
    cls = await createClass({ capacity: 3, startIn: -6, endIn: -3, sessionDays: [-6, -5, -4, -3] });
    people = await Promise.all([0, 1, 2, 3].map(() => worker(api, TAG)));
    ids = [];
    for (const p of people) ids.push((await enroll(api, p.token, cls.id, { stationCode: 'STA-110105-001' })).body.enrollment.id);
    staffToken = (await staff(api, 'institution_staff', cls.institution.code)).token;
    // attendance: 4/4, 3/4, 1/4 (the fourth person is waitlisted)
    const attended: Array<[number, number[]]> = [[0, [-6, -5, -4, -3]], [1, [-6, -5, -4]], [2, [-6]]];
    for (const [i, days] of attended) {
      for (const d of days) {
        const token = issueCheckInToken(ids[i]!).token;
        const reply = await api.post('/api/checkins', { token, sessionDate: day(d) }, { token: staffToken });
        expect(reply.status).toBe(200);
      }
    }
  });

  it('PUT /api/classes/[id]/settings changes the attendance threshold, audited', async () => {
    const reply = await api.put(`/api/classes/${cls.id}/settings`, { attendanceThreshold: 0.75 }, { token: staffToken });
    expect(reply.status).toBe(200);
    expect(reply.body.settings).toEqual({ attendanceThreshold: 0.75, waitlistLimit: null, completedAt: null });
    const audit = await sql(`select action from public.audit_log where entity = 'class' and entity_id = $1`, [cls.id]);
    expect(audit).toEqual([{ action: 'class.settings_changed' }]);
  });

  it.each([
    ['a threshold above 1', { attendanceThreshold: 1.5 }, 'attendanceThreshold'],
    ['a threshold of 0', { attendanceThreshold: 0 }, 'attendanceThreshold'],
    ['a negative waitlist limit', { waitlistLimit: -1 }, 'waitlistLimit'],
    ['nothing to change', {}, '_'],
    ['an unknown setting', { capacity: 9 }, 'capacity'],
  ])('PUT settings: 400 for %s', async (_label, body, field) => {
    const reply = await api.put(`/api/classes/${cls.id}/settings`, body, { token: staffToken });
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toHaveProperty(field);
  });

  it('GET /api/classes/[id]/roster: masked people, attendance, waitlist position', async () => {
    const reply = await api.get(`/api/classes/${cls.id}/roster`, { token: staffToken });
    expect(reply.status).toBe(200);
    expect(reply.body.class).toMatchObject({ id: cls.id, code: cls.code, capacity: 3, enrolled: 3 });
    expect(reply.body.settings.attendanceThreshold).toBe(0.75);
    expect(reply.body.sessionDates).toEqual([day(-6), day(-5), day(-4), day(-3)]);
    expect(reply.body.items.map((i: any) => [i.enrollmentId, i.status, i.position, i.attended])).toEqual([
      [ids[0], 'enrolled', null, 4],
      [ids[1], 'enrolled', null, 3],
      [ids[2], 'enrolled', null, 1],
      [ids[3], 'waitlisted', 1, 0],
    ]);
    const item = reply.body.items[1];
    expect(item).toMatchObject({
      name: '王**',
      mobileMasked: '138****1234',
      category: 'rural_migrant',
      referralStation: 'STA-110105-001',
      attendanceRate: 0.75,
      attendedDates: [day(-6), day(-5), day(-4)],
    });
    expect(item.idNumberMasked).toMatch(/^\d{6}\*{8}\w{4}$/);
    expect(JSON.stringify(reply.body)).not.toMatch(/\d{17}[\dX]/);
  });

  it('GET /api/classes/[id]/roster?format=csv downloads the same roster for Excel', async () => {
    const reply = await api.get(`/api/classes/${cls.id}/roster?format=csv`, { token: staffToken });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="roster-BC-[\d-]+\.csv"; filename\*=UTF-8''/);
    // fetch's text() drops a BOM: read the bytes
    const raw = Buffer.from(
      await (await fetch(new URL(`/api/classes/${cls.id}/roster?format=csv`, inject('stackUrl')), { headers: { authorization: `Bearer ${staffToken}` } })).arrayBuffer(),
    );
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.subarray(3).toString('utf8');
    expect(text).toBe(reply.body);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^"序号","姓名","证件号码","手机号","人员类别","状态"/);
    expect(lines[2]).toContain('"王**"');
    expect(lines[2]).toContain('"138****1234"');
    expect(lines[2]).toContain('"75%"');
    expect(lines[4]).toContain('"候补中"');
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });

  it('POST /api/classes/[id]/complete: completes those at the threshold, lists the others, closes the waitlist', async () => {
    const reply = await api.post(`/api/classes/${cls.id}/complete`, {}, { token: staffToken });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ classId: cls.id, attendanceThreshold: 0.75, sessions: 4, completed: 2, completedTotal: 2 });
    expect(reply.body.belowThreshold).toEqual([{ enrollmentId: ids[2], name: '王**', attended: 1, attendanceRate: 0.25 }]);
    const rows = await sql<{ id: string; status: string; attended_sessions: number | null }>(
      'select id, status, attended_sessions from public.enrollments where class_id = $1 order by seq',
      [cls.id],
    );
    expect(rows.map((r) => [r.status, r.attended_sessions])).toEqual([['completed', 4], ['completed', 3], ['enrolled', null], ['cancelled', null]]);
    const notified = await sql<{ user_id: string }>(
      `select user_id from public.outbox where event = 'enrollment.completed' and payload ->> 'classId' = $1::uuid::text order by id`,
      [cls.id],
    );
    expect(notified.map((n) => n.user_id)).toEqual([people[0]!.userId, people[1]!.userId]);
    // running it again changes nothing
    const again = await api.post(`/api/classes/${cls.id}/complete`, {}, { token: staffToken });
    expect(again.body).toMatchObject({ completed: 0, completedTotal: 2 });
  });

  it('POST /api/classes/[id]/drop marks the rest dropped with the reason, notified and audited', async () => {
    const reply = await api.post(`/api/classes/${cls.id}/drop`, { enrollmentIds: [ids[2]], reason: '缺课过多' }, { token: staffToken });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ classId: cls.id, dropped: 1 });
    const own = await api.get(`/api/enrollments/${ids[2]}`, { token: people[2]!.token });
    expect(own.body.enrollment).toMatchObject({ status: 'dropped', dropReason: '缺课过多', attendedSessions: 1 });
    const audit = await sql(`select action, detail ->> 'reason' as reason from public.audit_log where entity_id = $1 and action = 'enrollment.drop'`, [ids[2]]);
    expect(audit).toEqual([{ action: 'enrollment.drop', reason: '缺课过多' }]);
  });

  it('drop refuses a completed person (409 invalid_transition) and changes no one (all or none)', async () => {
    const reply = await api.post(`/api/classes/${cls.id}/drop`, { enrollmentIds: [ids[0]], reason: '测试原因' }, { token: staffToken });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('invalid_transition');
  });

  it('drop refuses an enrollment of another class (404)', async () => {
    const elsewhere = await createClass({ institution: cls.institution, startIn: -2, endIn: 3 });
    const someone = await worker(api, TAG);
    const id = (await enroll(api, someone.token, elsewhere.id)).body.enrollment.id;
    const reply = await api.post(`/api/classes/${cls.id}/drop`, { enrollmentIds: [id], reason: '测试原因' }, { token: staffToken });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('enrollment_not_found');
    expect((await sql('select status from public.enrollments where id = $1', [id]))[0]).toEqual({ status: 'enrolled' });
  });

  it('complete refuses a class that has not ended (409 class_not_finished); drop one not started (409 class_not_started)', async () => {
    const future = await createClass({ institution: cls.institution, startIn: 5, endIn: 8 });
    const someone = await worker(api, TAG);
    const id = (await enroll(api, someone.token, future.id)).body.enrollment.id;
    const complete = await api.post(`/api/classes/${future.id}/complete`, {}, { token: staffToken });
    expect(complete.status).toBe(409);
    expect(complete.body.error.code).toBe('class_not_finished');
    const drop = await api.post(`/api/classes/${future.id}/drop`, { enrollmentIds: [id], reason: '测试原因' }, { token: staffToken });
    expect(drop.status).toBe(409);
    expect(drop.body.error.code).toBe('class_not_started');
  });

  it.each([
    ['no ids', { reason: '缺课过多' }, 'enrollmentIds'],
    ['an empty list', { enrollmentIds: [], reason: '缺课过多' }, 'enrollmentIds'],
    ['no reason', { enrollmentIds: ['00000000-0000-4000-8000-000000000000'] }, 'reason'],
    ['a one-character reason', { enrollmentIds: ['00000000-0000-4000-8000-000000000000'], reason: '缺' }, 'reason'],
  ])('drop: 400 for %s', async (_label, body, field) => {
    const reply = await api.post(`/api/classes/${cls.id}/drop`, body, { token: staffToken });
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toHaveProperty(field);
  });

  describe('who may not', () => {
    const calls = (id: string) => [
      ['GET', `/api/classes/${id}/roster`, undefined],
      ['GET', `/api/classes/${id}/roster?format=csv`, undefined],
      ['PUT', `/api/classes/${id}/settings`, { attendanceThreshold: 0.5 }],
      ['POST', `/api/classes/${id}/complete`, {}],
      ['POST', `/api/classes/${id}/drop`, { enrollmentIds: [ids[2]], reason: '测试原因' }],
    ] as Array<[string, string, object | undefined]>;

    it.each([
      ['staff of another institution', () => staff(api, 'institution_staff', 'INS-ELSEWHERE'), 403],
      ['a worker enrolled in the class', async () => people[0]!, 403],
      ['station staff', () => staff(api, 'station_staff', 'STA-110105-001'), 403],
      ['a reviewer', () => staff(api, 'reviewer', '110105'), 403],
      ['an anonymous caller', async () => ({ token: undefined }), 401],
    ])('%s is refused on every class endpoint', async (_label, make, status) => {
      const caller: { token?: string } = await make();
      for (const [method, path, body] of calls(cls.id)) {
        const reply = await api.call(method, path, { ...(caller.token ? { token: caller.token } : {}), ...(body ? { body } : {}) });
        expect(reply.status, `${method} ${path}`).toBe(status);
      }
      const [settings] = await sql<{ t: string }>('select attendance_threshold::text as t from public.class_settings where class_id = $1', [cls.id]);
      expect(settings!.t).toBe('0.750');
    });

    it('404 for an unknown class, 400 for a malformed id', async () => {
      const unknown = await api.get('/api/classes/00000000-0000-4000-8000-000000000000/roster', { token: staffToken });
      expect(unknown.status).toBe(404);
      expect((await api.get('/api/classes/nope/roster', { token: staffToken })).status).toBe(400);
    });
  });
});
