/**
 * Programme-scale data for `npm run bench:stats`, generated inside the database by set-based SQL in
 * chunks: people with profiles, two years of enrollments over the catalog bench's classes, evaluation
 * sittings, registrations and results, certificates, subsidy applications, employment outcomes and
 * open jobs. Every choice is a deterministic hash of a row number (`u(n, salt)`, uniform in [0, 1)),
 * so every run builds the same data. Rows are written the way the funnel and job matching read
 * them; profiles carry placeholder values where the API would store encrypted ID numbers and phones
 * (neither the funnel nor the matching reads those columns). Helper tables live in the `bench`
 * schema of the scratch database.
 */

/** Uniform in [0, 1) from a row number and a salt (hashint8 is built into every PostgreSQL and PGlite). */
export const u = (n: string, salt: number) => `((hashint8((${n})::bigint * 7919 + ${salt})::bigint + 2147483648) / 4294967296.0)`;

/** Districts in order of population share (朝阳 first); index = floor(16 · u^1.3), so 朝阳 holds ~12 %. */
export const DISTRICTS_BY_SIZE = [
  '110105', '110108', '110106', '110114', '110115', '110112', '110113', '110111',
  '110107', '110102', '110101', '110117', '110116', '110118', '110109', '110119',
];
/** The reviewer's district in the bench: the biggest. */
export const REVIEWER_DISTRICT = '110105';

export const CATEGORIES = ['rural_migrant', 'employee', 'registered_unemployed', 'unemployed_graduate', 'hard_to_employ', 'other'] as const;

const sqlArray = (values: readonly string[]) => `array[${values.map((v) => `'${v}'`).join(', ')}]`;

/** Helper tables: row number → id, so chunks can pick people and classes by a hash. */
export function setupSql(): string {
  return `
create schema if not exists bench;
create table bench.people (k integer primary key, user_id uuid not null);
create table bench.classes (k integer primary key, id uuid not null, institution_id uuid not null, field_code text not null,
                            level text not null, occupation_id bigint not null);
create table bench.occupations (k integer primary key, id bigint not null, code text not null, level text not null);
create table bench.evaluators (k integer primary key, id uuid not null);`;
}

/** People n in [from, to]: an account and a profile (district skewed towards the big districts, category by weight). */
export function peopleSql(from: number, to: number): string {
  return `
insert into public.users (openid, display_name, created_at, last_login_at)
select 'bench:stats:' || g.n, '压测学员' || g.n, now() - interval '3 years', now()
from generate_series(${from}, ${to}) as g (n);

insert into bench.people (k, user_id)
select g.n, u.id from generate_series(${from}, ${to}) as g (n) join public.users u on u.openid = 'bench:stats:' || g.n;

insert into public.profiles (user_id, real_name, id_type, id_number_enc, id_number_hash, id_number_masked, birth_date, gender,
                             mobile_enc, mobile_hash, mobile_masked, category, district, household_type, created_at)
select p.user_id, '压测学员', 'resident', 'bench', 'bench:stats:' || p.k, '110105********0000',
       date '1970-01-01' + (${u('p.k', 1)} * 12000)::int, case when ${u('p.k', 2)} < 0.5 then 'male' else 'female' end,
       'bench', 'bench:stats:' || p.k, '138****0000',
       case when ${u('p.k', 3)} < 0.35 then 'rural_migrant' when ${u('p.k', 3)} < 0.60 then 'employee'
            when ${u('p.k', 3)} < 0.75 then 'registered_unemployed' when ${u('p.k', 3)} < 0.85 then 'unemployed_graduate'
            when ${u('p.k', 3)} < 0.90 then 'hard_to_employ' else 'other' end,
       (${sqlArray(DISTRICTS_BY_SIZE)})[1 + floor(16 * power(${u('p.k', 4)}, 1.3))::int],
       (array['beijing_urban', 'beijing_rural', 'other_urban', 'other_rural'])[1 + floor(4 * ${u('p.k', 5)})::int],
       now() - interval '3 years'
from bench.people p where p.k between ${from} and ${to};`;
}

