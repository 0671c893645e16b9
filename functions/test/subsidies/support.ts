/** Test data for the subsidy suite: certificates by SQL, people and staff through the API. */
import { randomBytes, randomInt } from 'node:crypto';
import { applicationDeadline, beijingToday, dayjs, residentIdCheckChar, type CatalogLevel, type PersonCategory } from '@jz/shared';
import { sql } from '../harness/db';
import { uniqueName, type ApiClient } from '../support/api';
import { validProfile } from '../support/people';
import { createEvaluator, createOccupation, type TestEvaluator, type TestOccupation } from '../certificates/support';

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

export const today = () => beijingToday();
/** YYYY-MM-DD n days from today (negative: before). */
export const daysFromToday = (n: number) => dayjs(today()).add(n, 'day').format('YYYY-MM-DD');

/** The issue date whose 12-month deadline is exactly today (the last day to apply). */
export function issuedWithDeadlineToday(months = 12): string {
  let issued = dayjs(today()).subtract(months, 'month').format('YYYY-MM-DD');
  // 31 Mar − 12 months and back can land short; walk forward until the deadline is today.
  while (applicationDeadline(issued, months) < today()) issued = dayjs(issued).add(1, 'day').format('YYYY-MM-DD');
  return issued;
}

/** A 社保卡 financial account: `length` digits passing the Luhn check. */
export function bankAccount(length = 19): string {
  const body = `6217${digits(length - 5)}`;
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

let evaluator: TestEvaluator | undefined;

export interface CertificateOptions {
  occupation?: TestOccupation;
  level?: CatalogLevel;
  issuedOn?: string;
  status?: 'valid' | 'revoked';
}

/** A certificate held by the user, written directly (issuance is tested in the certificate suite). */
export async function certificateFor(userId: string, options: CertificateOptions = {}): Promise<{ id: string; occupation: TestOccupation }> {
  evaluator ??= await createEvaluator();
  const level = options.level ?? '4';
  const occupation = options.occupation ?? (await createOccupation({ specialty: level === 'special' }));
  const number = level === 'special' ? `ZX${digits(14)}` : `S${digits(14)}${level}${digits(6)}`;
  const status = options.status ?? 'valid';
  const [row] = await sql<{ id: string }>(
    `insert into public.certificates (certificate_no, type, holder_user_id, holder_name, holder_id_type, holder_id_number_enc,
                                      holder_id_number_hash, holder_id_number_masked, occupation_id, level, institution_id, issued_on,
                                      status, revoked_at, revoke_reason, verify_token, source)
     values ($1, $2, $3, '张三丰', 'resident', 'x', 'x', '990000********0000', $4, $5, $6, $7, $8,
             case when $8 = 'revoked' then now() end, case when $8 = 'revoked' then '测试撤销' end, $9, 'import')
     returning id`,
    [
      number,
      level === 'special' ? 'specialty' : 'skill_level',
      userId,
      occupation.id,
      level === 'special' ? null : level,
      evaluator.id,
      options.issuedOn ?? daysFromToday(-30),
      status,
      randomBytes(30).toString('base64url'),
    ],
  );
  return { id: row!.id, occupation };
}

/** Occupations that certify every level 5…1 (the certificate suite's have 5…3 only). */
export async function occupationAllLevels(): Promise<TestOccupation> {
  const o = await createOccupation();
  await sql(`update public.occupations set levels = '{5,4,3,2,1}' where id = $1`, [o.id]);
  return o;
}

/**
 * A valid resident ID number no other test makes: area 996xxx (not a real area; the certificate
 * suite uses 995xxx), a random birth date in 1970–1999 and a random sequence.
 */
export function subsidyResidentId(): string {
  const birth = dayjs('1970-01-01').add(randomInt(365 * 30), 'day').format('YYYYMMDD');
  const first17 = `996${digits(3)}${birth}${digits(3)}`;
  return first17 + residentIdCheckChar(first17);
}

export interface Applicant {
  token: string;
  userId: string;
}

/** A signed-in worker with a profile: a key group (农村转移就业劳动者) in 朝阳区 unless told otherwise. */
export async function applicant(
  api: ApiClient,
  options: { category?: PersonCategory; district?: string; profile?: boolean } = {},
): Promise<Applicant> {
  const login = await api.devLogin(uniqueName('补贴'));
  if (options.profile !== false) {
    const reply = await api.put(
      '/api/me/profile',
      validProfile({
        idNumber: subsidyResidentId(),
        category: options.category ?? 'rural_migrant',
        district: options.district ?? '110105',
      }),
      { token: login.token },
    );
    if (reply.status !== 200) throw new Error(`profile: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return { token: login.token, userId: login.user.id };
}

export async function staffOf(api: ApiClient, role: 'reviewer' | 'admin' | 'institution_staff' | 'station_staff', scope?: string) {
  const login = await api.devLogin(uniqueName('员工'), [scope ? { role, scope } : { role }] as never);
  return { token: login.token, userId: login.user.id };
}

let keys = 0;
export const newKey = () => `subsidy-key-${process.pid}-${Date.now().toString(36)}-${keys++}`;

/** POST /api/subsidies with a fresh key and a valid declaration unless overridden. */
export function apply(api: ApiClient, token: string, certificateId: string, overrides: Record<string, unknown> = {}, key = newKey()) {
  return api.post(
    '/api/subsidies',
    { certificateId, bankAccount: bankAccount(), consent: true, drawsPension: false, ...overrides },
    { token, headers: { 'Idempotency-Key': key } },
  );
}

/** A prior claim of this programme written directly (status submitted unless told), for the cap and level rules. */
export async function priorApplication(
  userId: string,
  certificate: { id: string; occupation: TestOccupation },
  options: { level?: CatalogLevel; appliedOn?: string; status?: string } = {},
) {
  await sql(
    `insert into public.subsidy_applications (user_id, certificate_id, occupation_id, level, amount, rules_from, district, category,
                                              draws_pension, bank_account_enc, bank_account_hash, bank_account_masked, status,
                                              applied_on, reject_reason)
     values ($1, $2, $3, $4, 1500, '2025-01-01', '110105', 'rural_migrant', false, 'x', 'x', '**** **** **** 0000', $5, $6,
             case when $5 = 'rejected' then '测试不通过' end)`,
    [userId, certificate.id, certificate.occupation.id, options.level ?? '4', options.status ?? 'submitted', options.appliedOn ?? today()],
  );
}

/** The rules the SQL twin fails, for comparison with the pure module. */
export async function sqlFailedRules(userId: string, certificateId: string, drawsPension: boolean | null = false): Promise<string[]> {
  const [row] = await sql<{ r: { failed: string[] } }>(
    `select public.subsidy_failed_rules($1, $2, $3, public.beijing_today()) as r`,
    [userId, certificateId, drawsPension],
  );
  return row!.r.failed;
}
