/*
 * Skills-upgrading subsidy (职业技能提升补助): the rule figures (subsidy_rules, versioned by effective
 * date), claims on the unemployment-insurance fund recorded by admins (external_subsidy_claims),
 * applications, their state machine (subsidy_transitions) and audit trail (subsidy_events).
 *
 * The rules are shared/rules/subsidy.ts. The API runs that module for the pre-check and for the
 * explanations; submit_subsidy_application re-checks every rule here, in SQL, under a per-person
 * advisory lock, so two submissions at once yield one application. subsidy_failed_rules is the SQL
 * twin of checkSubsidy and must stay equivalent to it (functions/test/subsidies compare both).
 *
 * Every change goes through one security definer function (submit_subsidy_application,
 * transition_subsidy, transition_subsidies): each locks what it needs, checks the caller, moves
 * along an allowed transition, writes a subsidy_events row and queues subsidy.status_changed for
 * the applicant. Nothing else writes these tables.
 *
 * Bank accounts (社保卡 financial account) are sealed by the API like ID numbers: ciphertext, keyed
 * hash and masked form. The database never sees the plain number.
 */

/* ---------------------------------------------------------------- rule figures */

create table public.subsidy_rules (
  effective_from date primary key,
  eligible_categories text[] not null check (cardinality(eligible_categories) >= 1 and eligible_categories <@ array[
    'rural_migrant', 'unemployed_graduate', 'registered_unemployed', 'hard_to_employ', 'employee', 'other']),
  amounts jsonb not null check (jsonb_typeof(amounts) = 'object'),
  deadline_months integer not null check (deadline_months between 1 and 120),
  annual_cap integer not null check (annual_cap between 0 and 100),
  min_age integer not null check (min_age between 0 and 100),
  note text not null default '',
  created_at timestamptz not null default now()
);
comment on table public.subsidy_rules is 'Subsidy figures, one row per version; the row in force on a day is the latest whose effective_from is not after it (ruleSetOn in shared/rules/subsidy.ts).';
comment on column public.subsidy_rules.effective_from is 'First day (Beijing) these figures apply.';
comment on column public.subsidy_rules.eligible_categories is 'Person categories (profiles.category) that may claim: the four key groups by default.';
comment on column public.subsidy_rules.amounts is 'Yuan per certificate level: keys ''5''…''1'' and ''special''; a level missing is not subsidised.';
comment on column public.subsidy_rules.deadline_months is 'Apply within this many months of the issue date (the last day included).';
comment on column public.subsidy_rules.annual_cap is 'Subsidies of this fund per person per calendar year.';
comment on column public.subsidy_rules.min_age is 'Minimum age (full years) on the day of applying.';
comment on column public.subsidy_rules.note is 'Where the figures come from.';
comment on column public.subsidy_rules.created_at is 'When the row was written.';

revoke all on table public.subsidy_rules from anon, authenticated;
grant select on table public.subsidy_rules to anon, authenticated;
grant all on table public.subsidy_rules to service_role;
alter table public.subsidy_rules enable row level security;
create policy "Anyone can read the subsidy rules"
  on public.subsidy_rules for select to anon, authenticated using (true);

-- POLICY.md's figures: production needs them as much as development (seeds/60_subsidies.sql repeats them idempotently).
insert into public.subsidy_rules (effective_from, eligible_categories, amounts, deadline_months, annual_cap, min_age, note)
values ('2025-01-01', array['rural_migrant', 'unemployed_graduate', 'registered_unemployed', 'hard_to_employ'],
        '{"5": 1000, "4": 1500, "3": 2000, "2": 2500, "1": 3000, "special": 800}', 12, 3, 16,
        'POLICY.md: 五级1000 四级1500 三级2000 (national and Beijing figures); 二级2500 一级3000 专项800 local examples.')
on conflict (effective_from) do nothing;

/* ---------------------------------------------------------------- other-fund claims */

