/*
 * Jobs and employment (issue 8): 岗位 posted by stations and district reviewers (or made from a
 * published demand), people's interest in them with consent to share contact details, and the
 * employment outcomes (就业) the funnel statistics count.
 *
 * - employment_outcomes comes first: later migrations (statistics) build on its column names.
 * - jobs: open → closed (close_job); post_job, job_from_demand and update_job are the only writers,
 *   and each change writes a job_events row. The public reads open, unexpired jobs through
 *   public_jobs / job_detail; nobody reads the table directly except the job's managers.
 * - A job's contact phone (the enterprise's HR contact) is stored plain, like a demand's, but is
 *   never in a list: job_detail answers it only to the job's managers (its station, the district's
 *   reviewers, its creator, the declarer of the demand it came from, admins) and to people who marked
 *   interest with consent to share their own contact (an exchange of contacts).
 * - job_interests: a person's interest. With consent the job's managers see the person's name and
 *   mobile (decrypted by the API); without it they see only how many others are interested.
 * - Posting a job queues `job.match` notifications for people holding a fitting certificate.
 * Matching and ranking for a person is pure TypeScript (shared/rules/jobMatch.ts); job_match_facts
 * only gathers the person's qualifications and the candidate jobs.
 */

/* ---------------------------------------------------------------- employment outcomes */

create table public.employment_outcomes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  employer_name text not null check (char_length(employer_name) between 2 and 80),
  occupation_id bigint references public.occupations (id),
  hired_on date not null,
  monthly_pay numeric check (monthly_pay between 500 and 200000),
  job_id uuid,
  source text not null check (source in ('self', 'institution', 'station')),
  institution_id uuid references public.institutions (id),
  station_code text check (station_code ~ '^STA-\d{6}-\d{3}$'),
  recorded_by uuid not null references public.users (id),
  created_at timestamptz not null default now(),
  constraint employment_outcomes_institution_source check ((source = 'institution') = (institution_id is not null)),
  constraint employment_outcomes_station_source check ((source = 'station') = (station_code is not null)),
  constraint employment_outcomes_once unique (user_id, employer_name, hired_on)
);
comment on table public.employment_outcomes is '就业: a person was hired; reported by themselves or recorded by an institution or station that served them. Funnel statistics count distinct user_id by hired_on.';
comment on column public.employment_outcomes.id is 'Row id.';
comment on column public.employment_outcomes.user_id is 'Who was hired.';
comment on column public.employment_outcomes.employer_name is 'The employer''s name as reported.';
comment on column public.employment_outcomes.occupation_id is 'Occupation of the job, when known.';
comment on column public.employment_outcomes.hired_on is 'Day the person started (入职), Beijing date; not in the future.';
comment on column public.employment_outcomes.monthly_pay is 'Monthly pay (元/月) when reported, 500–200000.';
comment on column public.employment_outcomes.job_id is 'The job on this platform the person was hired through, when there is one (jobs.id).';
comment on column public.employment_outcomes.source is 'self (the person reported it), institution (training institution staff) or station (station staff).';
comment on column public.employment_outcomes.institution_id is 'The training institution that recorded it (source institution).';
comment on column public.employment_outcomes.station_code is 'The station that recorded it (source station).';
comment on column public.employment_outcomes.recorded_by is 'The account that recorded it (the person, or the staff member).';
comment on column public.employment_outcomes.created_at is 'When it was recorded.';

create index employment_outcomes_hired on public.employment_outcomes (hired_on, user_id);
create index employment_outcomes_user on public.employment_outcomes (user_id, hired_on desc);
create index employment_outcomes_institution on public.employment_outcomes (institution_id, created_at desc) where institution_id is not null;
create index employment_outcomes_station on public.employment_outcomes (station_code, created_at desc) where station_code is not null;

revoke all on table public.employment_outcomes from anon, authenticated;
grant select on table public.employment_outcomes to authenticated;
grant all on table public.employment_outcomes to service_role;
alter table public.employment_outcomes enable row level security;

create policy "People read their own employment outcomes"
  on public.employment_outcomes for select to authenticated
  using (user_id = auth.uid());
create policy "Institution and station staff read the outcomes they recorded"
  on public.employment_outcomes for select to authenticated
  using ((institution_id is not null and public.works_for_institution(institution_id))
         or (station_code is not null and public.has_role('station_staff', station_code)));
create policy "Admins read every employment outcome"
  on public.employment_outcomes for select to authenticated
  using (public.has_role('admin'));

/* ---------------------------------------------------------------- jobs */

