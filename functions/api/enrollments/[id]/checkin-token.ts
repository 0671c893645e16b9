import { enrollmentIdParams, type CheckInToken, type EnrollmentDetail } from '@jz/shared';
import { ApiError, notFound } from '../../../lib/errors';
import { ok, parseQuery, route } from '../../../lib/http';
import { issueCheckInToken } from '../../../lib/enrollment/checkinToken';
import { callRpc } from '../../../lib/enrollment/rpc';
import { dataUri, qrPng } from '../../../lib/qr/qr';
import { requireSession } from '../../../lib/session';

/** The owner's check-in QR code: a signed token valid for 10 minutes, shown in 我的报名 and scanned by staff. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, enrollmentIdParams);
      const { enrollment } = await callRpc<EnrollmentDetail>(session, 'enrollment_detail', { p_enrollment_id: id });
      if (enrollment.userId !== session.userId) throw notFound('找不到这条报名记录');
      if (enrollment.status !== 'enrolled') throw new ApiError(409, 'not_enrolled', '只有“已报名”的班次才有签到码');
      const { token, expiresAt } = issueCheckInToken(enrollment.id);
      const body: CheckInToken = { token, expiresAt, qrcode: dataUri(await qrPng(token, 360)) };
      return ok(body);
    },
  },
  'enrollments/[id]/checkin-token',
);
