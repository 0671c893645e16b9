import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { createSession, signUp, trainedWorker } from '../certificates/support';
import { createClass, enroll, worker } from '../enrollment/support';

const api = apiClient(inject('stackUrl'));
const cronSecret = inject('cronSecret');
const runReminders = (authorization: string | null = `Bearer ${cronSecret}`) =>
  api.post('/api/cron/send-reminders', undefined, authorization === null ? {} : { headers: { authorization } });

interface OutboxRow {
  user_id: string;
  event: string;
  payload: Record<string, unknown>;
  dedupe_key: string;
}
const remindersFor = (event: string, userIds: string[]) =>
  sql<OutboxRow>('select user_id, event, payload, dedupe_key from public.outbox where event = $1 and user_id = any($2::uuid[])', [event, userIds]);

describe('day-before reminders (cron/send-reminders)', () => {
  beforeAll(async () => {
    // the templates exist so the mini-program can ask for consent to them
    const rows = await sql<{ event: string }>(`select event from public.notification_templates where event in ('class.reminder', 'evaluation.reminder')`);
    expect(rows.map((r) => r.event).sort()).toEqual(['class.reminder', 'evaluation.reminder']);
  });

  it('queues one reminder per seat in classes starting tomorrow, none for the waitlist, cancellations or later classes, and never twice', async () => {
    const tomorrow = await createClass({ startIn: 1, capacity: 2 });
    const later = await createClass({ startIn: 2 });
    const [a, b, waiting, leaver, other] = await Promise.all(Array.from({ length: 5 }, () => worker(api, '8801')));
    for (const p of [a!, b!, waiting!]) expect((await enroll(api, p.token, tomorrow.id)).status).toBeLessThan(300);
    expect((await enroll(api, leaver!.token, tomorrow.id)).status).toBeLessThan(300); // waitlisted too (capacity 2)
    const [leaverEnrollment] = await sql<{ id: string }>('select id from public.enrollments where user_id = $1', [leaver!.userId]);
    expect((await api.call('DELETE', `/api/enrollments/${leaverEnrollment!.id}`, { token: leaver!.token })).status).toBe(200);
    expect((await enroll(api, other!.token, later.id)).status).toBeLessThan(300);

    const seated = await sql<{ user_id: string; id: string }>(
      `select user_id, id from public.enrollments where class_id = $1 and status = 'enrolled'`,
      [tomorrow.id],
    );
    expect(seated.map((r) => r.user_id).sort()).toEqual([a!.userId, b!.userId].sort());

    const first = await runReminders();
    expect(first.status).toBe(200);
    const day = (await sql<{ day: string }>(`select to_char(public.beijing_today() + 1, 'YYYY-MM-DD') as day`))[0]!.day;
    expect(first.body.day).toBe(day);
    expect(first.body.classReminders).toBeGreaterThanOrEqual(2);

    const everyone = [a!, b!, waiting!, leaver!, other!].map((p) => p.userId);
    const rows = await remindersFor('class.reminder', everyone);
    expect(rows.map((r) => r.user_id).sort()).toEqual([a!.userId, b!.userId].sort());
    for (const row of rows) {
      const enrollmentId = seated.find((s) => s.user_id === row.user_id)!.id;
      expect(row.dedupe_key).toBe(`class.reminder:${enrollmentId}`);
      expect(row.payload).toMatchObject({ classId: tomorrow.id, classCode: tomorrow.code, startDate: day, enrollmentId });
    }

    // a second run, even two at once (a retried cron), queues nothing twice
    const again = await Promise.all([runReminders(), runReminders()]);
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    expect(await remindersFor('class.reminder', everyone)).toHaveLength(2);
  });

  it('queues nothing for a cancelled class starting tomorrow', async () => {
    const cancelled = await createClass({ startIn: 1 });
    const person = await worker(api, '8802');
    expect((await enroll(api, person.token, cancelled.id)).status).toBeLessThan(300);
    await sql(`update public.classes set status = 'cancelled' where id = $1`, [cancelled.id]);
    expect((await runReminders()).status).toBe(200);
    expect(await remindersFor('class.reminder', [person.userId])).toHaveLength(0);
  });

  it('reminds people registered for an evaluation sitting that starts tomorrow (Beijing date), not those who cancelled', async () => {
    const session = await createSession({ startsIn: 72 });
    const [stays, leaves] = [await trainedWorker(api, '8803', session.occupation), await trainedWorker(api, '8803', session.occupation)];
    expect((await signUp(api, stays.token, session.id)).status).toBeLessThan(300);
    const left = await signUp(api, leaves.token, session.id);
    expect(left.status).toBeLessThan(300);
    await sql(`update public.evaluation_registrations set status = 'cancelled', cancelled_at = now() where user_id = $1`, [leaves.userId]);
    // the sitting moves to 09:30 tomorrow, Beijing time
    await sql(
      `update public.evaluation_sessions
          set starts_at = ((public.beijing_today() + 1) + time '09:30') at time zone 'Asia/Shanghai',
              ends_at = ((public.beijing_today() + 1) + time '12:30') at time zone 'Asia/Shanghai',
              signup_closes_at = least(signup_closes_at, ((public.beijing_today() + 1) + time '09:30') at time zone 'Asia/Shanghai')
        where id = $1`,
      [session.id],
    );

    expect((await runReminders()).status).toBe(200);
    const rows = await remindersFor('evaluation.reminder', [stays.userId, leaves.userId]);
    expect(rows.map((r) => r.user_id)).toEqual([stays.userId]);
    expect(rows[0]!.payload).toMatchObject({ sessionId: session.id, sessionCode: session.code, occupationName: session.occupation.name });
  });

  it('refuses callers without the cron secret', async () => {
    expect((await runReminders(null)).status).toBe(401);
    expect((await runReminders('Bearer wrong-secret')).status).toBe(401);
    const person = await worker(api, '8804');
    expect((await api.post('/api/cron/send-reminders', undefined, { token: person.token })).status).toBe(401);
  });
});