create table public.jobs (
  id uuid primary key default gen_random_uuid(),
  enterprise_id uuid not null references public.enterprises (id),
  title text not null check (char_length(title) between 2 and 40),
  occupation_id bigint not null references public.occupations (id),
  level text check (public.is_skill_level(level)),
  openings integer not null check (openings between 1 and 10000),
  pay_min integer check (pay_min between 0 and 1000000),
  pay_max integer check (pay_max between 0 and 1000000),
  district text not null references public.districts (code),
  address text not null default '' check (char_length(address) <= 200),
  benefits text[] not null default '{}' check (cardinality(benefits) <= 12),
  description text not null default '' check (char_length(description) <= 2000),
  contact_name text not null check (char_length(contact_name) between 1 and 40),
  contact_phone text not null check (contact_phone ~ '^(1\d{10}|0\d{2,3}-\d{7,8})$'),
  valid_until date not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  closed_at timestamptz,
  source text not null check (source in ('demand', 'station', 'enterprise')),
  demand_id uuid references public.demands (id),
  station_code text check (station_code ~ '^STA-\d{6}-\d{3}$'),
  created_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint jobs_pay_range check (pay_min is null or pay_max is null or pay_min <= pay_max),
  constraint jobs_demand_source check ((source = 'demand') = (demand_id is not null)),
  constraint jobs_station_source check (source <> 'station' or station_code is not null),
  constraint jobs_closed_at check ((status = 'closed') = (closed_at is not null))
);
comment on table public.jobs is '岗位: openings enterprises offer, posted by stations and district reviewers or made from a published demand.';
comment on column public.jobs.id is 'Row id.';
comment on column public.jobs.enterprise_id is 'The employer.';
comment on column public.jobs.title is 'Job title as advertised, e.g. 养老护理员（白班）.';
comment on column public.jobs.occupation_id is 'The occupation the job is in (matching uses it).';
comment on column public.jobs.level is 'Skill level wanted (''5''…''1'' or ''special''); null when any level (or none) will do.';
comment on column public.jobs.openings is 'How many people are wanted.';
comment on column public.jobs.pay_min is 'Lowest monthly pay offered (元/月), when named.';
comment on column public.jobs.pay_max is 'Highest monthly pay offered (元/月), when named.';
comment on column public.jobs.district is 'District where the work is.';
comment on column public.jobs.address is 'Where the work is (street address).';
comment on column public.jobs.benefits is 'Benefits as short tags, e.g. 五险一金, 包吃住 (at most 12).';
comment on column public.jobs.description is 'Duties and requirements in plain words.';
comment on column public.jobs.contact_name is 'Enterprise HR contact; shown only to the job''s managers and to people who marked interest with consent.';
comment on column public.jobs.contact_phone is 'Enterprise HR phone (mobile or 010-12345678); never in a list, shown only as contact_name is.';
comment on column public.jobs.valid_until is 'Last Beijing day the job is advertised; after it the job drops out of lists and matches.';
comment on column public.jobs.status is 'open, or closed by a manager (close_job).';
comment on column public.jobs.closed_at is 'When it was closed.';
comment on column public.jobs.source is 'demand (made from a published demand), station (posted by a station) or enterprise (entered by a district reviewer for an enterprise).';
comment on column public.jobs.demand_id is 'The demand it was made from (source demand).';
comment on column public.jobs.station_code is 'The station that posted it, or the station of the demand it came from; its staff manage the job.';
comment on column public.jobs.created_by is 'Who posted it.';
comment on column public.jobs.created_at is 'When it was posted (freshness in matching).';
comment on column public.jobs.updated_at is 'When it last changed.';

alter table public.employment_outcomes
  add constraint employment_outcomes_job foreign key (job_id) references public.jobs (id) on delete set null;

-- One open job per demand: a second conversion is refused.
create unique index jobs_one_open_per_demand on public.jobs (demand_id) where demand_id is not null and status = 'open';
create index jobs_open on public.jobs (created_at desc, id desc) where status = 'open';
create index jobs_occupation on public.jobs (occupation_id, created_at desc) where status = 'open';
create index jobs_station on public.jobs (station_code, created_at desc) where station_code is not null;

revoke all on table public.jobs from anon, authenticated;
grant select on table public.jobs to authenticated;
grant all on table public.jobs to service_role;
alter table public.jobs enable row level security;

/* ---------------------------------------------------------------- job events */

create table public.job_events (
  id bigint generated always as identity primary key,
  job_id uuid not null references public.jobs (id) on delete cascade,
  actor_id uuid references public.users (id) on delete set null,
  action text not null check (action in ('posted', 'updated', 'closed')),
  created_at timestamptz not null default now()
);
comment on table public.job_events is 'Audit trail of every job: posted, updated, closed.';
comment on column public.job_events.id is 'Order of events.';
comment on column public.job_events.job_id is 'The job.';
comment on column public.job_events.actor_id is 'Who made the change.';
comment on column public.job_events.action is 'posted, updated or closed.';
comment on column public.job_events.created_at is 'When.';

create index job_events_job on public.job_events (job_id, id);

revoke all on table public.job_events from anon, authenticated;
grant all on table public.job_events to service_role;
alter table public.job_events enable row level security;

/* ---------------------------------------------------------------- interest */

create table public.job_interests (
  job_id uuid not null references public.jobs (id) on delete cascade,
  user_id uuid not null references public.users (id) on delete cascade,
  consent_to_share_contact boolean not null,
  consented_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (job_id, user_id),
  constraint job_interests_consent_time check (consent_to_share_contact = (consented_at is not null))
);
comment on table public.job_interests is '我感兴趣: a person''s interest in a job; withdrawing deletes the row, so nothing stays shared.';
comment on column public.job_interests.job_id is 'The job.';
comment on column public.job_interests.user_id is 'The interested person.';
comment on column public.job_interests.consent_to_share_contact is 'The person agreed that the job''s managers may see their name and mobile; without it they see only a count.';
comment on column public.job_interests.consented_at is 'When consent was (last) given.';
comment on column public.job_interests.created_at is 'When interest was first marked.';
comment on column public.job_interests.updated_at is 'When it last changed.';

create index job_interests_user on public.job_interests (user_id, created_at desc);

revoke all on table public.job_interests from anon, authenticated;
grant select on table public.job_interests to authenticated;
grant all on table public.job_interests to service_role;
alter table public.job_interests enable row level security;

create policy "People read their own interest in jobs"
  on public.job_interests for select to authenticated
  using (user_id = auth.uid());

/* ---------------------------------------------------------------- who manages a job */

/* The job's station, the district's reviewers, its creator, the declarer of its demand, and admins. */
create or replace function public.may_manage_job(j public.jobs)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select auth.uid() is not null and (
    public.may_review_demand(j.district)
    or j.created_by = auth.uid()
    or (j.station_code is not null and public.has_role('station_staff', j.station_code))
    or (j.demand_id is not null and exists (select 1 from public.demands d where d.id = j.demand_id and d.created_by = auth.uid())));
$$;
revoke all on function public.may_manage_job(public.jobs) from public, anon;
grant execute on function public.may_manage_job(public.jobs) to authenticated, service_role;

create policy "Managers read their jobs"
  on public.jobs for select to authenticated
  using (public.may_manage_job(jobs));
create policy "Managers read their jobs' events"
  on public.job_events for select to authenticated
  using (exists (select 1 from public.jobs j where j.id = job_id and public.may_manage_job(j)));
grant select on table public.job_events to authenticated;

/* ---------------------------------------------------------------- shapes */

