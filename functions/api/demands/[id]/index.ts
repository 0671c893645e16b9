import { demandIdParams, demandUpdateInput, type DemandDeclaration } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';

/** The declarer corrects a draft or a returned declaration before (re)submitting it; the enterprise stays. */
export default route(
  {
    PUT: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, demandIdParams);
      const input = parseBody(req, demandUpdateInput);
      const demand = await callRpc<DemandDeclaration>(session, 'update_demand', {
        p_id: id,
        p_contact_name: input.contactName,
        p_contact_phone: input.contactPhone,
        p_occupation_code: input.occupation,
        p_level: input.level ?? null,
        p_headcount: input.headcount,
        p_skills: input.skills,
        p_district: input.district,
        p_wanted_by: input.wantedBy,
        p_pay_min: input.payMin ?? null,
        p_pay_max: input.payMax ?? null,
      });
      return ok({ demand });
    },
  },
  'demands/[id]',
);