/** After the catalog: the bench classes with their main occupation, evaluators, sittings per occupation, level and month. */
export function referenceSql(): string {
  return `
insert into bench.classes (k, id, institution_id, field_code, level, occupation_id)
select row_number() over (order by c.code), c.id, c.institution_id, pr.field_code, pr.target_level, po.occupation_id
from public.classes c
join public.projects pr on pr.id = c.project_id
join public.project_occupations po on po.project_id = pr.id and po.position = 0
where c.code like 'BC-2099-%';

insert into bench.occupations (k, id, code, level)
select row_number() over (order by o.code), o.id, o.code, o.levels[1]
from public.occupations o where o.id in (select occupation_id from bench.classes);

insert into public.institutions (code, name, kind, carrier_type, certificate_code, whitelist_status, whitelisted_on, district, address)
select 'BEV-' || (900000 + g.n), '压测评价机构' || g.n || '（示例）', 'evaluation', 'social_org', lpad((9000 + g.n)::text, 4, '0'),
       'listed', current_date - 800, (${sqlArray(DISTRICTS_BY_SIZE)})[g.n], '压测考点' || g.n || '号'
from generate_series(1, 8) as g (n);

insert into bench.evaluators (k, id)
select row_number() over (order by code) - 1, id from public.institutions where code like 'BEV-9%';

-- one sitting per occupation, level and month (25 months), by one of the evaluators
insert into public.evaluation_sessions (code, institution_id, occupation_id, level, starts_at, ends_at, district, place, capacity,
                                        registered, signup_opens_at, signup_closes_at, status)
select 'PJ-2099-' || (1000000 + row_number() over (order by x.occupation_id, x.level, m.m)),
       ev.id, x.occupation_id, x.level, s.at, s.at + interval '3 hours', '110105', '压测考点', 10000, 0,
       s.at - interval '30 days', s.at - interval '1 day', 'closed'
from (select distinct occupation_id, level from bench.classes) x
cross join generate_series(0, 25) as m (m)
cross join lateral (select date_trunc('month', now() - interval '25 months') + make_interval(months => m.m, days => 14, hours => 1) as at) s
join bench.evaluators ev on ev.k = (x.occupation_id + m.m) % 8;`;
}

/**
 * Enrollments k in [from, to] of `total`, over the last two years: person and class by hash; older
 * sign-ups mostly completed (63 %), dropped, cancelled; the last 45 days enrolled or waitlisted.
 * ~30 % came through one of the stations. A repeat of a live sign-up for the same class is skipped.
 */
export function enrollmentsSql(from: number, to: number, people: number, classes: number): string {
  return `
with e as (
  select g.k, now() - (${u('g.k', 11)} * 730) * interval '1 day' as at, ${u('g.k', 14)} as r
  from generate_series(${from}, ${to}) as g (k)
), st as (select array_agg(id order by code) as ids from public.stations)
insert into public.enrollments (class_id, user_id, status, referral_station_id, enrolled_at, cancelled_at, cancel_reason,
                                completed_at, attended_sessions, dropped_at, drop_reason, created_at, updated_at)
select c.id, p.user_id, s.status,
       case when ${u('e.k', 15)} < 0.3 and cardinality(st.ids) > 0 then st.ids[1 + floor(${u('e.k', 16)} * cardinality(st.ids))::int] end,
       case when s.status in ('enrolled', 'completed', 'dropped') then e.at end,
       case when s.status = 'cancelled' then e.at + interval '2 days' end,
       case when s.status = 'cancelled' then '个人原因' end,
       case when s.status = 'completed' then e.at + interval '30 days' end,
       case when s.status = 'completed' then 10 end,
       case when s.status = 'dropped' then e.at + interval '12 days' end,
       case when s.status = 'dropped' then '缺勤过多' end,
       e.at, e.at
from e
cross join st
join bench.people p on p.k = 1 + floor(${u('e.k', 12)} * ${people})::int
join bench.classes c on c.k = 1 + floor(${u('e.k', 13)} * ${classes})::int
cross join lateral (select case
  when e.at > now() - interval '45 days' then case when e.r < 0.7 then 'enrolled' when e.r < 0.85 then 'waitlisted' else 'cancelled' end
  when e.r < 0.63 then 'completed' when e.r < 0.75 then 'dropped' when e.r < 0.95 then 'cancelled' else 'enrolled' end as status) s
on conflict do nothing;`;
}

/**
 * The later steps, for completed enrollments with seq in [from, to]: ~42 % of those completed more
 * than a month ago register for the sitting of their occupation and level the month after and get a
 * result (75 % pass, 20 % fail, 5 % absent); every pass issues a certificate (3 % later revoked);
 * ~30 % of valid certificates have a subsidy application in one of the statuses; ~25 % of completers
 * are hired (mostly after signing up, some before).
 */
