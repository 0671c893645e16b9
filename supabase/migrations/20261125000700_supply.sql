/*
 * Supply side (issue 7): enterprises and stations declare skill needs into the demand list
 * (需求清单), the district reviews them, and reviewers keep the institution whitelists.
 *
 * Demands gain a declaration flow: draft → submitted → published or returned (with a reason);
 * returned → submitted again; published → fulfilled or closed. The moves are rows of
 * demand_transitions; declare_demand, update_demand (content of a draft or a returned one) and
 * transition_demand are the only writers of a declaration, and each move writes a demand_events
 * row. Only published, fulfilled and closed demands are public: the policies and catalog
 * functions that used to say "not draft" now say so.
 *
 * The whitelist: set_institution_whitelist lists, suspends (with a reason) or restores an
 * institution and writes an institution_whitelist_events row. Suspension takes effect at once:
 * sign-ups (enroll_in_class) and the catalog read whitelist_status through institution_is_public.
 *
 * An HR contact's name and phone are business contact data: stored plain, never granted to anon,
 * and answered masked (phone 138****1234) by every function here.
 */

/* ---------------------------------------------------------------- credit codes (SQL twin of shared/rules/creditCode.ts) */

/* True when an 18-character code passes the GB 32100-2015 check character. */
create or replace function public.credit_code_valid(p_code text)
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
  v_weights constant integer[] := array[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  v_sum integer := 0;
  v_c integer;
begin
  if p_code is null or p_code !~ '^[0-9A-HJ-NPQRTUWXY]{18}$' then
    return false;
  end if;
  for i in 1..17 loop
    v_sum := v_sum + (strpos(v_alphabet, substr(p_code, i, 1)) - 1) * v_weights[i];
  end loop;
  v_c := 31 - v_sum % 31;
  if v_c = 31 then v_c := 0; end if;
  return substr(v_alphabet, v_c + 1, 1) = substr(p_code, 18, 1);
end;
$$;
grant execute on function public.credit_code_valid(text) to anon, authenticated, service_role;

/* ---------------------------------------------------------------- demands: declarations */

alter table public.demands drop constraint demands_status_check;
alter table public.demands add constraint demands_status_check
  check (status in ('draft', 'submitted', 'returned', 'published', 'fulfilled', 'closed'));
alter table public.demands drop constraint demands_published_at;
alter table public.demands add constraint demands_published_at
  check (status in ('draft', 'submitted', 'returned') or published_at is not null);

alter table public.demands
  add column contact_name text not null default '' check (char_length(contact_name) <= 40),
  add column contact_phone text not null default '' check (contact_phone = '' or contact_phone ~ '^1\d{10}$'),
  add column pay_min integer check (pay_min between 0 and 1000000),
  add column pay_max integer check (pay_max between 0 and 1000000),
  add column return_reason text check (char_length(return_reason) between 2 and 200),
  add column submitted_at timestamptz,
  add constraint demands_pay_range check (pay_min is null or pay_max is null or pay_min <= pay_max),
  add constraint demands_returned_has_reason check (status <> 'returned' or return_reason is not null);
comment on column public.demands.contact_name is 'HR contact for this demand; business contact data, not public, answered as given to declarer and reviewers.';
comment on column public.demands.contact_phone is 'HR contact mobile; not public, answered masked (138****1234).';
comment on column public.demands.pay_min is 'Lowest monthly pay offered (元/月), when the enterprise named it.';
comment on column public.demands.pay_max is 'Highest monthly pay offered (元/月), when the enterprise named it.';
comment on column public.demands.return_reason is 'Why the reviewer returned it, kept until it is published.';
comment on column public.demands.submitted_at is 'When it was (last) submitted for review.';
comment on column public.demands.status is 'draft → submitted → published or returned (→ submitted again); published → fulfilled or closed. See demand_transitions.';
comment on column public.demands.created_by is 'Who declared or entered it: the declarer (enterprise HR or station staff).';

create sequence public.demand_code_seq;
comment on sequence public.demand_code_seq is 'Serial of declared demands'' public numbers (XQ-<year>-<serial>).';
grant usage on sequence public.demand_code_seq to service_role;

create index demands_declarer on public.demands (created_by, created_at desc);
create index demands_review on public.demands (status, district, submitted_at) where status = 'submitted';
drop index public.demands_public;
create index demands_public on public.demands (status, published_at desc, id) where status in ('published', 'fulfilled', 'closed');

/* The public sees published, fulfilled and closed demands; drafts and declarations under review stay private. */
drop policy "Anyone can read published demands" on public.demands;
create policy "Anyone can read published demands"
  on public.demands for select to anon, authenticated
  using (status in ('published', 'fulfilled', 'closed'));
create policy "Declarers read their own demands"
  on public.demands for select to authenticated
  using (created_by = auth.uid());

drop policy "Anyone can read enterprises that have a published demand" on public.enterprises;
create policy "Anyone can read enterprises that have a published demand"
  on public.enterprises for select to anon, authenticated
  using (exists (select 1 from public.demands d
                 where d.enterprise_id = enterprises.id and d.status in ('published', 'fulfilled', 'closed')));

drop policy "Anyone can read which published demands public projects answer" on public.project_demands;
create policy "Anyone can read which published demands public projects answer"
  on public.project_demands for select to anon, authenticated
  using (public.project_is_public(project_id)
         and exists (select 1 from public.demands d where d.id = demand_id and d.status in ('published', 'fulfilled', 'closed')));

/* Declarations change only through declare_demand and transition_demand: staff who enter demands directly keep the content columns. */
revoke insert, update on table public.demands from authenticated;
grant insert (code, enterprise_id, occupation_id, level, headcount, skill_requirements, district, wanted_by, source, station_code,
              created_by, contact_name, contact_phone, pay_min, pay_max)
  on table public.demands to authenticated;
grant update (occupation_id, level, headcount, skill_requirements, district, wanted_by, contact_name, contact_phone, pay_min, pay_max,
              updated_at)
  on table public.demands to authenticated;
-- The offered pay is public once the demand is; the contact stays private.
grant select (pay_min, pay_max) on table public.demands to anon;

/* ---------------------------------------------------------------- demands: states and audit */

create table public.demand_transitions (
  from_status text not null,
  to_status text not null,
  actor text not null check (actor in ('declarer', 'reviewer')),
  description text not null,
  primary key (from_status, to_status)
);
comment on table public.demand_transitions is 'The declaration state machine: the only moves transition_demand makes. Declarations start draft or submitted.';
comment on column public.demand_transitions.from_status is 'Status the demand must be in.';
comment on column public.demand_transitions.to_status is 'Status it moves to.';
comment on column public.demand_transitions.actor is 'Who may make the move: the declarer, or a reviewer of the demand''s district (admins too).';
comment on column public.demand_transitions.description is 'When this happens, in words.';

revoke all on table public.demand_transitions from anon, authenticated;
grant select on table public.demand_transitions to anon, authenticated;
grant all on table public.demand_transitions to service_role;
alter table public.demand_transitions enable row level security;
create policy "Anyone can read the demand state machine"
  on public.demand_transitions for select to anon, authenticated using (true);

insert into public.demand_transitions (from_status, to_status, actor, description) values
  ('draft', 'submitted', 'declarer', 'The declarer submits the draft for review.'),
  ('returned', 'submitted', 'declarer', 'The declarer submits a returned declaration again.'),
  ('submitted', 'published', 'reviewer', 'The district accepts it onto the public demand list.'),
  ('submitted', 'returned', 'reviewer', 'The district returns it to the declarer, with a reason.'),
  ('published', 'fulfilled', 'reviewer', 'The enterprise has its people: the demand is met.'),
  ('published', 'closed', 'reviewer', 'The demand is withdrawn or lapsed without being met.');

create table public.demand_events (
  id bigint generated always as identity primary key,
  demand_id uuid not null references public.demands (id) on delete cascade,
  actor_id uuid references public.users (id) on delete set null,
  from_status text,
  to_status text not null,
  reason text,
  created_at timestamptz not null default now()
);
comment on table public.demand_events is 'Audit trail of every declaration: one row per status change (the first has no from_status).';
comment on column public.demand_events.id is 'Order of events.';
comment on column public.demand_events.demand_id is 'The demand.';
comment on column public.demand_events.actor_id is 'Who made the change.';
comment on column public.demand_events.from_status is 'Status before (null when declared).';
comment on column public.demand_events.to_status is 'Status after.';
comment on column public.demand_events.reason is 'Reason given (return).';
comment on column public.demand_events.created_at is 'When.';

create index demand_events_demand on public.demand_events (demand_id, id);

revoke all on table public.demand_events from anon, authenticated;
grant select on table public.demand_events to authenticated;
grant all on table public.demand_events to service_role;
alter table public.demand_events enable row level security;
create policy "Declarers and the district's reviewers read a demand's events"
  on public.demand_events for select to authenticated
  using (exists (select 1 from public.demands d where d.id = demand_id));

/* ---------------------------------------------------------------- demands: functions */

/* Reviewers of the district (or city-wide) and admins review a district's declarations. */
create or replace function public.may_review_demand(p_district text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select public.has_role('admin') or public.has_role('reviewer', p_district);
$$;
revoke all on function public.may_review_demand(text) from public, anon;
grant execute on function public.may_review_demand(text) to authenticated, service_role;

/* A declaration as its declarer and reviewers see it: contact phone masked. */
create or replace function public.demand_declaration_json(d public.demands)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', d.id,
    'code', d.code,
    'status', d.status,
    'returnReason', case when d.status = 'returned' then d.return_reason end,
    'enterprise', jsonb_build_object('id', e.id, 'name', e.name, 'creditCode', e.credit_code),
    'contactName', d.contact_name,
    'contactPhoneMasked', case when char_length(d.contact_phone) = 11
                               then left(d.contact_phone, 3) || '****' || right(d.contact_phone, 4) else '' end,
    'occupation', jsonb_build_object('code', o.code, 'name', o.name),
    'level', d.level,
    'headcount', d.headcount,
    'skills', d.skill_requirements,
    'district', d.district,
    'wantedBy', d.wanted_by,
    'payMin', d.pay_min,
    'payMax', d.pay_max,
    'source', d.source,
    'stationCode', d.station_code,
    'submittedAt', d.submitted_at,
    'publishedAt', d.published_at,
    'createdAt', d.created_at,
    'updatedAt', d.updated_at)
  from public.enterprises e, public.occupations o
  where e.id = d.enterprise_id and o.id = d.occupation_id;
$$;
revoke all on function public.demand_declaration_json(public.demands) from public, anon, authenticated;

/*
 * Declares a demand: the enterprise is found by credit code (registered when new), the demand is
 * saved as a draft, or submitted at once. Station staff declaring for an enterprise pass their
 * station code (source = station); everyone else declares for themselves (self_declared).
 */
create or replace function public.declare_demand(
  p_enterprise_name text,
  p_credit_code text,
  p_contact_name text,
  p_contact_phone text,
  p_occupation_code text,
  p_level text,
  p_headcount integer,
  p_skills text,
  p_district text,
  p_wanted_by date,
  p_pay_min integer,
  p_pay_max integer,
  p_station_code text default null,
  p_submit boolean default false
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
  v_enterprise public.enterprises;
  v_occupation_id bigint;
  v_status text := case when p_submit then 'submitted' else 'draft' end;
  v_d public.demands;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if p_station_code is not null and not public.has_role('station_staff', p_station_code) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if not public.credit_code_valid(v_code) then
    raise exception using errcode = 'PT400', message = 'invalid_credit_code';
  end if;
  if char_length(v_name) not between 2 and 80 or char_length(coalesce(p_skills, '')) not between 2 and 2000
     or p_headcount is null or p_headcount not between 1 and 100000 or p_wanted_by is null
     or (p_level is not null and not public.is_skill_level(p_level))
     or (p_pay_min is not null and p_pay_max is not null and p_pay_min > p_pay_max)
     or coalesce(p_contact_phone, '') !~ '^1\d{10}$' or char_length(btrim(coalesce(p_contact_name, ''))) not between 1 and 40 then
    raise exception using errcode = 'PT400', message = 'invalid_demand';
  end if;
  if p_wanted_by < public.beijing_today() then
    raise exception using errcode = 'PT400', message = 'demand_wanted_by_past';
  end if;
  if not exists (select 1 from public.districts d where d.code = p_district) then
    raise exception using errcode = 'PT400', message = 'demand_unknown_district';
  end if;
  select o.id into v_occupation_id from public.occupations o where o.code = p_occupation_code;
  if not found then
    raise exception using errcode = 'PT400', message = 'demand_unknown_occupation';
  end if;

  -- One enterprise per credit code; its registered name is the first one declared.
  insert into public.enterprises (name, credit_code, district, contact_name, contact_phone)
  values (v_name, v_code, p_district, btrim(p_contact_name), p_contact_phone)
  on conflict (credit_code) do nothing
  returning * into v_enterprise;
  if v_enterprise.id is null then
    select * into v_enterprise from public.enterprises e where e.credit_code = v_code;
    if v_enterprise.id is null then
      raise exception using errcode = 'PT409', message = 'enterprise_name_taken';
    end if;
  end if;

  insert into public.demands (code, enterprise_id, occupation_id, level, headcount, skill_requirements, district, wanted_by,
                              source, station_code, status, created_by, contact_name, contact_phone, pay_min, pay_max,
                              submitted_at)
  values ('XQ-' || to_char(public.beijing_today(), 'YYYY') || '-' || lpad(nextval('public.demand_code_seq')::text, 6, '0'),
          v_enterprise.id, v_occupation_id, p_level, p_headcount, btrim(p_skills), p_district, p_wanted_by,
          case when p_station_code is null then 'self_declared' else 'station' end, p_station_code, v_status, v_uid,
          btrim(p_contact_name), p_contact_phone, p_pay_min, p_pay_max, case when p_submit then now() end)
  returning * into v_d;
  insert into public.demand_events (demand_id, actor_id, from_status, to_status) values (v_d.id, v_uid, null, v_status);
  return public.demand_declaration_json(v_d);
exception
  when unique_violation then
    -- the enterprise name belongs to another credit code
    raise exception using errcode = 'PT409', message = 'enterprise_name_taken';
end;
$$;
revoke all on function public.declare_demand(text, text, text, text, text, text, integer, text, text, date, integer, integer, text, boolean)
  from public, anon;
grant execute on function public.declare_demand(text, text, text, text, text, text, integer, text, text, date, integer, integer, text, boolean)
  to authenticated;

/* The declarer corrects a draft or a returned declaration; the enterprise and the status stay. */
create or replace function public.update_demand(
  p_id uuid,
  p_contact_name text,
  p_contact_phone text,
  p_occupation_code text,
  p_level text,
  p_headcount integer,
  p_skills text,
  p_district text,
  p_wanted_by date,
  p_pay_min integer,
  p_pay_max integer
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_d public.demands;
  v_occupation_id bigint;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_d from public.demands d where d.id = p_id for update;
  if not found or v_d.created_by is distinct from v_uid then
    raise exception using errcode = 'PT404', message = 'demand_not_found';
  end if;
  if v_d.status not in ('draft', 'returned') then
    raise exception using errcode = 'PT409', message = 'demand_not_editable';
  end if;
  if char_length(coalesce(p_skills, '')) not between 2 and 2000
     or p_headcount is null or p_headcount not between 1 and 100000 or p_wanted_by is null
     or (p_level is not null and not public.is_skill_level(p_level))
     or (p_pay_min is not null and p_pay_max is not null and p_pay_min > p_pay_max)
     or coalesce(p_contact_phone, '') !~ '^1\d{10}$' or char_length(btrim(coalesce(p_contact_name, ''))) not between 1 and 40 then
    raise exception using errcode = 'PT400', message = 'invalid_demand';
  end if;
  if p_wanted_by < public.beijing_today() then
    raise exception using errcode = 'PT400', message = 'demand_wanted_by_past';
  end if;
  if not exists (select 1 from public.districts d where d.code = p_district) then
    raise exception using errcode = 'PT400', message = 'demand_unknown_district';
  end if;
  select o.id into v_occupation_id from public.occupations o where o.code = p_occupation_code;
  if not found then
    raise exception using errcode = 'PT400', message = 'demand_unknown_occupation';
  end if;

  update public.demands d set
    contact_name = btrim(p_contact_name), contact_phone = p_contact_phone, occupation_id = v_occupation_id, level = p_level,
    headcount = p_headcount, skill_requirements = btrim(p_skills), district = p_district, wanted_by = p_wanted_by,
    pay_min = p_pay_min, pay_max = p_pay_max, updated_at = now()
  where d.id = p_id
  returning * into v_d;
  return public.demand_declaration_json(v_d);
end;
$$;
revoke all on function public.update_demand(uuid, text, text, text, text, integer, text, text, date, integer, integer) from public, anon;
grant execute on function public.update_demand(uuid, text, text, text, text, integer, text, text, date, integer, integer) to authenticated;

/* Moves a demand along demand_transitions: the declarer submits, the district's reviewers publish, return and close. */
create or replace function public.transition_demand(p_id uuid, p_to text, p_reason text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_d public.demands;
  v_move public.demand_transitions;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
  v_is_declarer boolean;
  v_is_reviewer boolean;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_d from public.demands d where d.id = p_id for update;
  if found then
    v_is_declarer := v_d.created_by = v_uid;
    v_is_reviewer := public.may_review_demand(v_d.district);
  end if;
  if not found or not (v_is_declarer or v_is_reviewer) then
    raise exception using errcode = 'PT404', message = 'demand_not_found';
  end if;
  select * into v_move from public.demand_transitions t where t.from_status = v_d.status and t.to_status = p_to;
  if not found then
    raise exception using errcode = 'PT409', message = 'invalid_demand_transition';
  end if;
  -- Nobody reviews their own declaration, whatever roles they hold.
  if (v_move.actor = 'declarer' and not v_is_declarer) or (v_move.actor = 'reviewer' and (not v_is_reviewer or v_is_declarer)) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if v_reason is not null and char_length(v_reason) not between 2 and 200 then
    raise exception using errcode = 'PT400', message = 'invalid_reason';
  end if;
  if p_to = 'returned' and v_reason is null then
    raise exception using errcode = 'PT400', message = 'demand_reason_required';
  end if;

  update public.demands d set
    status = p_to,
    return_reason = case when p_to = 'returned' then v_reason when p_to = 'published' then null else d.return_reason end,
    submitted_at = case when p_to = 'submitted' then now() else d.submitted_at end,
    published_at = case when p_to = 'published' then coalesce(d.published_at, now()) else d.published_at end,
    updated_at = now()
  where d.id = p_id
  returning * into v_d;
  insert into public.demand_events (demand_id, actor_id, from_status, to_status, reason)
  values (v_d.id, v_uid, v_move.from_status, p_to, v_reason);
  return public.demand_declaration_json(v_d);
end;
$$;
revoke all on function public.transition_demand(uuid, text, text) from public, anon;
grant execute on function public.transition_demand(uuid, text, text) to authenticated;

/* The caller's own declarations, newest first. */
create or replace function public.my_demands()
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
    select jsonb_agg(public.demand_declaration_json(d) order by d.created_at desc, d.id desc)
    from public.demands d where d.created_by = auth.uid()), '[]'::jsonb));
end;
$$;
revoke all on function public.my_demands() from public, anon;
grant execute on function public.my_demands() to authenticated;

/* Declarations a reviewer may see, in their districts: by status (default submitted) and district, oldest submission first. */
create or replace function public.review_demands(p_status text default 'submitted', p_district text default null)
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
  if not (public.has_role('admin') or public.has_role('reviewer')) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if p_status is not null and p_status not in ('draft', 'submitted', 'returned', 'published', 'fulfilled', 'closed') then
    raise exception using errcode = 'PT400', message = 'invalid_demand';
  end if;
  return jsonb_build_object('items', coalesce((
    select jsonb_agg(public.demand_declaration_json(d) order by d.submitted_at nulls last, d.created_at, d.id)
    from (select * from public.demands d
          where d.status <> 'draft'
            and (p_status is null or d.status = p_status)
            and (p_district is null or d.district = p_district)
            and public.may_review_demand(d.district)
          order by d.submitted_at nulls last, d.created_at, d.id
          limit 500) d), '[]'::jsonb));
end;
$$;
revoke all on function public.review_demands(text, text) from public, anon;
grant execute on function public.review_demands(text, text) to authenticated;

/* ---------------------------------------------------------------- catalog: only public demands (was "not draft") */

/* A demand as the public sees it: now with the offered pay. */
create or replace function public.catalog_demand_json(d public.demands)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', d.id,
    'code', d.code,
    'enterprise', (select jsonb_build_object('id', e.id, 'name', e.name) from public.enterprises e where e.id = d.enterprise_id),
    'occupation', jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty),
    'field', (select jsonb_build_object('code', f.code, 'name', f.name) from public.fields f where f.code = o.field_code),
    'level', d.level,
    'headcount', d.headcount,
    'skillRequirements', d.skill_requirements,
    'district', d.district,
    'districtName', (select x.name from public.districts x where x.code = d.district),
    'wantedBy', d.wanted_by,
    'payMin', d.pay_min,
    'payMax', d.pay_max,
    'source', d.source,
    'status', d.status,
    'publishedAt', d.published_at,
    'projectCount', (select count(*) from public.project_demands pd
                     join public.projects p on p.id = pd.project_id
                     join public.institutions i on i.id = p.institution_id
                     where pd.demand_id = d.id and p.status = 'published' and i.whitelist_status = 'listed')
  )
  from public.occupations o
  where o.id = d.occupation_id;