create table public.external_subsidy_claims (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  certificate_id uuid not null unique references public.certificates (id),
  fund text not null default 'unemployment_insurance' check (fund in ('unemployment_insurance')),
  claimed_on date not null,
  recorded_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.external_subsidy_claims is 'Certificates already subsidised by another fund (失业保险技能提升补贴), recorded by admins or import, so one certificate draws one subsidy.';
comment on column public.external_subsidy_claims.id is 'Row id.';
comment on column public.external_subsidy_claims.user_id is 'Who claimed.';
comment on column public.external_subsidy_claims.certificate_id is 'The certificate the claim was for.';
comment on column public.external_subsidy_claims.fund is 'The other fund: unemployment_insurance.';
comment on column public.external_subsidy_claims.claimed_on is 'Day the claim was filed.';
comment on column public.external_subsidy_claims.recorded_by is 'Admin who recorded it.';
comment on column public.external_subsidy_claims.created_at is 'When the row was written.';

create index external_subsidy_claims_user on public.external_subsidy_claims (user_id);

revoke all on table public.external_subsidy_claims from anon, authenticated;
grant select on table public.external_subsidy_claims to authenticated;
grant all on table public.external_subsidy_claims to service_role;
alter table public.external_subsidy_claims enable row level security;
create policy "People can read their own other-fund claims"
  on public.external_subsidy_claims for select to authenticated using (user_id = auth.uid());
create policy "Admins read other-fund claims"
  on public.external_subsidy_claims for select to authenticated using (public.has_role('admin'));

/* ---------------------------------------------------------------- applications */

create table public.subsidy_applications (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,
  user_id uuid not null references public.users (id) on delete cascade,
  certificate_id uuid not null references public.certificates (id),
  occupation_id bigint not null references public.occupations (id),
  level text not null check (level in ('5', '4', '3', '2', '1', 'special')),
  amount integer not null check (amount > 0),
  rules_from date not null references public.subsidy_rules (effective_from),
  district text not null check (district ~ '^1101(0[1-9]|1[1-9])$'),
  category text not null,
  draws_pension boolean not null check (not draws_pension),
  bank_account_enc text not null,
  bank_account_hash text not null,
  bank_account_masked text not null,
  status text not null default 'submitted'
    check (status in ('submitted', 'under_review', 'approved', 'publicised', 'paid', 'rejected', 'withdrawn')),
  applied_on date not null default public.beijing_today(),
  reject_reason text check (char_length(reject_reason) between 2 and 200),
  publicity_start date,
  publicity_end date,
  payment_ref text check (char_length(payment_ref) between 1 and 64),
  paid_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint subsidy_applications_rejected_has_reason check (status <> 'rejected' or reject_reason is not null),
  constraint subsidy_applications_paid_has_ref check (status <> 'paid' or (payment_ref is not null and paid_on is not null))
);
comment on table public.subsidy_applications is '补贴申请: one person''s claim for one certificate, from submission to payment, rejection or withdrawal.';
comment on column public.subsidy_applications.id is 'Row id.';
comment on column public.subsidy_applications.seq is 'Order of submission (list cursor).';
comment on column public.subsidy_applications.user_id is 'The applicant (the certificate''s holder).';
comment on column public.subsidy_applications.certificate_id is 'The certificate claimed for.';
comment on column public.subsidy_applications.occupation_id is 'The certificate''s occupation (copied for lists and statistics).';
comment on column public.subsidy_applications.level is 'The certificate''s level, or special (专项职业能力证书).';
comment on column public.subsidy_applications.amount is 'Yuan, from the rules in force on the day of applying.';
comment on column public.subsidy_applications.rules_from is 'The subsidy_rules version applied.';
comment on column public.subsidy_applications.district is 'The applicant''s profile district at submission: the reviewing district.';
comment on column public.subsidy_applications.category is 'The applicant''s person category at submission (statistics).';
comment on column public.subsidy_applications.draws_pension is 'The applicant''s declaration: always false (drawing a pension excludes the subsidy).';
comment on column public.subsidy_applications.bank_account_enc is '社保卡 financial account, AES-256-GCM ciphertext made by the API.';
comment on column public.subsidy_applications.bank_account_hash is 'Keyed HMAC of the account number.';
comment on column public.subsidy_applications.bank_account_masked is 'The account as responses show it: **** **** **** 1234.';
comment on column public.subsidy_applications.status is 'submitted, under_review, approved, publicised (公示), paid, rejected or withdrawn; moves per subsidy_transitions.';
comment on column public.subsidy_applications.applied_on is 'Day of submission (Beijing): counts towards that calendar year''s cap.';
comment on column public.subsidy_applications.reject_reason is 'Why it was rejected.';
comment on column public.subsidy_applications.publicity_start is 'First day of the public notice (公示).';
comment on column public.subsidy_applications.publicity_end is 'Last day of the public notice: payment from this day on.';
comment on column public.subsidy_applications.payment_ref is 'Payment reference (转账流水号) recorded with the payment.';
comment on column public.subsidy_applications.paid_on is 'Day payment was recorded.';
comment on column public.subsidy_applications.created_at is 'When it was submitted.';
comment on column public.subsidy_applications.updated_at is 'When the status last changed.';

-- One live claim per certificate; a rejected or withdrawn one may be followed by a new one.
create unique index subsidy_applications_one_live on public.subsidy_applications (certificate_id)
  where status not in ('rejected', 'withdrawn');
create index subsidy_applications_user on public.subsidy_applications (user_id, applied_on);
create index subsidy_applications_review on public.subsidy_applications (district, status, seq);

revoke all on table public.subsidy_applications from anon, authenticated;
-- Ciphertext and hash are for the functions only.
grant select (id, seq, user_id, certificate_id, occupation_id, level, amount, rules_from, district, category, draws_pension,
              bank_account_masked, status, applied_on, reject_reason, publicity_start, publicity_end, payment_ref, paid_on,
              created_at, updated_at)
  on table public.subsidy_applications to authenticated;
grant all on table public.subsidy_applications to service_role;
alter table public.subsidy_applications enable row level security;

create policy "Applicants can read their own subsidy applications"
  on public.subsidy_applications for select to authenticated using (user_id = auth.uid());
create policy "Reviewers read the applications of their district"
  on public.subsidy_applications for select to authenticated using (public.has_role('reviewer', district));
create policy "Admins read every subsidy application"
  on public.subsidy_applications for select to authenticated using (public.has_role('admin'));

/* ---------------------------------------------------------------- states and audit */

create table public.subsidy_transitions (
  from_status text not null,
  to_status text not null,
  actor text not null check (actor in ('applicant', 'reviewer')),
  description text not null,
  primary key (from_status, to_status)
);
comment on table public.subsidy_transitions is 'The application state machine: the only moves transition_subsidy makes. Applications start submitted.';
comment on column public.subsidy_transitions.from_status is 'Status the application must be in.';
comment on column public.subsidy_transitions.to_status is 'Status it moves to.';
comment on column public.subsidy_transitions.actor is 'Who may make the move: the applicant, or a reviewer of the district (admins too).';
comment on column public.subsidy_transitions.description is 'When this happens, in words.';

revoke all on table public.subsidy_transitions from anon, authenticated;
grant select on table public.subsidy_transitions to anon, authenticated;
grant all on table public.subsidy_transitions to service_role;
alter table public.subsidy_transitions enable row level security;
create policy "Anyone can read the subsidy state machine"
  on public.subsidy_transitions for select to anon, authenticated using (true);

insert into public.subsidy_transitions (from_status, to_status, actor, description) values
  ('submitted', 'under_review', 'reviewer', 'The district starts its first review (初审).'),
  ('submitted', 'rejected', 'reviewer', 'The district refuses it outright, with a reason.'),
  ('submitted', 'withdrawn', 'applicant', 'The applicant withdraws it before review starts.'),
  ('under_review', 'approved', 'reviewer', 'The review approves it.'),
  ('under_review', 'rejected', 'reviewer', 'The review refuses it, with a reason.'),
  ('approved', 'publicised', 'reviewer', 'The public notice (公示) starts today and lasts 7 days.'),
  ('publicised', 'rejected', 'reviewer', 'An objection during the public notice holds up, with a reason.'),
  ('publicised', 'paid', 'reviewer', 'Paid to the 社保卡 account after the notice ended, with the payment reference.');

create table public.subsidy_events (
  id bigint generated always as identity primary key,
  application_id uuid not null references public.subsidy_applications (id) on delete cascade,
  actor_id uuid references public.users (id) on delete set null,
  from_status text,
  to_status text not null,
  reason text,
  created_at timestamptz not null default now()
);
comment on table public.subsidy_events is 'Audit trail of every application: one row per status change (the first has no from_status).';
comment on column public.subsidy_events.id is 'Order of events.';
comment on column public.subsidy_events.application_id is 'The application.';
comment on column public.subsidy_events.actor_id is 'Who made the change.';
comment on column public.subsidy_events.from_status is 'Status before (null for the submission).';
comment on column public.subsidy_events.to_status is 'Status after.';
comment on column public.subsidy_events.reason is 'Reason given (rejection, withdrawal) or the payment reference.';
comment on column public.subsidy_events.created_at is 'When.';

create index subsidy_events_application on public.subsidy_events (application_id, id);

revoke all on table public.subsidy_events from anon, authenticated;
grant select on table public.subsidy_events to authenticated;
grant all on table public.subsidy_events to service_role;
alter table public.subsidy_events enable row level security;
create policy "Applicants and the district's reviewers read an application's events"
  on public.subsidy_events for select to authenticated
  using (exists (select 1 from public.subsidy_applications a where a.id = application_id));

/* ---------------------------------------------------------------- rules (SQL twin of shared/rules/subsidy.ts) */

create or replace function public.subsidy_rules_on(p_day date)
returns public.subsidy_rules
language sql
stable
set search_path = ''
as $$
  select r.* from public.subsidy_rules r where r.effective_from <= p_day order by r.effective_from desc limit 1;
$$;
revoke all on function public.subsidy_rules_on(date) from public, anon, authenticated;

/* Claims that count against a person: live applications of this programme and other-fund claims (PriorClaim). */
create or replace function public.subsidy_claims_of(p_user_id uuid)
returns table (certificate_id uuid, occupation_code text, occupation_name text, level text, fund text, applied_on date)
language sql
stable
set search_path = ''
as $$
  select a.certificate_id, o.code, o.name, a.level, 'programme', a.applied_on
  from public.subsidy_applications a join public.occupations o on o.id = a.occupation_id
  where a.user_id = p_user_id and a.status not in ('rejected', 'withdrawn')
  union all
  select x.certificate_id, o.code, o.name, coalesce(c.level, 'special'), x.fund, x.claimed_on
  from public.external_subsidy_claims x
  join public.certificates c on c.id = x.certificate_id
  join public.occupations o on o.id = c.occupation_id
  where x.user_id = p_user_id;
$$;
revoke all on function public.subsidy_claims_of(uuid) from public, anon, authenticated;

/* Rank of a level, 五级 1 … 一级 5; null for 专项 (never higher or lower), like LEVELS[..].rank. */
create or replace function public.subsidy_level_rank(p_level text)
returns integer
language sql
immutable
set search_path = ''
as $$ select case when p_level in ('1', '2', '3', '4', '5') then 6 - p_level::integer end $$;

/*
 * The rules checkSubsidy fails for this person, certificate and declaration on p_today, in its
 * order, with the amount the rules in force give: { failed: [rule…], amount, rulesFrom }.
 */
create or replace function public.subsidy_failed_rules(p_user_id uuid, p_certificate_id uuid, p_draws_pension boolean, p_today date)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_rules public.subsidy_rules := public.subsidy_rules_on(p_today);
  v_cert record;
  v_profile public.profiles;
  v_failed text[] := '{}';
  v_amount integer;
  v_this_year integer;
begin
  if v_rules.effective_from is null then
    raise exception using errcode = 'PT409', message = 'subsidy_rules_missing';
  end if;
  select c.id, c.status, c.issued_on, coalesce(c.level, 'special') as level, o.code as occupation_code
    into v_cert
  from public.certificates c join public.occupations o on o.id = c.occupation_id
  where c.id = p_certificate_id and c.holder_user_id = p_user_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'certificate_not_found';
  end if;
  select * into v_profile from public.profiles p where p.user_id = p_user_id;

  if v_cert.status <> 'valid' then v_failed := array_append(v_failed, 'certificate_valid'); end if;
  if v_profile.category is null or not (v_profile.category = any (v_rules.eligible_categories)) then
    v_failed := array_append(v_failed, 'person_category');
  end if;
  if v_profile.birth_date is null or extract(year from age(p_today, v_profile.birth_date)) < v_rules.min_age then
    v_failed := array_append(v_failed, 'age');
  end if;
  if p_draws_pension is distinct from false then v_failed := array_append(v_failed, 'no_pension'); end if;
  if p_today > (v_cert.issued_on + make_interval(months => v_rules.deadline_months))::date then
    v_failed := array_append(v_failed, 'deadline');
  end if;
  if exists (select 1 from public.subsidy_claims_of(p_user_id) k where k.certificate_id = v_cert.id) then
    v_failed := array_append(v_failed, 'one_per_certificate');
  end if;
  if exists (select 1 from public.subsidy_claims_of(p_user_id) k
             where k.certificate_id <> v_cert.id and k.occupation_code = v_cert.occupation_code and k.level = v_cert.level) then
    v_failed := array_append(v_failed, 'same_occupation_level');
  end if;
  if exists (select 1 from public.subsidy_claims_of(p_user_id) k
             where k.occupation_code = v_cert.occupation_code
               and public.subsidy_level_rank(k.level) > public.subsidy_level_rank(v_cert.level)) then
    v_failed := array_append(v_failed, 'lower_level');
  end if;
  select count(*) into v_this_year from public.subsidy_claims_of(p_user_id) k
  where k.fund = 'programme' and extract(year from k.applied_on) = extract(year from p_today);
  if v_this_year >= v_rules.annual_cap then v_failed := array_append(v_failed, 'annual_cap'); end if;
  v_amount := (v_rules.amounts ->> v_cert.level)::integer;
  if v_amount is null or v_amount <= 0 then v_failed := array_append(v_failed, 'amount'); end if;

  return jsonb_build_object('failed', to_jsonb(v_failed), 'amount', case when cardinality(v_failed) = 0 then v_amount else 0 end,
                            'rulesFrom', v_rules.effective_from);
end;
$$;
revoke all on function public.subsidy_failed_rules(uuid, uuid, boolean, date) from public, anon, authenticated;
grant execute on function public.subsidy_failed_rules(uuid, uuid, boolean, date) to service_role;

/* ---------------------------------------------------------------- reading */

create or replace function public.subsidy_application_json(p_app public.subsidy_applications)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', p_app.id,
    'certificate', jsonb_build_object('id', c.id, 'certificateNo', c.certificate_no, 'issuedOn', c.issued_on),
    'occupation', jsonb_build_object('code', o.code, 'name', o.name),
    'level', p_app.level,
    'amount', p_app.amount,
    'district', p_app.district,
    'category', p_app.category,
    'status', p_app.status,
    'bankAccountMasked', p_app.bank_account_masked,
    'appliedOn', p_app.applied_on,
    'rejectReason', p_app.reject_reason,
    'publicityStart', p_app.publicity_start,
    'publicityEnd', p_app.publicity_end,
    'paymentRef', p_app.payment_ref,
    'paidOn', p_app.paid_on,
    'createdAt', p_app.created_at,
    'updatedAt', p_app.updated_at,
    'events', coalesce((select jsonb_agg(jsonb_build_object('from', e.from_status, 'to', e.to_status, 'reason', e.reason,
                                                             'at', e.created_at, 'actorId', e.actor_id) order by e.id)
                        from public.subsidy_events e where e.application_id = p_app.id), '[]'::jsonb))
  from public.certificates c join public.occupations o on o.id = c.occupation_id
  where c.id = p_app.certificate_id;
