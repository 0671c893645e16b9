import { subsidyCheckInput } from '@jz/shared';
import { ok, parseBody, route } from '../../lib/http';
import { requireSession } from '../../lib/session';
import { subsidyCheck } from '../../lib/subsidies/check';

/** 补贴预检: every rule for one of the caller's certificates, each with a plain explanation. Changes nothing. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      const { certificateId, drawsPension } = parseBody(req, subsidyCheckInput);
      return ok(await subsidyCheck(session, certificateId, drawsPension ?? null));
    },
  },
  'subsidies/check',
);
