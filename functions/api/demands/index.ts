import { demandDeclarationInput, type DemandDeclaration } from '@jz/shared';
import { callRpc } from '../../lib/certificates/db';
import { created, parseBody, route } from '../../lib/http';
import { requireSession } from '../../lib/session';
import { stationOf } from '../../lib/supply/access';

/** 需求申报: an enterprise declares a skill need (station staff on its behalf, source station); saved as a draft unless `submit`. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      const input = parseBody(req, demandDeclarationInput);
      const demand = await callRpc<DemandDeclaration>(session, 'declare_demand', {
        p_enterprise_name: input.enterpriseName,
        p_credit_code: input.creditCode,
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
        p_station_code: input.stationCode ?? stationOf(session) ?? null,
        p_submit: input.submit ?? false,
      });
      return created({ demand });
    },
  },
  'demands',
);
