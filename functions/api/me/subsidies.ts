import type { OwnSubsidyApplication, SubsidyApplication } from '@jz/shared';
import { callRpc } from '../../lib/certificates/db';
import { ok, route } from '../../lib/http';
import { requireSession } from '../../lib/session';
import { subsidyProgress } from '../../lib/subsidies/progress';

/** 我的补贴: the caller's applications, newest first, each with its progress tracker and history. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const apps = await callRpc<SubsidyApplication[]>(session, 'my_subsidy_applications', {});
      const items: OwnSubsidyApplication[] = apps.map((a) => ({ ...a, progress: subsidyProgress(a) }));
      return ok({ items });
    },
  },
  'me/subsidies',
);
