import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { createClass, enroll, workers, type Person, type TestClass } from './support';

const api = apiClient(inject('stackUrl'));
const PEOPLE = 300;
const SEATS = 20;

describe(`${PEOPLE} people sign up at once for a ${SEATS}-seat class`, () => {
  let cls: TestClass;
  let people: Person[];
  let replies: Awaited<ReturnType<typeof enroll>>[];

  beforeAll(async () => {
    [cls, people] = await Promise.all([createClass({ capacity: SEATS }), workers(api, '0201', PEOPLE, 30)]);
    replies = await Promise.all(people.map((p) => enroll(api, p.token, cls.id)));
  }, 120_000);

  it(`enrolls exactly ${SEATS} and waitlists the rest with positions 1..${PEOPLE - SEATS}, with no errors`, async () => {
    expect(replies.filter((r) => r.status !== 201).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
    const enrolled = replies.filter((r) => r.body.enrollment.status === 'enrolled');
    const waitlisted = replies.filter((r) => r.body.enrollment.status === 'waitlisted');
    expect(enrolled).toHaveLength(SEATS);
    expect(waitlisted).toHaveLength(PEOPLE - SEATS);
    const positions = waitlisted.map((r) => r.body.enrollment.position).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: PEOPLE - SEATS }, (_, i) => i + 1));

    const [counts] = await sql<{ enrolled: number; waitlisted: number; seats_taken: number; total: number }>(
      `select count(*) filter (where e.status = 'enrolled')::int as enrolled,
              count(*) filter (where e.status = 'waitlisted')::int as waitlisted,
              max(c.enrolled) as seats_taken, count(*)::int as total
       from public.enrollments e join public.classes c on c.id = e.class_id where e.class_id = $1`,
      [cls.id],
    );
    expect(counts).toEqual({ enrolled: SEATS, waitlisted: PEOPLE - SEATS, seats_taken: SEATS, total: PEOPLE });
    // the order of the waitlist is the order the answers gave
    const order = await sql<{ id: string }>(
      `select id from public.enrollments where class_id = $1 and status = 'waitlisted' order by seq`,
      [cls.id],
    );
    const byPosition = [...waitlisted].sort((a, b) => a.body.enrollment.position - b.body.enrollment.position);
    expect(order.map((r) => r.id)).toEqual(byPosition.map((r) => r.body.enrollment.id));
  });

  it('then 5 cancellations give their seats to the first 5 waitlisted, and the list closes up', async () => {
    const enrolledReplies = replies.filter((r) => r.body.enrollment.status === 'enrolled').slice(0, 5);
    const waiting = replies
      .filter((r) => r.body.enrollment.status === 'waitlisted')
      .sort((a, b) => a.body.enrollment.position - b.body.enrollment.position);
    const ownerOf = new Map(replies.map((r, i) => [r.body.enrollment.id as string, people[i]!]));

    const cancels = await Promise.all(
      enrolledReplies.map((r) =>
        api.call('DELETE', `/api/enrollments/${r.body.enrollment.id}`, { token: ownerOf.get(r.body.enrollment.id)!.token }),
      ),
    );
    expect(cancels.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);

    const firstFive = waiting.slice(0, 5).map((r) => r.body.enrollment.id);
    const now = await sql<{ id: string; status: string }>(
      `select id, status from public.enrollments where id = any($1)`,
      [waiting.map((r) => r.body.enrollment.id)],
    );
    const status = new Map(now.map((r) => [r.id, r.status]));
    expect(firstFive.map((id) => status.get(id))).toEqual(Array(5).fill('enrolled'));
    expect(waiting.slice(5).every((r) => status.get(r.body.enrollment.id) === 'waitlisted')).toBe(true);

    const sixth = waiting[5]!;
    const mine = await api.get(`/api/enrollments/${sixth.body.enrollment.id}`, { token: ownerOf.get(sixth.body.enrollment.id)!.token });
    expect(mine.body.enrollment).toMatchObject({ status: 'waitlisted', position: 1 });

    const [counts] = await sql<{ enrolled: number; seats_taken: number; notified: number }>(
      `select count(*) filter (where e.status = 'enrolled')::int as enrolled, max(c.enrolled) as seats_taken,
              (select count(*)::int from public.outbox o where o.event = 'waitlist.promoted' and o.payload ->> 'classId' = $1::uuid::text) as notified
       from public.enrollments e join public.classes c on c.id = e.class_id where e.class_id = $1`,
      [cls.id],
    );
    expect(counts).toEqual({ enrolled: SEATS, seats_taken: SEATS, notified: 5 });
  });
});
