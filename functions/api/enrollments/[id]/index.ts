import { cancelEnrollmentInput, enrollmentIdParams, type CancelResult, type EnrollmentDetail } from '@jz/shared';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { callRpc } from '../../../lib/enrollment/rpc';
import { requireSession } from '../../../lib/session';

/** One enrollment: its owner reads or cancels it; staff of the class's institution may read it. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, enrollmentIdParams);
      return ok(await callRpc<EnrollmentDetail>(session, 'enrollment_detail', { p_enrollment_id: id }));
    },
    /** Cancels (a waitlisted place any time, a seat before the class starts); the seat goes to the waitlist at once. */
    DELETE: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, enrollmentIdParams);
      // wx.request may send DELETE without a body
      const { reason } = Number(req.headers['content-length'] ?? 0) > 0 ? parseBody(req, cancelEnrollmentInput) : { reason: undefined };
      const result = await callRpc<CancelResult & { promoted?: number }>(session, 'cancel_enrollment', {
        p_enrollment_id: id,
        p_reason: reason || null,
      });
      return ok({ enrollment: result.enrollment, changed: result.changed });
    },
  },
  'enrollments/[id]',
);