/*
 * The salary guidance a job's pay is compared with: the latest year's guide for the occupation at
 * the level wanted, or at the occupation's entry level (lowest on the ladder) when any level will do.
 * monthlyMedian converts 元/年 to 元/月 (÷ 12, rounded).
 */
create or replace function public.job_salary_guide(p_occupation_id bigint, p_level text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('year', g.year, 'level', g.level, 'unit', g.unit, 'p50', g.p50,
                            'monthlyMedian', case g.unit when 'yuan_per_year' then round(g.p50 / 12.0) else g.p50 end)
  from public.salary_guides g
  where g.occupation_id = p_occupation_id and (p_level is null or g.level = p_level)
  order by g.year desc, array_position(array['5', '4', '3', '2', '1', 'special'], g.level)
  limit 1;
$$;
revoke all on function public.job_salary_guide(bigint, text) from public, anon, authenticated;

/* A job as the public sees it: no contact details. */
create or replace function public.job_public_json(j public.jobs)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', j.id,
    'title', j.title,
    'enterprise', jsonb_build_object('id', e.id, 'name', e.name),
    'occupation', jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty),
    'level', j.level,
    'openings', j.openings,
    'payMin', j.pay_min,
    'payMax', j.pay_max,
    'district', j.district,
    'districtName', (select x.name from public.districts x where x.code = j.district),
    'address', j.address,
    'benefits', to_jsonb(j.benefits),
    'validUntil', j.valid_until,
    'status', j.status,
    'source', j.source,
    'createdAt', j.created_at,
    'salaryGuide', public.job_salary_guide(j.occupation_id, j.level))
  from public.enterprises e, public.occupations o
  where e.id = j.enterprise_id and o.id = j.occupation_id;
$$;
revoke all on function public.job_public_json(public.jobs) from public, anon, authenticated;

/* ---------------------------------------------------------------- job matches: notifications */

/*
 * Queues `job.match` for people whose valid certificate fits a new job: same occupation, and a level
 * at or above the level wanted (any level when none is wanted; a 专项 job wants a 专项 certificate).
 * One per person and job (dedupe key), at most p_cap people: same district first, then the most
 * recently certified. The poster is not notified. Answers how many were queued.
 */
create or replace function public.enqueue_job_matches(p_job_id uuid, p_cap integer default 200)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_job public.jobs;
  v_payload jsonb;
  v_count integer := 0;
  v_user uuid;
begin
  select * into v_job from public.jobs j where j.id = p_job_id;
  if not found or v_job.status <> 'open' then
    return 0;
  end if;
  v_payload := (select jsonb_build_object('jobId', v_job.id, 'title', v_job.title, 'enterprise', e.name, 'occupation', o.name,
                                          'district', (select x.name from public.districts x where x.code = v_job.district),
                                          'payMin', v_job.pay_min, 'payMax', v_job.pay_max, 'validUntil', v_job.valid_until)
                from public.enterprises e, public.occupations o
                where e.id = v_job.enterprise_id and o.id = v_job.occupation_id);
  for v_user in
    select c.holder_user_id
    from public.certificates c
    left join public.profiles p on p.user_id = c.holder_user_id
    where c.occupation_id = v_job.occupation_id
      and c.status = 'valid'
      and c.holder_user_id is not null
      and c.holder_user_id is distinct from v_job.created_by
      and case when v_job.level is null then true
               when v_job.level = 'special' then c.type = 'specialty'
               else public.subsidy_level_rank(c.level) >= public.subsidy_level_rank(v_job.level) end
    group by c.holder_user_id, p.district
    order by (p.district is not distinct from v_job.district) desc, max(c.issued_on) desc, c.holder_user_id
    limit greatest(0, least(coalesce(p_cap, 200), 1000))
  loop
    perform public.notify_user(v_user, 'job.match', v_payload, 'job.match:' || v_job.id || ':' || v_user);
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;
revoke all on function public.enqueue_job_matches(uuid, integer) from public, anon, authenticated;

insert into public.notification_templates (event, page, description) values
  ('job.match', 'pages/job/index', '岗位推荐：有与您的证书相符的新岗位');

/* ---------------------------------------------------------------- jobs: writing */

/* Refuses job content the API should already have refused; one message per rule. */
create or replace function public.check_job_content(
  p_title text, p_level text, p_openings integer, p_pay_min integer, p_pay_max integer, p_district text, p_address text,
  p_benefits text[], p_description text, p_contact_name text, p_contact_phone text, p_valid_until date)
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if char_length(btrim(coalesce(p_title, ''))) not between 2 and 40
     or p_openings is null or p_openings not between 1 and 10000
     or (p_level is not null and not public.is_skill_level(p_level))
     or (p_pay_min is not null and p_pay_min not between 0 and 1000000)
     or (p_pay_max is not null and p_pay_max not between 0 and 1000000)
     or (p_pay_min is not null and p_pay_max is not null and p_pay_min > p_pay_max)
     or char_length(coalesce(p_address, '')) > 200 or char_length(coalesce(p_description, '')) > 2000
     or cardinality(coalesce(p_benefits, '{}')) > 12
     or exists (select 1 from unnest(coalesce(p_benefits, '{}')) b where char_length(btrim(b)) not between 1 and 12)
     or char_length(btrim(coalesce(p_contact_name, ''))) not between 1 and 40
     or coalesce(p_contact_phone, '') !~ '^(1\d{10}|0\d{2,3}-\d{7,8})$'
     or p_valid_until is null then
    raise exception using errcode = 'PT400', message = 'invalid_job';
  end if;
  if p_valid_until < public.beijing_today() then
    raise exception using errcode = 'PT400', message = 'job_valid_until_past';
  end if;
  if not exists (select 1 from public.districts d where d.code = p_district) then
    raise exception using errcode = 'PT400', message = 'job_unknown_district';
  end if;
end;
$$;
revoke all on function public.check_job_content(text, text, integer, integer, integer, text, text, text[], text, text, text, date)
  from public, anon, authenticated;

