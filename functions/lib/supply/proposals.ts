/** Project proposals (指导目录开发): who may use the proposer endpoints, and the content as the Postgres functions take it. */
import type { ProposalUpdateInput } from '@jz/shared';
import { forbidden } from '../errors';
import type { Session } from '../session';

/** Institution staff propose; reviewers and admins register self-developed projects. The database checks the scope again. */
export function requireProposer(session: Session): void {
  if (!session.roles.some((g) => g.role === 'institution_staff' || g.role === 'reviewer' || g.role === 'admin')) {
    throw forbidden('只有培训机构工作人员和区人社审核人员可以申报培训项目');
  }
}

/** The training institution a staff member proposes for when they name none: their one institution scope, if they have exactly one. */
export function institutionOf(session: Session): string | undefined {
  const scopes = session.roles.filter((g) => g.role === 'institution_staff' && g.scope).map((g) => g.scope!);
  return scopes.length === 1 ? scopes[0] : undefined;
}

/** The proposal's content as propose_project and update_project_proposal take it. */
export function proposalContentArgs(input: ProposalUpdateInput): Record<string, unknown> {
  return {
    p_source_name: input.sourceName ?? null,
    p_title: input.title,
    p_project_type: input.projectType,
    p_field: input.field,
    p_occupations: input.occupations,
    p_level: input.level,
    p_headcount: input.headcount,
    p_content: input.content,
    p_hours: input.hours,
    p_mode: input.mode,
    p_audiences: input.audiences,
    p_funding: input.funding,
    p_fee: input.funding === 'fee' ? (input.fee ?? 0) : 0,
    p_demands: input.demands,
  };
}