export function stepsSql(from: number, to: number): string {
  const done = `e.status = 'completed' and e.seq between ${from} and ${to}`;
  return `
insert into public.evaluation_registrations (id, session_id, user_id, status, basis, enrollment_id, created_at, updated_at)
select md5('reg:' || e.seq)::uuid, s.id, e.user_id, 'evaluated', 'training', e.id, e.completed_at + interval '3 days', e.completed_at + interval '3 days'
from public.enrollments e
join bench.classes c on c.id = e.class_id
join public.evaluation_sessions s on s.occupation_id = c.occupation_id and s.level = c.level and s.code like 'PJ-2099-%'
  and s.starts_at >= date_trunc('month', e.completed_at) + interval '1 month' and s.starts_at < date_trunc('month', e.completed_at) + interval '2 months'
where ${done} and e.completed_at < now() - interval '30 days' and ${u('e.seq', 21)} < 0.42
on conflict do nothing;

insert into public.certificates (id, certificate_no, type, holder_user_id, holder_name, holder_id_type, holder_id_number_enc,
                                 holder_id_number_hash, holder_id_number_masked, occupation_id, level, institution_id, issued_on,
                                 status, revoked_at, revoke_reason, verify_token, source, created_at)
select md5('cert:' || e.seq)::uuid,
       case when c.level = 'special' then 'ZX' || lpad(e.seq::text, 14, '0') else 'S' || lpad(e.seq::text, 14, '0') || c.level || '900000' end,
       case when c.level = 'special' then 'specialty' else 'skill_level' end,
       e.user_id, '压测学员', 'resident', 'bench', 'bench:' || e.user_id, '110105********0000', c.occupation_id,
       case when c.level = 'special' then null else c.level end, s.institution_id, (s.starts_at + interval '20 days')::date,
       case when ${u('e.seq', 23)} < 0.03 then 'revoked' else 'valid' end,
       case when ${u('e.seq', 23)} < 0.03 then s.starts_at + interval '60 days' end,
       case when ${u('e.seq', 23)} < 0.03 then '压测撤销' end,
       md5('verify:' || e.seq), 'evaluation', s.starts_at + interval '20 days'
from public.enrollments e
join public.evaluation_registrations r on r.enrollment_id = e.id and r.id = md5('reg:' || e.seq)::uuid
join public.evaluation_sessions s on s.id = r.session_id
join bench.classes c on c.id = e.class_id
where ${done} and ${u('e.seq', 22)} < 0.75;

insert into public.evaluation_results (registration_id, session_id, outcome, score, certificate_id, recorded_at)
select r.id, r.session_id,
       case when ${u('e.seq', 22)} < 0.75 then 'pass' when ${u('e.seq', 22)} < 0.95 then 'fail' else 'absent' end,
       case when ${u('e.seq', 22)} < 0.75 then 60 + floor(${u('e.seq', 24)} * 40) when ${u('e.seq', 22)} < 0.95 then 30 + floor(${u('e.seq', 24)} * 29) end,
       case when ${u('e.seq', 22)} < 0.75 then md5('cert:' || e.seq)::uuid end,
       r.created_at + interval '20 days'
from public.enrollments e
join public.evaluation_registrations r on r.enrollment_id = e.id and r.id = md5('reg:' || e.seq)::uuid
where ${done};

insert into public.subsidy_applications (user_id, certificate_id, occupation_id, level, amount, rules_from, district, category,
                                         draws_pension, bank_account_enc, bank_account_hash, bank_account_masked, status, applied_on,
                                         reject_reason, publicity_start, publicity_end, payment_ref, paid_on, created_at, updated_at)
select ct.holder_user_id, ct.id, ct.occupation_id, coalesce(ct.level, 'special'),
       case coalesce(ct.level, 'special') when '5' then 1000 when '4' then 1500 when '3' then 2000 when '2' then 2500 when '1' then 3000 else 800 end,
       '2025-01-01', pf.district, pf.category, false, 'bench', 'bench', '**** **** **** 0000', x.status, ct.issued_on + 10,
       case when x.status = 'rejected' then '压测不通过' end,
       case when x.status in ('publicised', 'paid') then ct.issued_on + 30 end,
       case when x.status in ('publicised', 'paid') then ct.issued_on + 37 end,
       case when x.status = 'paid' then 'BENCH-PAY-' || e.seq end,
       case when x.status = 'paid' then ct.issued_on + 50 end,
       ct.created_at + interval '10 days', ct.created_at + interval '10 days'
from public.enrollments e
join public.certificates ct on ct.id = md5('cert:' || e.seq)::uuid and ct.status = 'valid'
join public.profiles pf on pf.user_id = ct.holder_user_id
cross join lateral (select case
  when ${u('e.seq', 26)} < 0.15 then 'submitted' when ${u('e.seq', 26)} < 0.30 then 'under_review'
  when ${u('e.seq', 26)} < 0.45 then 'approved' when ${u('e.seq', 26)} < 0.55 then 'publicised'
  when ${u('e.seq', 26)} < 0.85 then 'paid' when ${u('e.seq', 26)} < 0.95 then 'rejected' else 'withdrawn' end as status) x
where ${done} and ${u('e.seq', 25)} < 0.30;

insert into public.employment_outcomes (user_id, employer_name, hired_on, monthly_pay, source, recorded_by, created_at)
select e.user_id, '压测用人单位' || (1 + floor(${u('e.seq', 28)} * 500)::int),
       least((e.completed_at at time zone 'Asia/Shanghai')::date + case when ${u('e.seq', 29)} < 0.1 then -60 else 5 + floor(${u('e.seq', 29)} * 90)::int end,
             (now() at time zone 'Asia/Shanghai')::date),
       4000 + floor(${u('e.seq', 30)} * 8000), 'self', e.user_id, e.completed_at + interval '20 days'
from public.enrollments e
where ${done} and ${u('e.seq', 27)} < 0.25
on conflict do nothing;`;
}