$$;
revoke all on function public.catalog_demand_json(public.demands) from public, anon, authenticated;

/* One public project with its classes (current and upcoming), institution, demands, evaluation path and salary; null if not public. */
create or replace function public.catalog_project_detail(p_id uuid, p_lat double precision default null,
                                                         p_lng double precision default null)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select public.catalog_project_json(p) || jsonb_build_object(
    'content', p.content,
    'institution', public.catalog_institution_json(i),
    'classes', coalesce((
      select jsonb_agg(public.catalog_class_json(c, p_lat, p_lng) order by c.start_date, c.id)
      from public.classes c
      where c.project_id = p.id and c.status in ('published', 'closed') and c.end_date >= public.beijing_today()), '[]'::jsonb),
    'demands', coalesce((
      select jsonb_agg(public.catalog_demand_json(d) order by d.published_at desc, d.id)
      from public.project_demands pd join public.demands d on d.id = pd.demand_id
      where pd.project_id = p.id and d.status in ('published', 'fulfilled', 'closed')), '[]'::jsonb),
    'evaluationPath', (
      select public.catalog_evaluation_path_json(po.occupation_id, p.target_level, p_lat, p_lng)
      from public.project_occupations po where po.project_id = p.id order by po.position limit 1),
    'salary', (
      select public.catalog_salary_json(po.occupation_id, p.target_level)
      from public.project_occupations po where po.project_id = p.id order by po.position limit 1)
  )
  from public.projects p
  join public.institutions i on i.id = p.institution_id
  where p.id = p_id and p.status = 'published' and i.whitelist_status = 'listed';