$$;
revoke all on function public.subsidy_application_json(public.subsidy_applications) from public, anon, authenticated;

/* What the API's pre-check needs (SubsidyCheckInput without the declaration, and every rule version); the holder only. */
create or replace function public.subsidy_check_facts(p_certificate_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_today date := public.beijing_today();
  v_result jsonb;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select jsonb_build_object(
    'today', v_today,
    'person', jsonb_build_object('category', p.category, 'birthDate', p.birth_date),
    'certificate', jsonb_build_object('id', c.id, 'status', c.status, 'occupationCode', o.code, 'occupationName', o.name,
                                      'level', coalesce(c.level, 'special'), 'issuedOn', c.issued_on),
    'claims', coalesce((select jsonb_agg(jsonb_build_object('certificateId', k.certificate_id, 'occupationCode', k.occupation_code,
                                                             'occupationName', k.occupation_name, 'level', k.level, 'fund', k.fund,
                                                             'appliedOn', k.applied_on))
                        from public.subsidy_claims_of(v_uid) k), '[]'::jsonb),
    'ruleSets', (select jsonb_agg(jsonb_build_object('effectiveFrom', r.effective_from, 'eligibleCategories', to_jsonb(r.eligible_categories),
                                                     'amounts', r.amounts, 'deadlineMonths', r.deadline_months,
                                                     'annualCap', r.annual_cap, 'minAge', r.min_age))
                 from public.subsidy_rules r))
    into v_result
  from public.certificates c
  join public.occupations o on o.id = c.occupation_id
  left join public.profiles p on p.user_id = v_uid
  where c.id = p_certificate_id and c.holder_user_id = v_uid;
  if v_result is null then
    raise exception using errcode = 'PT404', message = 'certificate_not_found';
  end if;
  return v_result;
end;
$$;
revoke all on function public.subsidy_check_facts(uuid) from public, anon;
grant execute on function public.subsidy_check_facts(uuid) to authenticated;

/*
 * The same facts for a reviewer re-running the check on an application, as of its submission day: the applicant's
 * profile, the certificate, the applicant's other claims (not this application), every rule version, and the stored
 * declaration as drawsPension. Only where may_review_subsidy(district); otherwise as if it did not exist.
 */
create or replace function public.subsidy_review_facts(p_application_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_app public.subsidy_applications;
  v_result jsonb;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_app from public.subsidy_applications a where a.id = p_application_id;
  if not found or not public.may_review_subsidy(v_app.district) then
    raise exception using errcode = 'PT404', message = 'subsidy_application_not_found';
  end if;
  select jsonb_build_object(
    'today', v_app.applied_on,
    'person', jsonb_build_object('category', p.category, 'birthDate', p.birth_date),
    'certificate', jsonb_build_object('id', c.id, 'status', c.status, 'occupationCode', o.code, 'occupationName', o.name,
                                      'level', coalesce(c.level, 'special'), 'issuedOn', c.issued_on),
    'claims', coalesce((select jsonb_agg(jsonb_build_object('certificateId', k.certificate_id, 'occupationCode', k.occupation_code,
                                                             'occupationName', k.occupation_name, 'level', k.level, 'fund', k.fund,
                                                             'appliedOn', k.applied_on))
                        from public.subsidy_claims_of(v_app.user_id) k
                        where not (k.fund = 'programme' and k.certificate_id = v_app.certificate_id)), '[]'::jsonb),
    'ruleSets', (select jsonb_agg(jsonb_build_object('effectiveFrom', r.effective_from, 'eligibleCategories', to_jsonb(r.eligible_categories),
                                                     'amounts', r.amounts, 'deadlineMonths', r.deadline_months,
                                                     'annualCap', r.annual_cap, 'minAge', r.min_age))
                 from public.subsidy_rules r),
    'drawsPension', v_app.draws_pension)
    into v_result
  from public.certificates c
  join public.occupations o on o.id = c.occupation_id
  left join public.profiles p on p.user_id = v_app.user_id
  where c.id = v_app.certificate_id;
  return v_result;
end;
$$;
revoke all on function public.subsidy_review_facts(uuid) from public, anon;
grant execute on function public.subsidy_review_facts(uuid) to authenticated;

/* My applications, newest first, each with its events (the progress tracker). */
create or replace function public.my_subsidy_applications()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(public.subsidy_application_json(a) order by a.seq desc), '[]'::jsonb)
  from public.subsidy_applications a where a.user_id = auth.uid();
$$;
revoke all on function public.my_subsidy_applications() from public, anon;
grant execute on function public.my_subsidy_applications() to authenticated;

/* True when the caller may review applications of the district: a reviewer scoped to it or city-wide, or an admin. */
create or replace function public.may_review_subsidy(p_district text)
returns boolean
language sql
stable
set search_path = ''
as $$ select public.has_role('reviewer', p_district) or public.has_role('admin') $$;
revoke all on function public.may_review_subsidy(text) from public, anon;
grant execute on function public.may_review_subsidy(text) to authenticated;

/* The review list with totals (count and amount of everything matching), in submission order after the cursor. */
create or replace function public.review_subsidy_applications(
  p_status text default null, p_district text default null, p_occupation text default null,
  p_from date default null, p_to date default null, p_cursor bigint default null, p_limit integer default 50)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_items jsonb;
  v_totals jsonb;
  v_next bigint;
  v_limit integer := least(greatest(coalesce(p_limit, 50), 1), 200);
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if not (public.has_role('reviewer') or public.has_role('admin')) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  with matching as (
    select a.* from public.subsidy_applications a join public.occupations o on o.id = a.occupation_id
    where public.may_review_subsidy(a.district)
      and (p_status is null or a.status = p_status)
      and (p_district is null or a.district = p_district)
      and (p_occupation is null or o.code = p_occupation)
      and (p_from is null or a.applied_on >= p_from)
      and (p_to is null or a.applied_on <= p_to)
  ), page as (
    select m.* from matching m where p_cursor is null or m.seq > p_cursor order by m.seq limit v_limit
  )
  select (select jsonb_build_object('count', count(*), 'amount', coalesce(sum(m.amount), 0)) from matching m),
         (select coalesce(jsonb_agg(public.subsidy_application_json(a)
                                    || jsonb_build_object('applicant', jsonb_build_object('name', p.real_name, 'idNumberMasked', p.id_number_masked))
                                    order by g.seq), '[]'::jsonb)
          from page g join public.subsidy_applications a on a.id = g.id left join public.profiles p on p.user_id = g.user_id),
         (select max(g.seq) from page g)
    into v_totals, v_items, v_next;
  return jsonb_build_object('items', v_items, 'totals', v_totals,
                            'nextCursor', case when jsonb_array_length(v_items) = v_limit then v_next::text end);
end;
$$;
revoke all on function public.review_subsidy_applications(text, text, text, date, date, bigint, integer) from public, anon;
grant execute on function public.review_subsidy_applications(text, text, text, date, date, bigint, integer) to authenticated;

/* One application as the review list shows it (with applicant and events); 404 outside the caller's review scope. */
create or replace function public.review_subsidy_application(p_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_app public.subsidy_applications;
  v_result jsonb;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_app from public.subsidy_applications a where a.id = p_id;
  if not found or not public.may_review_subsidy(v_app.district) then
    raise exception using errcode = 'PT404', message = 'subsidy_application_not_found';
  end if;
  select public.subsidy_application_json(v_app)
         || jsonb_build_object('applicant', jsonb_build_object('name', p.real_name, 'idNumberMasked', p.id_number_masked))
    into v_result
  from (select 1) one left join public.profiles p on p.user_id = v_app.user_id;
  return v_result;
end;
$$;
revoke all on function public.review_subsidy_application(uuid) from public, anon;
grant execute on function public.review_subsidy_application(uuid) to authenticated;

/* Counts and amounts by status, district, occupation, person category and month, over what the caller may review. */
create or replace function public.subsidy_stats(p_from date default null, p_to date default null)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_result jsonb;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if not (public.has_role('reviewer') or public.has_role('admin')) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  with rows as (
    select a.status, a.district, o.code as occupation_code, o.name as occupation_name, a.category,
           to_char(a.applied_on, 'YYYY-MM') as month, a.amount
    from public.subsidy_applications a join public.occupations o on o.id = a.occupation_id
    where public.may_review_subsidy(a.district)
      and (p_from is null or a.applied_on >= p_from) and (p_to is null or a.applied_on <= p_to)
  )
  select jsonb_build_object(
    'total', (select jsonb_build_object('count', count(*), 'amount', coalesce(sum(amount), 0)) from rows),
    'byStatus', (select coalesce(jsonb_agg(jsonb_build_object('key', k, 'count', n, 'amount', s) order by k), '[]')
                 from (select status k, count(*) n, sum(amount) s from rows group by status) g),
    'byDistrict', (select coalesce(jsonb_agg(jsonb_build_object('key', k, 'count', n, 'amount', s) order by k), '[]')
                   from (select district k, count(*) n, sum(amount) s from rows group by district) g),
    'byOccupation', (select coalesce(jsonb_agg(jsonb_build_object('key', k, 'name', nm, 'count', n, 'amount', s) order by k), '[]')
                     from (select occupation_code k, min(occupation_name) nm, count(*) n, sum(amount) s from rows group by occupation_code) g),
    'byCategory', (select coalesce(jsonb_agg(jsonb_build_object('key', k, 'count', n, 'amount', s) order by k), '[]')
                   from (select category k, count(*) n, sum(amount) s from rows group by category) g),
    'byMonth', (select coalesce(jsonb_agg(jsonb_build_object('key', k, 'count', n, 'amount', s) order by k), '[]')
                from (select month k, count(*) n, sum(amount) s from rows group by month) g))
  into v_result;
  return v_result;
end;
$$;
revoke all on function public.subsidy_stats(date, date) from public, anon;
grant execute on function public.subsidy_stats(date, date) to authenticated;

/* ---------------------------------------------------------------- submitting */

/*
 * Files an application. Locks: the idempotency key, then the person (advisory, so two submissions
 * of any certificates by one person run one after the other), then re-checks every rule from the
 * tables. Refusals: subsidy_rule_<rule> for the first rule that fails (rules in checkSubsidy's order).
 */
create or replace function public.submit_subsidy_application(
  p_certificate_id uuid, p_draws_pension boolean, p_bank_account_enc text, p_bank_account_hash text, p_bank_account_masked text,
  p_idempotency_key text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_operation text := 'submit_subsidy_application:' || coalesce(p_certificate_id::text, '');
  v_replay jsonb;
  v_today date := public.beijing_today();
  v_profile public.profiles;
  v_cert public.certificates;
  v_check jsonb;
  v_app public.subsidy_applications;
  v_response jsonb;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  v_replay := public.idempotency_replay(p_idempotency_key, v_operation);
  if v_replay is not null then
    return v_replay;
  end if;
  perform pg_advisory_xact_lock(hashtextextended('subsidy:' || v_uid::text, 0));
  select * into v_cert from public.certificates c where c.id = p_certificate_id and c.holder_user_id = v_uid;
  if not found then
    raise exception using errcode = 'PT404', message = 'certificate_not_found';
  end if;
  -- Without a profile the person_category and age rules fail below.
  select * into v_profile from public.profiles p where p.user_id = v_uid;
  if coalesce(p_bank_account_enc, '') = '' or coalesce(p_bank_account_hash, '') = '' or coalesce(p_bank_account_masked, '') = '' then
    raise exception using errcode = 'PT400', message = 'invalid_bank_account';
  end if;
  v_check := public.subsidy_failed_rules(v_uid, p_certificate_id, p_draws_pension, v_today);
  if jsonb_array_length(v_check -> 'failed') > 0 then
    raise exception using errcode = 'PT422', message = 'subsidy_rule_' || (v_check -> 'failed' ->> 0),
      detail = (v_check -> 'failed')::text;
  end if;
  insert into public.subsidy_applications (user_id, certificate_id, occupation_id, level, amount, rules_from, district, category,
                                           draws_pension, bank_account_enc, bank_account_hash, bank_account_masked, applied_on)
  values (v_uid, v_cert.id, v_cert.occupation_id, coalesce(v_cert.level, 'special'), (v_check ->> 'amount')::integer,
          (v_check ->> 'rulesFrom')::date, v_profile.district, v_profile.category, false,
          p_bank_account_enc, p_bank_account_hash, p_bank_account_masked, v_today)
  returning * into v_app;
  insert into public.subsidy_events (application_id, actor_id, from_status, to_status) values (v_app.id, v_uid, null, 'submitted');
  perform public.notify_user(v_uid, 'subsidy.status_changed',
    jsonb_build_object('applicationId', v_app.id, 'status', 'submitted', 'amount', v_app.amount),
    'subsidy.status_changed:' || v_app.id::text || ':submitted');
  v_response := jsonb_build_object('application', public.subsidy_application_json(v_app));
  perform public.idempotency_store(p_idempotency_key, v_operation, v_response);
  return v_response;
end;
$$;
revoke all on function public.submit_subsidy_application(uuid, boolean, text, text, text, text) from public, anon;
grant execute on function public.submit_subsidy_application(uuid, boolean, text, text, text, text) to authenticated;

/* ---------------------------------------------------------------- moving along */

/*
 * One move of the state machine by the caller. Refusals: subsidy_application_not_found (also when
 * the caller may not see it), invalid_subsidy_transition, not_allowed (wrong actor, or a reviewer
 * deciding their own application), subsidy_reason_required,
 * payment_reference_required, publicity_not_over.
 */
create or replace function public.transition_subsidy(p_id uuid, p_to text, p_reason text default null, p_payment_ref text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_today date := public.beijing_today();
  v_app public.subsidy_applications;
  v_move public.subsidy_transitions;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
  v_ref text := nullif(btrim(coalesce(p_payment_ref, '')), '');
  v_is_owner boolean;
  v_is_reviewer boolean;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_app from public.subsidy_applications a where a.id = p_id for update;
  if found then
    v_is_owner := v_app.user_id = v_uid;
    v_is_reviewer := public.may_review_subsidy(v_app.district);
  end if;
  if not found or not (v_is_owner or v_is_reviewer) then
    raise exception using errcode = 'PT404', message = 'subsidy_application_not_found';
  end if;
  select * into v_move from public.subsidy_transitions t where t.from_status = v_app.status and t.to_status = p_to;
  if not found then
    raise exception using errcode = 'PT409', message = 'invalid_subsidy_transition';
  end if;
  -- Nobody reviews their own application, whatever roles they hold.
  if (v_move.actor = 'applicant' and not v_is_owner) or (v_move.actor = 'reviewer' and (not v_is_reviewer or v_is_owner)) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if v_reason is not null and char_length(v_reason) not between 2 and 200 then
    raise exception using errcode = 'PT400', message = 'invalid_reason';
  end if;
  if p_to = 'rejected' and v_reason is null then
    raise exception using errcode = 'PT400', message = 'subsidy_reason_required';
  end if;
  if p_to = 'paid' then
    if v_ref is null or char_length(v_ref) > 64 then
      raise exception using errcode = 'PT400', message = 'payment_reference_required';
    end if;
    if v_today < v_app.publicity_end then
      raise exception using errcode = 'PT409', message = 'publicity_not_over', detail = v_app.publicity_end::text;
    end if;
  end if;

  update public.subsidy_applications a set
    status = p_to,
    reject_reason = case when p_to = 'rejected' then v_reason else a.reject_reason end,
    publicity_start = case when p_to = 'publicised' then v_today else a.publicity_start end,
    publicity_end = case when p_to = 'publicised' then v_today + 7 else a.publicity_end end,
    payment_ref = case when p_to = 'paid' then v_ref else a.payment_ref end,
    paid_on = case when p_to = 'paid' then v_today else a.paid_on end,
    updated_at = now()
  where a.id = p_id
  returning * into v_app;
  insert into public.subsidy_events (application_id, actor_id, from_status, to_status, reason)
  values (v_app.id, v_uid, v_move.from_status, p_to, coalesce(v_reason, case when p_to = 'paid' then v_ref end));
  perform public.notify_user(v_app.user_id, 'subsidy.status_changed',
    jsonb_build_object('applicationId', v_app.id, 'from', v_move.from_status, 'status', p_to, 'amount', v_app.amount,
                       'reason', case when p_to = 'rejected' then v_reason end, 'publicityEnd', v_app.publicity_end),
    'subsidy.status_changed:' || v_app.id::text || ':' || p_to);
  return public.subsidy_application_json(v_app);
end;
$$;
revoke all on function public.transition_subsidy(uuid, text, text, text) from public, anon;
grant execute on function public.transition_subsidy(uuid, text, text, text) to authenticated;

/* The same move for many applications, all or nothing (batch approve, publicity start, payment). */
create or replace function public.transition_subsidies(p_ids uuid[], p_to text, p_reason text default null, p_payment_ref text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id uuid;
  v_items jsonb := '[]'::jsonb;
begin
  if p_ids is null or cardinality(p_ids) not between 1 and 500 then
    raise exception using errcode = 'PT400', message = 'invalid_batch';
  end if;
  -- In id order, so two batches over the same rows lock them in the same order.
  for v_id in select distinct u from unnest(p_ids) u order by u loop
    v_items := v_items || jsonb_build_array(public.transition_subsidy(v_id, p_to, p_reason, p_payment_ref));
  end loop;
  return jsonb_build_object('items', v_items);
end;
$$;
revoke all on function public.transition_subsidies(uuid[], text, text, text) from public, anon;
grant execute on function public.transition_subsidies(uuid[], text, text, text) to authenticated;

/*
 * Publicised applications whose notice has ended, with the sealed account, for the payment file. The
 * API decrypts the account: the CSV it makes is the one place the full number appears.
 */
create or replace function public.subsidy_payment_batch(p_ids uuid[])
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_rows jsonb;
  v_count integer;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if p_ids is null or cardinality(p_ids) not between 1 and 500 then
    raise exception using errcode = 'PT400', message = 'invalid_batch';
  end if;
  select count(*) into v_count from public.subsidy_applications a
  where a.id = any (p_ids) and public.may_review_subsidy(a.district);
  if v_count <> (select count(distinct u) from unnest(p_ids) u) then
    raise exception using errcode = 'PT404', message = 'subsidy_application_not_found';
  end if;
  if exists (select 1 from public.subsidy_applications a where a.id = any (p_ids) and a.status <> 'publicised') then
    raise exception using errcode = 'PT409', message = 'not_ready_for_payment';
  end if;
  select jsonb_agg(jsonb_build_object('id', a.id, 'name', p.real_name, 'idNumberMasked', p.id_number_masked,
                                      'bankAccountEnc', a.bank_account_enc, 'amount', a.amount, 'district', a.district,
                                      'occupation', o.name, 'level', a.level, 'publicityEnd', a.publicity_end) order by a.seq)
    into v_rows
  from public.subsidy_applications a
  join public.occupations o on o.id = a.occupation_id
  left join public.profiles p on p.user_id = a.user_id
  where a.id = any (p_ids);
  return v_rows;
end;
$$;
revoke all on function public.subsidy_payment_batch(uuid[]) from public, anon;
grant execute on function public.subsidy_payment_batch(uuid[]) to authenticated;

/* ---------------------------------------------------------------- other-fund claims (admins) */

/* Records that a certificate was subsidised by unemployment insurance (失业保险技能提升补贴); admins only. */
create or replace function public.record_external_subsidy_claim(p_certificate_id uuid, p_claimed_on date)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_cert public.certificates;
  v_claim public.external_subsidy_claims;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if not public.has_role('admin') then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  select * into v_cert from public.certificates c where c.id = p_certificate_id;
  if not found or v_cert.holder_user_id is null then
    raise exception using errcode = 'PT404', message = 'certificate_not_found';
  end if;
  if p_claimed_on is null or p_claimed_on > public.beijing_today() or p_claimed_on < v_cert.issued_on then
    raise exception using errcode = 'PT400', message = 'invalid_claim_date';
  end if;
  -- The holder's lock: a claim recorded while they submit is seen by one or the other.
  perform pg_advisory_xact_lock(hashtextextended('subsidy:' || v_cert.holder_user_id::text, 0));
  if exists (select 1 from public.subsidy_applications a
             where a.certificate_id = p_certificate_id and a.status not in ('rejected', 'withdrawn')) then
    raise exception using errcode = 'PT409', message = 'subsidy_rule_one_per_certificate';
  end if;
  insert into public.external_subsidy_claims (user_id, certificate_id, claimed_on, recorded_by)
  values (v_cert.holder_user_id, p_certificate_id, p_claimed_on, v_uid)
  on conflict (certificate_id) do nothing
  returning * into v_claim;
  if v_claim.id is null then
    select * into v_claim from public.external_subsidy_claims x where x.certificate_id = p_certificate_id;
  end if;
  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (v_uid, 'subsidy.external_claim_recorded', 'certificate', p_certificate_id::text,
          jsonb_build_object('fund', v_claim.fund, 'claimed_on', v_claim.claimed_on));
  return jsonb_build_object('id', v_claim.id, 'certificateId', v_claim.certificate_id, 'fund', v_claim.fund,
                            'claimedOn', v_claim.claimed_on, 'createdAt', v_claim.created_at);
end;
$$;
revoke all on function public.record_external_subsidy_claim(uuid, date) from public, anon;
grant execute on function public.record_external_subsidy_claim(uuid, date) to authenticated;