/** Enterprises and jobs: `open` open, unexpired jobs in the bench occupations, plus a tenth as many closed and expired ones. */
export function jobsSql(open: number): string {
  const extra = Math.ceil(open / 10);
  return `
insert into public.enterprises (name, credit_code, district, address, contact_name, contact_phone)
select '压测用人单位' || g.n || '（示例）', '91' || lpad((9000000000000000 + g.n)::text, 16, '0'),
       (${sqlArray(DISTRICTS_BY_SIZE)})[1 + g.n % 16], '压测路' || g.n || '号', '压测', '010-60000000'
from generate_series(1, 200) as g (n);

with ent as (select row_number() over (order by credit_code) - 1 as k, id from public.enterprises where name like '压测用人单位%'),
     oc as (select count(*)::int as n from bench.occupations)
insert into public.jobs (enterprise_id, title, occupation_id, level, openings, pay_min, pay_max, district, address, benefits, description,
                         contact_name, contact_phone, valid_until, status, closed_at, source, created_at, updated_at)
select ent.id, left(o.name, 24) || '（压测' || g.n || '）', bo.id,
       case when ${u('g.n', 42)} < 0.4 then null else bo.level end,
       1 + floor(${u('g.n', 43)} * 20)::int, 4000 + 500 * floor(${u('g.n', 44)} * 8)::int, 8000 + 500 * floor(${u('g.n', 44)} * 16)::int,
       (${sqlArray(DISTRICTS_BY_SIZE)})[1 + floor(16 * power(${u('g.n', 45)}, 1.3))::int], '压测路' || g.n || '号',
       array['五险一金'], '压测岗位，不对外展示。', '压测', '010-60000000',
       case when g.n > ${open} + ${extra} then current_date - 1 - (g.n % 30) else current_date + 1 + floor(${u('g.n', 46)} * 90)::int end,
       case when g.n > ${open} and g.n <= ${open} + ${extra} then 'closed' else 'open' end,
       case when g.n > ${open} and g.n <= ${open} + ${extra} then now() - interval '1 day' end,
       'enterprise', now() - (${u('g.n', 47)} * 60) * interval '1 day', now() - (${u('g.n', 47)} * 60) * interval '1 day'
from generate_series(1, ${open + 2 * extra}) as g (n)
cross join oc
join bench.occupations bo on bo.k = 1 + floor(${u('g.n', 41)} * oc.n)::int
join public.occupations o on o.id = bo.id
join ent on ent.k = g.n % 200;`;
}

/**
 * The people job matching is measured for: the first `count` holders of a valid certificate (in
 * person order), given 0–2 more certificates (person k gets k mod 3) so most hold 1–3.
 */
export function matchPeopleSql(count: number): string {
  return `
create table bench.match_people (k integer primary key, user_id uuid not null);
insert into bench.match_people (k, user_id)
select row_number() over (order by x.k), x.user_id
from (select distinct p.k, p.user_id from bench.people p
      join public.certificates c on c.holder_user_id = p.user_id and c.status = 'valid') x
order by x.k limit ${count};

with oc as (select count(*)::int as n from bench.occupations)
insert into public.certificates (certificate_no, type, holder_user_id, holder_name, holder_id_type, holder_id_number_enc,
                                 holder_id_number_hash, holder_id_number_masked, occupation_id, level, institution_id, issued_on,
                                 status, verify_token, source)
select case when bo.level = 'special' then 'ZX' || lpad((90000000000000 + m.k * 10 + x.i)::text, 14, '0')
            else 'Y' || lpad((90000000000000 + m.k * 10 + x.i)::text, 14, '0') || bo.level || '900000' end,
       case when bo.level = 'special' then 'specialty' else 'skill_level' end,
       m.user_id, '压测学员', 'resident', 'bench', 'bench:' || m.user_id, '110105********0000', bo.id,
       case when bo.level = 'special' then null else bo.level end, ev.id, current_date - 100,
       'valid', md5('extra:' || m.k || ':' || x.i), 'evaluation'
from bench.match_people m
cross join oc
cross join lateral generate_series(1, m.k % 3) as x (i)
join bench.occupations bo on bo.k = 1 + floor(${u('m.k * 10 + x.i', 51)} * oc.n)::int
join bench.evaluators ev on ev.k = 0;`;
}
