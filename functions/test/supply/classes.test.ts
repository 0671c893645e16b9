/** Class publishing: institution staff create, edit, publish, close and cancel classes of their published projects. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { createInstitution, enroll, staff, worker, workers, type Person, type TestInstitution } from '../enrollment/support';
import { expectRefusal } from './support';
import { classBody, createProject, outboxCount, setWhitelist } from './publishingSupport';

const api = apiClient(inject('stackUrl'));
const TAG = '9501';

let ins: TestInstitution;
let other: TestInstitution;
let project: { id: string };
let me: Person;
let otherStaff: Person;

const create = (body: Record<string, unknown>, token = me.token) => api.post('/api/classes', body, { token });
const edit = (id: string, body: Record<string, unknown>, token = me.token) => api.put(`/api/classes/${id}`, body, { token });
const move = (id: string, action: 'publish' | 'close' | 'cancel', body?: unknown, token = me.token) =>
  api.post(`/api/classes/${id}/${action}`, body, { token });

async function publishedClass(overrides: Record<string, unknown> = {}): Promise<string> {
  const reply = await create(classBody(project.id, { publish: true, ...overrides }));
  expect(reply.status).toBe(201);
  return reply.body.class.id;
}

beforeAll(async () => {
  [ins, other] = await Promise.all([createInstitution(), createInstitution()]);
  project = await createProject(ins);
  [me, otherStaff] = await Promise.all([staff(api, 'institution_staff', ins.code), staff(api, 'institution_staff', other.code)]);
});

describe('creating a class', () => {
  it('saves a draft with a generated code, lists it with counts, and publishes it into the catalog', async () => {
    const reply = await create(classBody(project.id));
    expect(reply.status).toBe(201);
    const cls = reply.body.class;
    expect(cls).toMatchObject({ status: 'draft', capacity: 20, enrolled: 0, waitlisted: 0, fee: 0, project: { id: project.id } });
    expect(cls.code).toMatch(/^BC-\d{4}-\d{6}$/);
    expect((await api.get(`/api/catalog/classes/${cls.id}`)).status).toBe(404);

    const drafts = await api.get('/api/classes?status=draft', { token: me.token });
    expect(drafts.status).toBe(200);
    expect(drafts.body.items.map((c: { id: string }) => c.id)).toContain(cls.id);
    expect(drafts.body.items.every((c: { status: string }) => c.status === 'draft')).toBe(true);
    const [counted] = await sql<{ n: number }>(`select count(*)::int as n from public.classes where institution_id = $1 and status = 'draft'`, [ins.id]);
    expect(drafts.body.counts.draft).toBe(counted!.n);
    expect(drafts.body.projects.map((p: { id: string }) => p.id)).toContain(project.id);

    const published = await move(cls.id, 'publish');
    expect(published.status).toBe(200);
    expect(published.body.class.status).toBe('published');
    expect((await api.get(`/api/catalog/classes/${cls.id}`)).status).toBe(200);
    const events = await sql('select action, from_status, to_status from public.publication_events where class_id = $1 order by id', [cls.id]);
    expect(events).toEqual([
      { action: 'create', from_status: null, to_status: 'draft' },
      { action: 'publish', from_status: 'draft', to_status: 'published' },
    ]);
  });

  it('admins list any institution\'s classes by naming it; staff naming another institution see nothing of it', async () => {
    const id = await publishedClass();
    const admin = await staff(api, 'admin');
    expectRefusal(await api.get('/api/classes', { token: admin.token }), 403, 'not_allowed');
    const listed = await api.get(`/api/classes?institution=${ins.code}`, { token: admin.token });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expectRefusal(await api.get(`/api/classes?institution=${ins.code}`, { token: otherStaff.token }), 403, 'not_allowed');
    const bad = await api.get('/api/classes?institution=nope', { token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.institution).toBeTruthy();
  });

  it('refuses bad input with 400 naming the field, never a 500', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: undefined }, 'name'],
      [{ name: 'x' }, 'name'],
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: 2.5 }, 'capacity'],
      [{ startDate: '2026-02-30' }, 'startDate'],
      [{ endDate: '2020-01-01' }, 'endDate'],
      [{ enrollClosesAt: new Date(Date.now() - 7_200_000).toISOString() }, 'enrollClosesAt'],
      [{ enrollOpensAt: 'tomorrow' }, 'enrollOpensAt'],
      [{ district: '999999' }, 'district'],
      [{ lat: 10, lng: 10 }, 'lat'],
      [{ lat: null }, 'lng'],
      [{ projectId: 'nope' }, 'projectId'],
      [{ sessions: [{ date: '2026-01-01', start: '9am', end: '12:00' }] }, 'sessions.0.start'],
      [{ publish: 'yes' }, 'publish'],
      // checked by the database
      [{ startDate: '2020-01-01', endDate: '2020-01-02', enrollOpensAt: '2019-12-01T00:00:00+08:00', enrollClosesAt: '2019-12-30T00:00:00+08:00' }, 'startDate'],
      [{ enrollClosesAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }, 'enrollClosesAt'],
      [{ fee: 300 }, 'fee'],
      [{ address: '' }, 'address'],
    ];
    for (const [overrides, field] of cases) {
      const reply = await create(classBody(project.id, overrides));
      expect({ field, status: reply.status }).toEqual({ field, status: 400 });
      expect(reply.body.error.fields?.[field], `${field}: ${JSON.stringify(reply.body)}`).toMatch(/[\u4e00-\u9fa5]/);
    }
    expectRefusal(await create({ ...classBody(project.id), colour: 'red' }), 400, 'invalid_input');
    expectRefusal(await api.get('/api/classes?status=open', { token: me.token }), 400, 'invalid_input');
    expectRefusal(await edit('not-a-uuid', { capacity: 3 }), 400, 'invalid_input');
    expectRefusal(await edit(await publishedClass(), {}), 400, 'invalid_input');
  });

  it('needs a published project of the caller\'s own institution, with a fee only when the project charges one', async () => {
    const draftProject = await createProject(ins, { status: 'draft' });
    expectRefusal(await create(classBody(draftProject.id)), 409, 'class_project_not_published');
    const othersProject = await createProject(other);
    const reply = await create(classBody(othersProject.id));
    expectRefusal(reply, 404, 'project_not_found');
    expect(reply.body.error.fields.projectId).toBeTruthy();

    const paid = await createProject(ins, { fee: 680 });
    const defaulted = await create(classBody(paid.id));
    expect(defaulted.body.class.fee).toBe(680);
    expect((await create(classBody(paid.id, { fee: 0 }))).body.error.fields.fee).toBeTruthy();
  });
});

describe('who may publish', () => {
  it('refuses anonymous callers (401), workers (403) and staff of another institution (403/404)', async () => {
    const id = await publishedClass();
    const someone = await worker(api, TAG, { withProfile: false });
    expect((await api.get('/api/classes')).status).toBe(401);
    expect((await create(classBody(project.id), '')).status).toBe(401);
    expect((await api.put(`/api/classes/${id}`, { capacity: 5 })).status).toBe(401);
    expect((await api.post(`/api/classes/${id}/cancel`, { reason: '场地临时不能使用' })).status).toBe(401);

    expectRefusal(await api.get('/api/classes', { token: someone.token }), 403, 'forbidden');
    expectRefusal(await create(classBody(project.id), someone.token), 403, 'forbidden');
    expectRefusal(await edit(id, { capacity: 5 }, someone.token), 403, 'forbidden');
    expectRefusal(await move(id, 'cancel', { reason: '场地临时不能使用' }, someone.token), 403, 'forbidden');

    expectRefusal(await create(classBody(project.id), otherStaff.token), 404, 'project_not_found');
    expectRefusal(await edit(id, { capacity: 5 }, otherStaff.token), 403, 'not_allowed');
    expectRefusal(await move(id, 'close', undefined, otherStaff.token), 403, 'not_allowed');
    expectRefusal(await move(id, 'cancel', { reason: '场地临时不能使用' }, otherStaff.token), 403, 'not_allowed');
    const theirs = await api.get('/api/classes', { token: otherStaff.token });
    expect(theirs.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    const [row] = await sql<{ status: string; capacity: number }>('select status, capacity from public.classes where id = $1', [id]);
    expect(row).toEqual({ status: 'published', capacity: 20 });
  });

  it('the database no longer takes class writes that bypass the functions', async () => {
    const id = await publishedClass();
    const rest = (method: string, path: string, body: unknown) =>
      api.call(method, `/rest/v1/${path}`, { token: me.token, headers: { apikey: inject('anonKey') }, body });
    expect([401, 403, 404]).toContain((await rest('PATCH', `classes?id=eq.${id}`, { capacity: 1 })).status);
    const [copy] = await sql<Record<string, unknown>>(
      `select project_id, institution_id, name, start_date, end_date, district, address, capacity, enroll_opens_at, enroll_closes_at
       from public.classes where id = $1`,
      [id],
    );
    expect([401, 403]).toContain((await rest('POST', 'classes', { ...copy, code: 'BC-2026-0000001', status: 'published' })).status);
    const [row] = await sql<{ capacity: number }>('select capacity from public.classes where id = $1', [id]);
    expect(row!.capacity).toBe(20);
  });

  it('a suspended institution keeps drafts but cannot publish until it is restored', async () => {
    const paused = await createInstitution();
    const pausedProject = await createProject(paused);
    const pausedStaff = await staff(api, 'institution_staff', paused.code);
    await setWhitelist(paused.id, 'suspended');
    expectRefusal(await create(classBody(pausedProject.id, { publish: true }), pausedStaff.token), 409, 'institution_not_listed');
    const draft = await create(classBody(pausedProject.id), pausedStaff.token);
    expect(draft.status).toBe(201);
    expectRefusal(await move(draft.body.class.id, 'publish', undefined, pausedStaff.token), 409, 'institution_not_listed');
    await setWhitelist(paused.id, 'listed');
    expect((await move(draft.body.class.id, 'publish', undefined, pausedStaff.token)).body.class.status).toBe('published');
  });
});

describe('capacity', () => {
  it('never drops below the seats taken; exactly the seats taken is fine; added seats go to the waitlist first', async () => {
    const id = await publishedClass({ capacity: 3 });
    const people = await workers(api, TAG, 4);
    for (const p of people) expect((await enroll(api, p.token, id)).status).toBe(201);
    const [taken] = await sql<{ n: number }>(`select count(*)::int as n from public.enrollments where class_id = $1 and status = 'enrolled'`, [id]);
    expect(taken!.n).toBe(3);

    const below = await edit(id, { capacity: taken!.n - 1 });
    expectRefusal(below, 409, 'class_capacity_below_enrolled');
    expect(below.body.error.fields.capacity).toContain(String(taken!.n));
    expect(below.body.error.message).toContain('capacity');

    const exact = await edit(id, { capacity: taken!.n });
    expect(exact.status).toBe(200);
    expect(exact.body.class).toMatchObject({ capacity: taken!.n, enrolled: taken!.n, waitlisted: 1 });

    const more = await edit(id, { capacity: taken!.n + 2 });
    expect(more.body.class).toMatchObject({ capacity: taken!.n + 2, enrolled: taken!.n + 1, waitlisted: 0 });
    expect(await outboxCount('waitlist.promoted', [people[3]!.userId])).toBe(1);
  });

  it('a capacity cut racing sign-ups never leaves more people than seats', async () => {
    const id = await publishedClass({ capacity: 30 });
    const early = await workers(api, TAG, 6);
    for (const p of early) await enroll(api, p.token, id);
    const late = await workers(api, TAG, 24);
    const cuts = [6, 8, 10, 12, 14, 16, 18, 20];
    const replies = await Promise.all([
      ...late.map((p) => enroll(api, p.token, id)),
      ...cuts.map((capacity) => edit(id, { capacity })),
    ]);
    const failures = replies.filter((r) => ![200, 201, 409].includes(r.status)).map((r) => `${r.status} ${JSON.stringify(r.body)}`);
    expect(failures).toEqual([]);
    const refusedCuts = replies.slice(late.length).filter((r) => r.status === 409);
    for (const r of refusedCuts) expect(r.body.error.code).toBe('class_capacity_below_enrolled');

    const [state] = await sql<{ capacity: number; enrolled: number; seated: number }>(
      `select c.capacity, c.enrolled,
              (select count(*)::int from public.enrollments e where e.class_id = c.id and e.status = 'enrolled') as seated
       from public.classes c where c.id = $1`,
      [id],
    );
    expect(state!.enrolled).toBe(state!.seated);
    expect(state!.seated).toBeLessThanOrEqual(state!.capacity);
    // seats went to sign-ups answered `enrolled`, and to waitlisted people promoted when a later edit raised the capacity again
    const seatedReplies = replies.slice(0, late.length).filter((r) => r.body.enrollment?.status === 'enrolled').length;
    const [promoted] = await sql<{ n: number }>(
      `select count(*)::int as n from public.outbox where event = 'waitlist.promoted' and payload ->> 'classId' = $1`,
      [id],
    );
    expect(state!.seated).toBe(early.length + seatedReplies + promoted!.n);
  }, 60_000);
});

describe('closing and cancelling', () => {
  it('closing sign-up early stops new sign-ups; publishing again reopens it', async () => {
    const id = await publishedClass();
    const [a] = await workers(api, TAG, 1);
    expect((await move(id, 'close')).body.class.status).toBe('closed');
    expectRefusal(await enroll(api, a!.token, id), 409, 'enrollment_closed');
    expect((await move(id, 'publish')).body.class.status).toBe('published');
    expect((await enroll(api, a!.token, id)).status).toBe(201);
  });

  it('cancelling releases every enrollee with the reason and queues one notification each', async () => {
    const id = await publishedClass({ capacity: 2 });
    const people = await workers(api, TAG, 3);
    for (const p of people) await enroll(api, p.token, id);
    const active = await sql<{ user_id: string }>(
      `select user_id from public.enrollments where class_id = $1 and status in ('enrolled', 'waitlisted')`,
      [id],
    );
    expect(active).toHaveLength(people.length);
    const before = await outboxCount('class.cancelled', active.map((r) => r.user_id));

    expectRefusal(await move(id, 'cancel', {}), 400, 'invalid_input');
    const cancelled = await move(id, 'cancel', { reason: '场地临时维修，改期另行通知' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.class).toMatchObject({ status: 'cancelled', enrolled: 0, waitlisted: 0, released: active.length,
                                                 cancelReason: '场地临时维修，改期另行通知' });

    expect(await outboxCount('class.cancelled', active.map((r) => r.user_id))).toBe(before + active.length);
    const payloads = await sql<{ reason: string }>(
      `select payload ->> 'reason' as reason from public.outbox where event = 'class.cancelled' and payload ->> 'classId' = $1`,
      [id],
    );
    expect(payloads).toEqual(active.map(() => ({ reason: '场地临时维修，改期另行通知' })));
    for (const p of people) {
      const mine = await api.get('/api/me/enrollments', { token: p.token });
      const row = mine.body.items.find((e: { classId: string }) => e.classId === id);
      expect(row).toMatchObject({ status: 'cancelled', cancelReason: '班次已取消：场地临时维修，改期另行通知' });
    }

    expectRefusal(await move(id, 'cancel', { reason: '再取消一次' }), 409, 'invalid_publication_transition');
    expectRefusal(await edit(id, { capacity: 5 }), 409, 'class_not_editable');
    expectRefusal(await move(id, 'publish'), 409, 'invalid_publication_transition');
  });

  it('a draft can be cancelled too, releasing nobody', async () => {
    const draft = await create(classBody(project.id));
    const reply = await move(draft.body.class.id, 'cancel', { reason: '不开了' });
    expect(reply.body.class).toMatchObject({ status: 'cancelled', released: 0 });
  });
});

describe('the catalog says why a class is gone', () => {
  it('cancelled, or the institution suspended: a plain sentence instead of "not found"', async () => {
    const cancelled = await publishedClass();
    await move(cancelled, 'cancel', { reason: '场地临时维修' });
    const gone = await api.get(`/api/catalog/classes/${cancelled}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toContain('已经取消');

    const paused = await createInstitution();
    const pausedStaff = await staff(api, 'institution_staff', paused.code);
    const reply = await create(classBody((await createProject(paused)).id, { publish: true }), pausedStaff.token);
    await setWhitelist(paused.id, 'suspended');
    const suspended = await api.get(`/api/catalog/classes/${reply.body.class.id}`);
    expect(suspended.status).toBe(404);
    expect(suspended.body.error.message).toContain('暂停了白名单资格');
    expect((await api.get('/api/catalog/classes/00000000-0000-4000-8000-000000000000')).body.error.message).toContain('找不到');
  });
});
