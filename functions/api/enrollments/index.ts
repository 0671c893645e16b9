import { enrollInput, type EnrollResult } from '@jz/shared';
import { parseBody, route } from '../../lib/http';
import { idempotencyKey } from '../../lib/idempotency';
import { callRpc } from '../../lib/enrollment/rpc';
import { requireSession } from '../../lib/session';

/**
 * Sign-up (报名): one Postgres function decides seat or waitlist atomically. The Idempotency-Key is
 * required: a retry gets the first answer (header Idempotency-Replayed: true), never a second sign-up.
 */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      const input = parseBody(req, enrollInput);
      const key = idempotencyKey(req, { required: true });
      const { replayed, ...body } = await callRpc<EnrollResult & { replayed: boolean }>(session, 'enroll_in_class', {
        p_class_id: input.classId,
        p_station_code: input.stationCode ?? null,
        p_idempotency_key: key,
      });
      const headers: Record<string, string> = replayed ? { 'Idempotency-Replayed': 'true' } : {};
      return { status: 201, body, headers };
    },
  },
  'enrollments',
);
