import { checkInInput, type CheckInResult } from '@jz/shared';
import { ok, parseBody, route } from '../lib/http';
import { verifyCheckInToken } from '../lib/enrollment/checkinToken';
import { callRpc, requireInstitutionStaff } from '../lib/enrollment/rpc';
import { requireSession } from '../lib/session';

/**
 * Institution staff scan a person's check-in code. Attendance is recorded once per session day; a
 * repeated scan answers `already_checked_in`. Staff of another institution, or a code of another
 * class than the one given, are refused with 403.
 */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireInstitutionStaff(session);
      const input = parseBody(req, checkInInput);
      const enrollmentId = verifyCheckInToken(input.token);
      return ok(
        await callRpc<CheckInResult>(session, 'check_in', {
          p_enrollment_id: enrollmentId,
          p_session_date: input.sessionDate,
          p_class_id: input.classId ?? null,
        }),
      );
    },
  },
  'checkins',
);
