import type { CatalogLevel, EvaluationScope, WhitelistStatus } from '@jz/shared';
import { throwDbError } from '../../lib/dbErrors';
import { forbidden } from '../../lib/errors';
import { ok, route } from '../../lib/http';
import { requireSession } from '../../lib/session';
import { userDb } from '../../lib/supabase';

interface ScopeRow {
  code: string;
  name: string;
  district: string;
  whitelist_status: WhitelistStatus;
  institution_occupations: Array<{ levels: CatalogLevel[]; occupations: { code: string; name: string; is_specialty: boolean } }>;
}

/**
 * GET: what the caller's evaluation institutions may schedule sittings for — each occupation in their evaluation
 * scope with its levels, the institution's district (the form's default) and whitelist status (drafts only when
 * not listed). Evaluator staff only; RLS limits rows to their own institutions.
 */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const scopes = session.roles.filter((g) => g.role === 'evaluator_staff' && g.scope).map((g) => g.scope!);
      if (scopes.length === 0) throw forbidden('只有评价机构工作人员可以查看本机构的评价范围');
      const { data, error } = await userDb(session.token)
        .from('institutions')
        .select('code, name, district, whitelist_status, institution_occupations(levels, occupations!inner(code, name, is_specialty))')
        .in('code', scopes)
        .eq('kind', 'evaluation')
        .order('code')
        .returns<ScopeRow[]>();
      if (error) throwDbError(error, 'evaluation scope');
      const body: EvaluationScope = {
        institutions: (data ?? []).map((i) => ({
          code: i.code,
          name: i.name,
          district: i.district,
          whitelistStatus: i.whitelist_status,
          occupations: i.institution_occupations
            .map((io) => ({ code: io.occupations.code, name: io.occupations.name, isSpecialty: io.occupations.is_specialty, levels: io.levels }))
            .sort((a, b) => a.code.localeCompare(b.code)),
        })),
      };
      return ok(body);
    },
  },
  'evaluation-sessions/scope',
);