$$;
grant execute on function public.catalog_project_detail(uuid, double precision, double precision) to anon, authenticated, service_role;

/* Published demands, newest first; keyset on (published_at, id). */
create or replace function public.catalog_demands(
  p_q text default null,
  p_district text default null,
  p_occupation text default null,
  p_field text default null,
  p_source text default null,
  p_status text default 'published',
  p_after_published_at timestamptz default null,
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
  if p_limit is null or p_limit < 1 or p_limit > 50 then perform public.catalog_bad_filter('bad_limit'); end if;
  if p_district is not null and not exists (select 1 from public.districts d where d.code = p_district) then
    perform public.catalog_bad_filter('unknown_district');
  end if;
  if p_occupation is not null and not exists (select 1 from public.occupations o where o.code = p_occupation) then
    perform public.catalog_bad_filter('unknown_occupation');
  end if;
  if p_field is not null and not exists (select 1 from public.fields f where f.code = p_field) then
    perform public.catalog_bad_filter('unknown_field');
  end if;
  if p_status is null or p_status not in ('published', 'fulfilled', 'closed', 'all') then
    perform public.catalog_bad_filter('bad_status');
  end if;
  if p_source is not null and p_source not in ('notice', 'service_package', 'self_declared', 'station') then
    perform public.catalog_bad_filter('bad_source');
  end if;
  if (p_after_id is null) <> (p_after_published_at is null) then perform public.catalog_bad_filter('bad_cursor'); end if;

  with matching as (
    select d.*
    from public.demands d
    join public.enterprises e on e.id = d.enterprise_id
    join public.occupations o on o.id = d.occupation_id
    where d.status in ('published', 'fulfilled', 'closed')
      and (p_status = 'all' or d.status = p_status)
      and (p_district is null or d.district = p_district)
      and (p_occupation is null or o.code = p_occupation)
      and (p_field is null or o.field_code = p_field)
      and (p_source is null or d.source = p_source)
      and (v_q is null
           or strpos(concat_ws('/', public.search_normalize(e.name), public.search_normalize(o.name),
                                public.search_normalize(d.skill_requirements)), v_q) > 0
           or strpos(concat_ws('/', e.name_pinyin, e.name_initials, o.name_pinyin, o.name_initials), v_q) > 0)
  )
  select (select count(*) from matching),
         (select coalesce(array_agg(m.id order by m.published_at desc, m.id desc), '{}') from (
            select * from matching m
            where p_after_id is null or (m.published_at, m.id) < (p_after_published_at, p_after_id)
            order by m.published_at desc, m.id desc
            limit p_limit + 1) m)
    into v_total, v_ids;

  return jsonb_build_object(
    'items', coalesce((select jsonb_agg(public.catalog_demand_json(d) order by u.n)
                       from unnest(v_ids[1:p_limit]) with ordinality as u (id, n)
                       join public.demands d on d.id = u.id), '[]'::jsonb),
    'total', v_total,
    'next', case when cardinality(v_ids) > p_limit then (
                 select jsonb_build_object('publishedAt', d.published_at, 'id', d.id)
                 from public.demands d where d.id = v_ids[p_limit]) end);
end;
$$;
grant execute on function public.catalog_demands(text, text, text, text, text, text, timestamptz, uuid, integer)
  to anon, authenticated, service_role;

/* ---------------------------------------------------------------- whitelists */

create table public.institution_whitelist_transitions (
  action text not null check (action in ('list', 'suspend', 'restore')),
  from_status text not null,
  to_status text not null,
  description text not null,
  primary key (action, from_status)
);
comment on table public.institution_whitelist_transitions is 'The whitelist state machine: the only moves set_institution_whitelist makes.';
comment on column public.institution_whitelist_transitions.action is 'What the reviewer does: list, suspend or restore.';
comment on column public.institution_whitelist_transitions.from_status is 'Whitelist status the institution must be in.';
comment on column public.institution_whitelist_transitions.to_status is 'Whitelist status it moves to.';
comment on column public.institution_whitelist_transitions.description is 'When this happens, in words.';

revoke all on table public.institution_whitelist_transitions from anon, authenticated;
grant select on table public.institution_whitelist_transitions to anon, authenticated;
grant all on table public.institution_whitelist_transitions to service_role;
alter table public.institution_whitelist_transitions enable row level security;
create policy "Anyone can read the whitelist state machine"
  on public.institution_whitelist_transitions for select to anon, authenticated using (true);

insert into public.institution_whitelist_transitions (action, from_status, to_status, description) values
  ('list', 'pending', 'listed', 'A new institution passes review and is published on the whitelist.'),
  ('list', 'removed', 'listed', 'A removed institution is admitted again after a new review.'),
  ('suspend', 'listed', 'suspended', 'Taken off the published whitelist for now, with a reason: no new sign-ups.'),
  ('restore', 'suspended', 'listed', 'The suspension ends: back on the whitelist.');

create table public.institution_whitelist_events (
  id bigint generated always as identity primary key,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  actor_id uuid references public.users (id) on delete set null,
  action text not null,
  from_status text not null,
  to_status text not null,
  reason text,
  created_at timestamptz not null default now()
);
comment on table public.institution_whitelist_events is 'History of each institution''s whitelist status: one row per change.';
comment on column public.institution_whitelist_events.id is 'Order of events.';
comment on column public.institution_whitelist_events.institution_id is 'The institution.';
comment on column public.institution_whitelist_events.actor_id is 'The reviewer or admin who made the change.';
comment on column public.institution_whitelist_events.action is 'list, suspend or restore.';
comment on column public.institution_whitelist_events.from_status is 'Whitelist status before.';
comment on column public.institution_whitelist_events.to_status is 'Whitelist status after.';
comment on column public.institution_whitelist_events.reason is 'Reason given (required to suspend).';
comment on column public.institution_whitelist_events.created_at is 'When.';

create index institution_whitelist_events_institution on public.institution_whitelist_events (institution_id, id);

revoke all on table public.institution_whitelist_events from anon, authenticated;
grant select on table public.institution_whitelist_events to authenticated;
grant all on table public.institution_whitelist_events to service_role;
alter table public.institution_whitelist_events enable row level security;
create policy "Reviewers of the district, admins and the institution's staff read its whitelist history"
  on public.institution_whitelist_events for select to authenticated
  using (exists (select 1 from public.institutions i
                 where i.id = institution_id and (public.may_review_demand(i.district) or public.works_for_institution(i.id))));

/*
 * Whitelist changes: admins directly (as before), or set_institution_whitelist, which has checked
 * the reviewer and writes the history; it marks its own update with a transaction-local setting.
 */
create or replace function public.guard_whitelist()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.whitelist_status, new.whitelisted_on, new.kind, new.code) is distinct from
     (old.whitelist_status, old.whitelisted_on, old.kind, old.code)
     and coalesce(auth.role(), '') in ('anon', 'authenticated') and not public.has_role('admin')
     and coalesce(current_setting('jz.whitelist_change', true), '') <> 'on' then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  return new;
