/** Employment outcomes (就业): the person's own report, staff records, and the staff list. */
import type { EmploymentOutcome, EmploymentRecordInput, EmploymentReportInput } from '@jz/shared';
import { callRpc } from '../certificates/db';
import { badRequest, forbidden } from '../errors';
import type { Session } from '../session';

const outcomeArgs = (input: EmploymentReportInput) => ({
  p_employer_name: input.employerName ?? null,
  p_occupation_code: input.occupation ?? null,
  p_hired_on: input.hiredOn,
  p_monthly_pay: input.monthlyPay ?? null,
  p_job_id: input.jobId ?? null,
});

export function reportEmployment(session: Session, input: EmploymentReportInput): Promise<EmploymentOutcome> {
  return callRpc<EmploymentOutcome>(session, 'report_employment', outcomeArgs(input));
}

/** The one scope of a role the caller holds, when they hold exactly one. */
function onlyScope(session: Session, role: 'institution_staff' | 'station_staff'): string | undefined {
  const scopes = session.roles.filter((g) => g.role === role && g.scope).map((g) => g.scope!);
  return scopes.length === 1 ? scopes[0] : undefined;
}

/** Staff record: for their institution or station, named in the input or their only one. */
export function recordEmployment(session: Session, input: EmploymentRecordInput): Promise<EmploymentOutcome> {
  if (!session.roles.some((g) => g.role === 'institution_staff' || g.role === 'station_staff')) {
    throw forbidden('只有培训机构和就业服务站的工作人员可以登记就业');
  }
  let institution = input.institutionCode;
  let station = input.stationCode;
  if (!institution && !station) {
    institution = onlyScope(session, 'institution_staff');
    station = institution ? undefined : onlyScope(session, 'station_staff');
  }
  if (!institution && !station) {
    throw badRequest('请选择由哪个培训机构或服务站登记', { institutionCode: '请填写培训机构编码或服务站编号' });
  }
  return callRpc<EmploymentOutcome>(session, 'record_employment_outcome', {
    p_user_id: input.userId,
    ...outcomeArgs(input),
    p_institution_code: institution ?? null,
    p_station_code: station ?? null,
  });
}

export function outcomesForStaff(session: Session): Promise<{ items: EmploymentOutcome[] }> {
  return callRpc<{ items: EmploymentOutcome[] }>(session, 'employment_outcomes_for_staff', {});
}