/* A job as its managers see it: the public shape plus contact, station, demand and interest counts. */
create or replace function public.job_manager_json(j public.jobs)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select public.job_public_json(j) || jsonb_build_object(
    'description', j.description,
    'contact', jsonb_build_object('name', j.contact_name, 'phone', j.contact_phone),
    'stationCode', j.station_code,
    'demandId', j.demand_id,
    'closedAt', j.closed_at,
    'interestedCount', (select count(*) from public.job_interests i where i.job_id = j.id),
    'canManage', true);
$$;
revoke all on function public.job_manager_json(public.jobs) from public, anon, authenticated;

/*
 * Posts a job. Station staff post for their station's district (source station, p_station_code
 * theirs); district reviewers (and admins) enter an enterprise's job in their district (source
 * enterprise). The enterprise is found by credit code, or registered when new. Queues job matches.
 */
create or replace function public.post_job(
  p_enterprise_name text,
  p_credit_code text,
  p_title text,
  p_occupation_code text,
  p_level text,
  p_openings integer,
  p_pay_min integer,
  p_pay_max integer,
  p_district text,
  p_address text,
  p_benefits text[],
  p_description text,
  p_contact_name text,
  p_contact_phone text,
  p_valid_until date,
  p_station_code text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_name text := btrim(coalesce(p_enterprise_name, ''));
  v_code text := upper(btrim(coalesce(p_credit_code, '')));
  v_enterprise_id uuid;
  v_occupation_id bigint;
  v_station public.stations;
  v_job public.jobs;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if p_station_code is not null then
    select * into v_station from public.stations s where s.code = p_station_code and s.active;
    if not found or not public.has_role('station_staff', p_station_code) then
      raise exception using errcode = 'PT403', message = 'not_allowed';
    end if;
    if v_station.district <> p_district then
      raise exception using errcode = 'PT403', message = 'job_outside_station_district';
    end if;
  elsif not public.may_review_demand(p_district) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  perform public.check_job_content(p_title, p_level, p_openings, p_pay_min, p_pay_max, p_district, p_address, p_benefits,
                                   p_description, p_contact_name, p_contact_phone, p_valid_until);
  if not public.credit_code_valid(v_code) or char_length(v_name) not between 2 and 80 then
    raise exception using errcode = 'PT400', message = 'invalid_credit_code';
  end if;
  select o.id into v_occupation_id from public.occupations o where o.code = p_occupation_code;
  if not found then
    raise exception using errcode = 'PT400', message = 'job_unknown_occupation';
  end if;

  insert into public.enterprises (name, credit_code, district, contact_name, contact_phone)
  values (v_name, v_code, p_district, btrim(p_contact_name), p_contact_phone)
  on conflict (credit_code) do nothing
  returning id into v_enterprise_id;
  if v_enterprise_id is null then
    select e.id into v_enterprise_id from public.enterprises e where e.credit_code = v_code;
  end if;

  insert into public.jobs (enterprise_id, title, occupation_id, level, openings, pay_min, pay_max, district, address, benefits,
                           description, contact_name, contact_phone, valid_until, source, station_code, created_by)
  values (v_enterprise_id, btrim(p_title), v_occupation_id, p_level, p_openings, p_pay_min, p_pay_max, p_district,
          btrim(coalesce(p_address, '')), coalesce((select array_agg(btrim(b)) from unnest(p_benefits) b), '{}'),
          btrim(coalesce(p_description, '')), btrim(p_contact_name), p_contact_phone, p_valid_until,
          case when p_station_code is null then 'enterprise' else 'station' end, p_station_code, v_uid)
  returning * into v_job;
  insert into public.job_events (job_id, actor_id, action) values (v_job.id, v_uid, 'posted');
  perform public.enqueue_job_matches(v_job.id);
  return public.job_manager_json(v_job);
exception
  when unique_violation then
    -- the enterprise name belongs to another credit code
    raise exception using errcode = 'PT409', message = 'enterprise_name_taken';
end;
$$;
revoke all on function public.post_job(text, text, text, text, text, integer, integer, integer, text, text, text[], text, text, text, date, text)
  from public, anon;
grant execute on function public.post_job(text, text, text, text, text, integer, integer, integer, text, text, text[], text, text, text, date, text)
  to authenticated;

/*
 * Turns a published demand into a job: its enterprise, occupation, level, pay, district and contact
 * carry over. The district's reviewers, or staff of the station that declared it. One open job per
 * demand (a second is refused, also when two arrive at once). Queues job matches.
 */
create or replace function public.job_from_demand(
  p_demand_id uuid,
  p_title text,
  p_openings integer,
  p_address text,
  p_benefits text[],
  p_description text,
  p_valid_until date,
  p_contact_name text default null,
  p_contact_phone text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_d public.demands;
  v_job public.jobs;
  v_contact_name text;
  v_contact_phone text;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_d from public.demands d where d.id = p_demand_id for update;
  if not found or v_d.status not in ('published', 'fulfilled', 'closed') then
    raise exception using errcode = 'PT404', message = 'demand_not_found';
  end if;
  if not (public.may_review_demand(v_d.district)
          or (v_d.station_code is not null and public.has_role('station_staff', v_d.station_code))) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if v_d.status <> 'published' then
    raise exception using errcode = 'PT409', message = 'demand_not_published';
  end if;
  if exists (select 1 from public.jobs j where j.demand_id = v_d.id and j.status = 'open') then
    raise exception using errcode = 'PT409', message = 'job_exists_for_demand';
  end if;
  -- The demand's HR contact unless the caller gives another (older demands may have none).
  v_contact_name := coalesce(nullif(btrim(p_contact_name), ''), nullif(v_d.contact_name, ''));
  v_contact_phone := coalesce(nullif(btrim(p_contact_phone), ''), nullif(v_d.contact_phone, ''));
  if v_contact_name is null or v_contact_phone is null then
    raise exception using errcode = 'PT400', message = 'job_contact_required';
  end if;
  perform public.check_job_content(p_title, v_d.level, p_openings, v_d.pay_min, v_d.pay_max, v_d.district, p_address,
                                   p_benefits, p_description, v_contact_name, v_contact_phone, p_valid_until);

  insert into public.jobs (enterprise_id, title, occupation_id, level, openings, pay_min, pay_max, district, address, benefits,
                           description, contact_name, contact_phone, valid_until, source, demand_id, station_code, created_by)
  values (v_d.enterprise_id, btrim(p_title), v_d.occupation_id, v_d.level, p_openings, v_d.pay_min, v_d.pay_max, v_d.district,
          btrim(coalesce(p_address, '')), coalesce((select array_agg(btrim(b)) from unnest(p_benefits) b), '{}'),
          btrim(coalesce(p_description, '')), v_contact_name, v_contact_phone, p_valid_until,
          'demand', v_d.id, v_d.station_code, v_uid)
  returning * into v_job;
  insert into public.job_events (job_id, actor_id, action) values (v_job.id, v_uid, 'posted');
  perform public.enqueue_job_matches(v_job.id);
  return public.job_manager_json(v_job);
exception
  when unique_violation then
    raise exception using errcode = 'PT409', message = 'job_exists_for_demand';
end;
$$;
revoke all on function public.job_from_demand(uuid, text, integer, text, text[], text, date, text, text) from public, anon;
grant execute on function public.job_from_demand(uuid, text, integer, text, text[], text, date, text, text) to authenticated;

/*
 * The open job a manager changes, locked for the change: refused without a session (401), when it
 * does not exist (404), unless the caller manages it (403), and once it is closed (409). Every write
 * to an existing job starts here.
 */
create or replace function public.open_job_for_manager(p_id uuid)
returns public.jobs
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_job public.jobs;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_job from public.jobs j where j.id = p_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'job_not_found';
  end if;
  if not public.may_manage_job(v_job) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if v_job.status <> 'open' then
    raise exception using errcode = 'PT409', message = 'job_closed';
  end if;
  return v_job;
end;
$$;
revoke all on function public.open_job_for_manager(uuid) from public, anon, authenticated;

/* A manager edits an open job's content; the enterprise, occupation, district and source stay. */
create or replace function public.update_job(
  p_id uuid,
  p_title text,
  p_level text,
  p_openings integer,
  p_pay_min integer,
  p_pay_max integer,
  p_address text,
  p_benefits text[],
  p_description text,
  p_contact_name text,
  p_contact_phone text,
  p_valid_until date
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_job public.jobs;
begin
  v_job := public.open_job_for_manager(p_id);
  perform public.check_job_content(p_title, p_level, p_openings, p_pay_min, p_pay_max, v_job.district, p_address, p_benefits,
                                   p_description, p_contact_name, p_contact_phone, p_valid_until);
  update public.jobs j set
    title = btrim(p_title), level = p_level, openings = p_openings, pay_min = p_pay_min, pay_max = p_pay_max,
    address = btrim(coalesce(p_address, '')), benefits = coalesce((select array_agg(btrim(b)) from unnest(p_benefits) b), '{}'),
    description = btrim(coalesce(p_description, '')), contact_name = btrim(p_contact_name), contact_phone = p_contact_phone,
    valid_until = p_valid_until, updated_at = now()
  where j.id = p_id
  returning * into v_job;
  insert into public.job_events (job_id, actor_id, action) values (v_job.id, v_uid, 'updated');
  return public.job_manager_json(v_job);
end;
$$;
revoke all on function public.update_job(uuid, text, text, integer, integer, integer, text, text[], text, text, text, date) from public, anon;
grant execute on function public.update_job(uuid, text, text, integer, integer, integer, text, text[], text, text, text, date) to authenticated;

/* A manager closes an open job: it leaves lists and matches; interest rows stay for the record. */
create or replace function public.close_job(p_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_job public.jobs;
begin
  v_job := public.open_job_for_manager(p_id);
  update public.jobs j set status = 'closed', closed_at = now(), updated_at = now() where j.id = p_id returning * into v_job;
  insert into public.job_events (job_id, actor_id, action) values (v_job.id, v_uid, 'closed');
  return public.job_manager_json(v_job);
end;
$$;
revoke all on function public.close_job(uuid) from public, anon;
grant execute on function public.close_job(uuid) to authenticated;

/* ---------------------------------------------------------------- jobs: reading */

/*
 * Open jobs whose valid_until is p_today or later (the API passes the Beijing date), newest first;
 * keyset on (created_at, id). p_level keeps the jobs a person at that level may take: any level, or
 * a level at or below it on the ladder ('special' keeps any-level and 专项 jobs).
 */
create or replace function public.public_jobs(
  p_today date,
  p_q text default null,
  p_district text default null,
  p_occupation text default null,
  p_level text default null,
  p_after_created_at timestamptz default null,
  p_after_id uuid default null,
  p_limit integer default 20
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_q text := nullif(public.search_normalize(p_q), '');
  v_ids uuid[];
  v_total bigint;
begin
  if p_today is null then perform public.catalog_bad_filter('bad_date_range'); end if;
  if p_limit is null or p_limit < 1 or p_limit > 50 then perform public.catalog_bad_filter('bad_limit'); end if;
  if p_district is not null and not exists (select 1 from public.districts d where d.code = p_district) then
    perform public.catalog_bad_filter('unknown_district');
  end if;
  if p_occupation is not null and not exists (select 1 from public.occupations o where o.code = p_occupation) then
    perform public.catalog_bad_filter('unknown_occupation');
  end if;
  if p_level is not null and not public.is_skill_level(p_level) then perform public.catalog_bad_filter('bad_level'); end if;
  if (p_after_id is null) <> (p_after_created_at is null) then perform public.catalog_bad_filter('bad_cursor'); end if;

  with matching as (
    select j.id, j.created_at
    from public.jobs j
    join public.enterprises e on e.id = j.enterprise_id
    join public.occupations o on o.id = j.occupation_id
    where j.status = 'open' and j.valid_until >= p_today
      and (p_district is null or j.district = p_district)
      and (p_occupation is null or o.code = p_occupation)
      and (p_level is null or j.level is null
           or (p_level = 'special' and j.level = 'special')
           or public.subsidy_level_rank(j.level) <= public.subsidy_level_rank(p_level))
      and (v_q is null
           or strpos(concat_ws('/', public.search_normalize(j.title), public.search_normalize(e.name), public.search_normalize(o.name)), v_q) > 0
           or strpos(concat_ws('/', e.name_pinyin, e.name_initials, o.name_pinyin, o.name_initials), v_q) > 0)
  )
  select (select count(*) from matching),
         (select coalesce(array_agg(m.id order by m.created_at desc, m.id desc), '{}') from (
            select * from matching m
            where p_after_id is null or (m.created_at, m.id) < (p_after_created_at, p_after_id)
            order by m.created_at desc, m.id desc
            limit p_limit + 1) m)
    into v_total, v_ids;

  return jsonb_build_object(
    'items', coalesce((select jsonb_agg(public.job_public_json(j) order by u.n)
                       from unnest(v_ids[1:p_limit]) with ordinality as u (id, n)
                       join public.jobs j on j.id = u.id), '[]'::jsonb),
    'total', v_total,
    'next', case when cardinality(v_ids) > p_limit then (
                 select jsonb_build_object('createdAt', j.created_at, 'id', j.id)
                 from public.jobs j where j.id = v_ids[p_limit]) end);
end;
$$;
grant execute on function public.public_jobs(date, text, text, text, text, timestamptz, uuid, integer) to anon, authenticated, service_role;

/*
 * One job. The public (and anyone) sees an open, unexpired job without contact; its managers see any
 * of their jobs with contact and counts; a person who marked interest sees their interest, and the
 * contact when they consented. Null when the caller may not see it.
 */
create or replace function public.job_detail(p_id uuid, p_today date)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when public.may_manage_job(j) then public.job_manager_json(j)
    else public.job_public_json(j) || jsonb_build_object('description', j.description, 'canManage', false,
           'contact', case when i.consent_to_share_contact then jsonb_build_object('name', j.contact_name, 'phone', j.contact_phone) end)
  end || jsonb_build_object('myInterest', case when i.user_id is not null then
           jsonb_build_object('consentToShareContact', i.consent_to_share_contact, 'markedAt', i.created_at) end)
  from public.jobs j
  left join public.job_interests i on i.job_id = j.id and i.user_id = auth.uid()
  where j.id = p_id
    and ((j.status = 'open' and j.valid_until >= p_today) or public.may_manage_job(j) or i.user_id is not null);
$$;
grant execute on function public.job_detail(uuid, date) to anon, authenticated, service_role;

/* Jobs the caller manages (station staff, reviewers, declarers), newest first; open ones unless p_all. */
create or replace function public.managed_jobs(p_all boolean default false)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  return jsonb_build_object('items', coalesce((
    select jsonb_agg(public.job_manager_json(j) order by j.created_at desc, j.id desc)
    from (select * from public.jobs j
          where (p_all or j.status = 'open') and public.may_manage_job(j)
          order by j.created_at desc, j.id desc limit 200) j), '[]'::jsonb));
end;
$$;
revoke all on function public.managed_jobs(boolean) from public, anon;
grant execute on function public.managed_jobs(boolean) to authenticated;

/* ---------------------------------------------------------------- matching: gathering candidates */

/*
 * What ranking needs for the caller: their district, their qualifications (valid certificates, and
 * completed classes by the class's project occupations and target level) and the open, unexpired jobs
 * in those occupations (newest 300). Fit, order and reasons are decided by shared/rules/jobMatch.ts.
 */
create or replace function public.job_match_facts(p_today date)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_quals jsonb;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select coalesce(jsonb_agg(q), '[]'::jsonb) into v_quals from (
    select jsonb_build_object('kind', 'certificate', 'occupationCode', o.code, 'occupationName', o.name,
                              'level', case when c.type = 'specialty' then 'special' else c.level end) as q
    from public.certificates c join public.occupations o on o.id = c.occupation_id
    where c.holder_user_id = v_uid and c.status = 'valid' and (c.type = 'specialty' or c.level is not null)
    union all
    select distinct jsonb_build_object('kind', 'training', 'occupationCode', o.code, 'occupationName', o.name, 'level', p.target_level)
    from public.enrollments e
    join public.classes cl on cl.id = e.class_id
    join public.projects p on p.id = cl.project_id
    join public.project_occupations po on po.project_id = p.id
    join public.occupations o on o.id = po.occupation_id
    where e.user_id = v_uid and e.status = 'completed') x;

  return jsonb_build_object(
    'district', (select p.district from public.profiles p where p.user_id = v_uid),
    'districtName', (select d.name from public.profiles p join public.districts d on d.code = p.district where p.user_id = v_uid),
    'qualifications', v_quals,
    'jobs', coalesce((
      select jsonb_agg(public.job_public_json(j) order by j.created_at desc, j.id desc)
      from (select j.* from public.jobs j join public.occupations o on o.id = j.occupation_id
            where j.status = 'open' and j.valid_until >= p_today
              and o.code in (select q ->> 'occupationCode' from jsonb_array_elements(v_quals) q)
            order by j.created_at desc, j.id desc limit 300) j), '[]'::jsonb));
end;
$$;
revoke all on function public.job_match_facts(date) from public, anon;
grant execute on function public.job_match_facts(date) to authenticated;

/* ---------------------------------------------------------------- interest */

/*
 * Marks (or updates) the caller's interest in an open job: repeating it changes nothing but the
 * consent. With consent the person must have a profile (their name and mobile are what is shared).
 * Answers the interest and, with consent, the job's contact.
 */
create or replace function public.mark_job_interest(p_job_id uuid, p_consent boolean, p_today date)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_job public.jobs;
  v_i public.job_interests;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if p_consent is null then
    raise exception using errcode = 'PT400', message = 'interest_consent_required';
  end if;
  select * into v_job from public.jobs j where j.id = p_job_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'job_not_found';
  end if;
  if v_job.status <> 'open' or v_job.valid_until < p_today then
    raise exception using errcode = 'PT409', message = 'job_closed';
  end if;
  if p_consent and not exists (select 1 from public.profiles p where p.user_id = v_uid) then
    raise exception using errcode = 'PT422', message = 'interest_profile_incomplete';
  end if;
  insert into public.job_interests as i (job_id, user_id, consent_to_share_contact, consented_at)
  values (p_job_id, v_uid, p_consent, case when p_consent then now() end)
  on conflict (job_id, user_id) do update
    set consent_to_share_contact = excluded.consent_to_share_contact,
        consented_at = case when excluded.consent_to_share_contact then coalesce(i.consented_at, now()) end,
        updated_at = case when i.consent_to_share_contact = excluded.consent_to_share_contact then i.updated_at else now() end
  returning * into v_i;
  return jsonb_build_object(
    'interest', jsonb_build_object('jobId', v_i.job_id, 'consentToShareContact', v_i.consent_to_share_contact, 'markedAt', v_i.created_at),
    'contact', case when v_i.consent_to_share_contact then jsonb_build_object('name', v_job.contact_name, 'phone', v_job.contact_phone) end);
end;
$$;
revoke all on function public.mark_job_interest(uuid, boolean, date) from public, anon;
grant execute on function public.mark_job_interest(uuid, boolean, date) to authenticated;

/* Withdraws the caller's interest (and with it any consent); answers whether there was one. */
create or replace function public.withdraw_job_interest(p_job_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_found boolean;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  delete from public.job_interests i where i.job_id = p_job_id and i.user_id = v_uid;
  v_found := found;
  return jsonb_build_object('withdrawn', v_found);
end;
$$;
revoke all on function public.withdraw_job_interest(uuid) from public, anon;
grant execute on function public.withdraw_job_interest(uuid) to authenticated;

/*
 * The people interested in a job, for its managers: those who consented with their name, sealed
 * mobile (the API decrypts it) and their certificates in the job's occupation; the others only
 * counted. Other staff are refused.
 */
create or replace function public.job_interested(p_job_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_job public.jobs;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_job from public.jobs j where j.id = p_job_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'job_not_found';
  end if;
  if not public.may_manage_job(v_job) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  return jsonb_build_object(
    'job', jsonb_build_object('id', v_job.id, 'title', v_job.title, 'status', v_job.status),
    'items', coalesce((
      select jsonb_agg(jsonb_build_object(
               'userId', i.user_id,
               'name', p.real_name,
               'mobileEnc', p.mobile_enc,
               'district', p.district,
               'certificates', coalesce((select jsonb_agg(jsonb_build_object('occupation', o.name, 'level', c.level) order by c.issued_on desc)
                                         from public.certificates c join public.occupations o on o.id = c.occupation_id
                                         where c.holder_user_id = i.user_id and c.occupation_id = v_job.occupation_id
                                           and c.status = 'valid'), '[]'::jsonb),
               'markedAt', i.created_at) order by i.created_at, i.user_id)
      from public.job_interests i join public.profiles p on p.user_id = i.user_id
      where i.job_id = p_job_id and i.consent_to_share_contact), '[]'::jsonb),
    'withoutConsent', (select count(*) from public.job_interests i where i.job_id = p_job_id and not i.consent_to_share_contact));
end;
$$;
revoke all on function public.job_interested(uuid) from public, anon;
grant execute on function public.job_interested(uuid) to authenticated;

/* ---------------------------------------------------------------- employment outcomes: writing and reading */

/* An outcome as the person and staff see it: the name masked for staff. */
create or replace function public.employment_outcome_json(r public.employment_outcomes, p_for_staff boolean)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', r.id,
    'person', case when p_for_staff then jsonb_build_object('userId', r.user_id,
                'name', (select public.mask_name(p.real_name) from public.profiles p where p.user_id = r.user_id)) end,
    'employerName', r.employer_name,
    'occupation', (select jsonb_build_object('code', o.code, 'name', o.name) from public.occupations o where o.id = r.occupation_id),
    'hiredOn', r.hired_on,
    'monthlyPay', r.monthly_pay,
    'jobId', r.job_id,
    'source', r.source,
    'institutionId', r.institution_id,
    'stationCode', r.station_code,
    'createdAt', r.created_at);
$$;
revoke all on function public.employment_outcome_json(public.employment_outcomes, boolean) from public, anon, authenticated;

/*
 * Writes one outcome after the caller's scope has been checked; the same person, employer and day
 * again answers the first record (a retried or repeated report). p_job_id fills in the employer and
 * occupation when they are not given.
 */
create or replace function public.save_employment_outcome(
  p_user_id uuid, p_employer_name text, p_occupation_code text, p_hired_on date, p_monthly_pay numeric, p_job_id uuid,
  p_source text, p_institution_id uuid, p_station_code text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_employer text := btrim(coalesce(p_employer_name, ''));
  v_occupation_id bigint;
  v_r public.employment_outcomes;
begin
  if p_job_id is not null then
    select coalesce(nullif(v_employer, ''), e.name), j.occupation_id into v_employer, v_occupation_id
    from public.jobs j join public.enterprises e on e.id = j.enterprise_id where j.id = p_job_id;
    if not found then
      raise exception using errcode = 'PT404', message = 'job_not_found';
    end if;
  end if;
  if p_occupation_code is not null then
    select o.id into v_occupation_id from public.occupations o where o.code = p_occupation_code;
    if not found then
      raise exception using errcode = 'PT400', message = 'employment_unknown_occupation';
    end if;
  end if;
  if char_length(v_employer) not between 2 and 80 then
    raise exception using errcode = 'PT400', message = 'invalid_employment';
  end if;
  if p_hired_on is null or p_hired_on > public.beijing_today() or p_hired_on < public.beijing_today() - 3 * 365 then
    raise exception using errcode = 'PT400', message = 'employment_hired_on_out_of_range';
  end if;
  if p_monthly_pay is not null and p_monthly_pay not between 500 and 200000 then
    raise exception using errcode = 'PT400', message = 'employment_pay_out_of_range';
  end if;
  insert into public.employment_outcomes (user_id, employer_name, occupation_id, hired_on, monthly_pay, job_id, source,
                                          institution_id, station_code, recorded_by)
  values (p_user_id, v_employer, v_occupation_id, p_hired_on, p_monthly_pay, p_job_id, p_source, p_institution_id,
          p_station_code, auth.uid())
  on conflict (user_id, employer_name, hired_on) do nothing
  returning * into v_r;
  if v_r.id is null then
    select * into v_r from public.employment_outcomes r
    where r.user_id = p_user_id and r.employer_name = v_employer and r.hired_on = p_hired_on;
  else
    insert into public.audit_log (actor_id, action, entity, entity_id, detail)
    values (auth.uid(), 'employment.recorded', 'employment_outcome', v_r.id::text, jsonb_build_object('source', p_source));
  end if;
  return public.employment_outcome_json(v_r, p_source <> 'self');
end;
$$;
revoke all on function public.save_employment_outcome(uuid, text, text, date, numeric, uuid, text, uuid, text) from public, anon, authenticated;

/* The caller reports being hired (我已入职); a job given must be one they marked interest in. */
create or replace function public.report_employment(
  p_employer_name text, p_occupation_code text, p_hired_on date, p_monthly_pay numeric, p_job_id uuid default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if p_job_id is not null and not exists (select 1 from public.job_interests i where i.job_id = p_job_id and i.user_id = v_uid) then
    raise exception using errcode = 'PT422', message = 'employment_job_not_interested';
  end if;
  return public.save_employment_outcome(v_uid, p_employer_name, p_occupation_code, p_hired_on, p_monthly_pay, p_job_id,
                                        'self', null, null);
end;
$$;
revoke all on function public.report_employment(text, text, date, numeric, uuid) from public, anon;
grant execute on function public.report_employment(text, text, date, numeric, uuid) to authenticated;

/* True when the person signed up (and got a seat) in a class of the institution. */
create or replace function public.enrolled_with_institution(p_user_id uuid, p_institution_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.enrollments e join public.classes c on c.id = e.class_id
                 where e.user_id = p_user_id and c.institution_id = p_institution_id
                   and e.status in ('enrolled', 'completed', 'dropped'));
$$;
revoke all on function public.enrolled_with_institution(uuid, uuid) from public, anon, authenticated;

/* True when the station referred the person: a sign-up through its code, or consented interest in one of its jobs. */
create or replace function public.referred_by_station(p_user_id uuid, p_station_code text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.enrollments e join public.stations s on s.id = e.referral_station_id
                 where e.user_id = p_user_id and s.code = p_station_code)
      or exists (select 1 from public.job_interests i join public.jobs j on j.id = i.job_id
                 where i.user_id = p_user_id and i.consent_to_share_contact and j.station_code = p_station_code);
$$;
revoke all on function public.referred_by_station(uuid, text) from public, anon, authenticated;

/*
 * Staff record that a person they served was hired: institution staff (p_institution_code, their
 * own) for people who enrolled in its classes; station staff (p_station_code) for people their
 * station referred. Anyone else is refused with the same answer, so staff cannot probe who exists.
 */
create or replace function public.record_employment_outcome(
  p_user_id uuid, p_employer_name text, p_occupation_code text, p_hired_on date, p_monthly_pay numeric, p_job_id uuid,
  p_institution_code text default null, p_station_code text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_institution_id uuid;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if (p_institution_code is null) = (p_station_code is null) then
    raise exception using errcode = 'PT400', message = 'invalid_employment';
  end if;
  if p_institution_code is not null then
    select i.id into v_institution_id from public.institutions i where i.code = p_institution_code and i.kind = 'training';
    if v_institution_id is null or not public.has_role('institution_staff', p_institution_code) then
      raise exception using errcode = 'PT403', message = 'not_allowed';
    end if;
    if not public.enrolled_with_institution(p_user_id, v_institution_id) then
      raise exception using errcode = 'PT403', message = 'employment_person_out_of_scope';
    end if;
    return public.save_employment_outcome(p_user_id, p_employer_name, p_occupation_code, p_hired_on, p_monthly_pay, p_job_id,
                                          'institution', v_institution_id, null);
  end if;
  if not public.has_role('station_staff', p_station_code) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if not public.referred_by_station(p_user_id, p_station_code) then
    raise exception using errcode = 'PT403', message = 'employment_person_out_of_scope';
  end if;
  return public.save_employment_outcome(p_user_id, p_employer_name, p_occupation_code, p_hired_on, p_monthly_pay, p_job_id,
                                        'station', null, p_station_code);
end;
$$;
revoke all on function public.record_employment_outcome(uuid, text, text, date, numeric, uuid, text, text) from public, anon;
grant execute on function public.record_employment_outcome(uuid, text, text, date, numeric, uuid, text, text) to authenticated;

/*
 * Outcomes the caller's staff roles cover, newest hire first (at most 500): an institution's people
 * (recorded by it, or anyone who enrolled in its classes), a station's people (recorded by it or
 * referred by it), a reviewer's district (by the person's profile), everything for admins.
 */
create or replace function public.employment_outcomes_for_staff()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if not exists (select 1 from public.role_grants g where g.user_id = auth.uid()
                 and g.role in ('institution_staff', 'station_staff', 'reviewer', 'admin')) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  return jsonb_build_object('items', coalesce((
    select jsonb_agg(public.employment_outcome_json(r, true) order by r.hired_on desc, r.created_at desc)
    from (select r.* from public.employment_outcomes r
          left join public.profiles p on p.user_id = r.user_id
          where public.has_role('admin')
             or (p.district is not null and public.has_role('reviewer', p.district))
             or exists (select 1 from public.role_grants g
                        join public.institutions i on i.code = g.scope and i.kind = 'training'
                        where g.user_id = auth.uid() and g.role = 'institution_staff'
                          and (r.institution_id = i.id or public.enrolled_with_institution(r.user_id, i.id)))
             or exists (select 1 from public.role_grants g
                        where g.user_id = auth.uid() and g.role = 'station_staff'
                          and (r.station_code = g.scope or public.referred_by_station(r.user_id, g.scope)))
          order by r.hired_on desc, r.created_at desc
          limit 500) r), '[]'::jsonb));
end;
$$;
revoke all on function public.employment_outcomes_for_staff() from public, anon;
grant execute on function public.employment_outcomes_for_staff() to authenticated;