end;
$$;

/* Lists, suspends (with a reason) or restores an institution: reviewers of its district and admins. */
create or replace function public.set_institution_whitelist(p_id uuid, p_action text, p_reason text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_i public.institutions;
  v_move public.institution_whitelist_transitions;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if not (public.has_role('admin') or public.has_role('reviewer')) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  select * into v_i from public.institutions i where i.id = p_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'whitelist_institution_not_found';
  end if;
  if not public.may_review_demand(v_i.district) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  select * into v_move from public.institution_whitelist_transitions t
  where t.action = p_action and t.from_status = v_i.whitelist_status;
  if not found then
    raise exception using errcode = 'PT409', message = 'invalid_whitelist_transition';
  end if;
  if v_reason is not null and char_length(v_reason) not between 2 and 200 then
    raise exception using errcode = 'PT400', message = 'invalid_reason';
  end if;
  if p_action = 'suspend' and v_reason is null then
    raise exception using errcode = 'PT400', message = 'whitelist_reason_required';
  end if;

  perform set_config('jz.whitelist_change', 'on', true);
  update public.institutions i set
    whitelist_status = v_move.to_status,
    whitelisted_on = case when p_action = 'list' then public.beijing_today() else i.whitelisted_on end,
    updated_at = now()
  where i.id = p_id
  returning * into v_i;
  perform set_config('jz.whitelist_change', '', true);
  insert into public.institution_whitelist_events (institution_id, actor_id, action, from_status, to_status, reason)
  values (v_i.id, v_uid, p_action, v_move.from_status, v_move.to_status, v_reason);
  return jsonb_build_object('id', v_i.id, 'code', v_i.code, 'name', v_i.name, 'kind', v_i.kind, 'district', v_i.district,
                            'whitelistStatus', v_i.whitelist_status, 'whitelistedOn', v_i.whitelisted_on,
                            'history', (select jsonb_agg(jsonb_build_object('action', ev.action, 'from', ev.from_status,
                                                                            'to', ev.to_status, 'reason', ev.reason,
                                                                            'at', ev.created_at) order by ev.id)
                                        from public.institution_whitelist_events ev where ev.institution_id = v_i.id));
end;
$$;
revoke all on function public.set_institution_whitelist(uuid, text, text) from public, anon;
grant execute on function public.set_institution_whitelist(uuid, text, text) to authenticated;
