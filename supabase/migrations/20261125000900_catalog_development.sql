/*
 * Catalog development (指导目录开发, issue 7): training carriers propose projects that answer
 * published demands, the district reviews them, and publishing puts the project in the catalog.
 *
 * A proposal moves along project_proposal_transitions: draft → submitted → published or returned
 * (with a reason); returned → submitted again; draft, submitted and returned → withdrawn. The
 * proposer side is the staff of the proposing institution; the reviewer side is the reviewers of
 * the proposal's district (the institution's district) and admins; nobody decides their own
 * proposal. Publishing creates the published projects row with its occupations and demand links in
 * the same transaction, so it is in the worker catalog at once.
 *
 * Self-developed projects (政策第八条: districts, departments and 群团组织 run their own projects):
 * reviewers register them for a district in their scope (admins for any district) the same way,
 * with source district | department | mass_org and the developer's name, naming the training
 * institution that runs the classes; another reviewer of that district (or an admin) decides.
 *
 * Institution staff no longer write projects, their occupations or demand links directly: only
 * through proposals. Admins keep direct writes for corrections.
 *
 * Also here: demand_remaining_headcount (a demand's headcount not yet covered by published
 * projects), the public demand JSON with the answering projects, and outbox notifications to the
 * declarer when a demand is published or returned, and to the proposer for a proposal.
 */

/* ---------------------------------------------------------------- projects: where they came from; staff write through proposals */

alter table public.projects
  add column source text not null default 'institution' check (source in ('institution', 'district', 'department', 'mass_org')),
  add column source_name text check (char_length(source_name) between 2 and 80);
comment on column public.projects.source is 'Who developed it: institution (a training carrier) or, self-developed, district, department or mass_org (群团组织).';
comment on column public.projects.source_name is 'Name of the developer (institution, district office, department or organisation).';
grant select (source, source_name) on table public.projects to anon;

-- From 100001: six digits, after the four-digit numbers of projects entered before proposals existed.
create sequence public.project_code_seq start with 100001;
comment on sequence public.project_code_seq is 'Serial of the public numbers (XM-<year>-<serial>) of projects published from proposals.';

drop policy "Institution staff add projects for their institution" on public.projects;
drop policy "Institution staff update their own projects" on public.projects;
create policy "Admins add projects directly"
  on public.projects for insert to authenticated
  with check (public.has_role('admin'));
create policy "Admins update projects directly"
  on public.projects for update to authenticated
  using (public.has_role('admin')) with check (public.has_role('admin'));

drop policy "Institution staff manage their projects' occupations" on public.project_occupations;
create policy "Institution staff read their projects' occupations"
  on public.project_occupations for select to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and public.works_for_institution(p.institution_id)));
create policy "Admins manage project occupations directly"
  on public.project_occupations for all to authenticated
  using (public.has_role('admin')) with check (public.has_role('admin'));

drop policy "Institution staff link their projects to demands" on public.project_demands;
create policy "Institution staff read their projects' demand links"
  on public.project_demands for select to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and public.works_for_institution(p.institution_id)));
create policy "Admins link projects to demands directly"
  on public.project_demands for all to authenticated
  using (public.has_role('admin')) with check (public.has_role('admin'));

/* ---------------------------------------------------------------- proposals */

create sequence public.project_proposal_code_seq;
comment on sequence public.project_proposal_code_seq is 'Serial of proposal numbers (KF-<year>-<serial>).';

create table public.project_proposals (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^KF-\d{4}-\d{6}$'),
  source text not null check (source in ('institution', 'district', 'department', 'mass_org')),
  source_name text not null check (char_length(source_name) between 2 and 80),
  institution_id uuid not null references public.institutions (id),
  district text not null references public.districts (code),
  title text not null check (char_length(title) between 4 and 80),
  project_type text not null check (project_type in ('employment', 'upskilling', 'new_occupation', 'specialty', 'entrepreneurship')),
  field_code text not null references public.fields (code),
  target_level text not null check (public.is_skill_level(target_level)),
  headcount integer not null check (headcount between 1 and 100000),
  content text not null check (char_length(content) between 10 and 4000),
  hours integer not null check (hours between 1 and 2000),
  mode text not null check (mode in ('offline', 'online', 'blended')),
  audiences text[] not null check (cardinality(audiences) >= 1 and audiences <@ array['employee', 'student', 'key_group']),
  funding text not null check (funding in ('subsidised', 'fee')),
  fee numeric(10, 2) not null default 0 check (fee >= 0),
  status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'published', 'withdrawn')),
  return_reason text check (char_length(return_reason) between 2 and 200),
  project_id uuid unique references public.projects (id) on delete set null,
  submitted_at timestamptz,
  decided_at timestamptz,
  created_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint project_proposals_fee_fits_funding check (funding = 'fee' or fee = 0),
  constraint project_proposals_returned_has_reason check (status <> 'returned' or return_reason is not null),
  constraint project_proposals_published_has_project check (status <> 'published' or decided_at is not null)
);
comment on table public.project_proposals is '指导目录开发: a project a carrier (or a district, department or 群团组织) proposes for the catalog; published ones become projects.';
comment on column public.project_proposals.id is 'Row id.';
comment on column public.project_proposals.code is 'Proposal number, KF-<year>-<serial>.';
comment on column public.project_proposals.source is 'Who developed it: institution, or self-developed by a district, department or mass_org (群团组织).';
comment on column public.project_proposals.source_name is 'Name of the developer; the institution''s name when source = institution.';
comment on column public.project_proposals.institution_id is 'The training institution that will run the classes (the proposer itself when source = institution).';
comment on column public.project_proposals.district is 'District whose reviewers decide: the institution''s district, or the self-developing district''s.';
comment on column public.project_proposals.title is 'Project name as it will be listed.';
comment on column public.project_proposals.project_type is '培训项目类型, as projects.project_type.';
comment on column public.project_proposals.field_code is 'Key field it serves.';
comment on column public.project_proposals.target_level is 'Level the training prepares for (''5''…''1'') or ''special''.';
comment on column public.project_proposals.headcount is '培训人数: people it plans to train.';
comment on column public.project_proposals.content is '培训内容: outline of what is taught.';
comment on column public.project_proposals.hours is '培训时长 in class hours.';
comment on column public.project_proposals.mode is '培训方式: offline, online or blended.';
comment on column public.project_proposals.audiences is 'Who it is for: employee, student, key_group.';
comment on column public.project_proposals.funding is 'subsidised or fee.';
comment on column public.project_proposals.fee is 'Fee in yuan when funding = fee, else 0.';
comment on column public.project_proposals.status is 'draft → submitted → published or returned (→ submitted again); draft, submitted, returned → withdrawn. See project_proposal_transitions.';
comment on column public.project_proposals.return_reason is 'Why the reviewer returned it, kept until it is published.';
comment on column public.project_proposals.project_id is 'The catalog project publishing created.';
comment on column public.project_proposals.submitted_at is 'When it was (last) submitted.';
comment on column public.project_proposals.decided_at is 'When it was last published or returned.';
comment on column public.project_proposals.created_by is 'Who created it (institution staff, or the reviewer registering a self-developed project).';
comment on column public.project_proposals.created_at is 'When it was created.';
comment on column public.project_proposals.updated_at is 'When it last changed.';

create index project_proposals_institution on public.project_proposals (institution_id, created_at desc);
create index project_proposals_creator on public.project_proposals (created_by, created_at desc);
create index project_proposals_review on public.project_proposals (district, status, submitted_at);

create table public.project_proposal_occupations (
  proposal_id uuid not null references public.project_proposals (id) on delete cascade,
  occupation_id bigint not null references public.occupations (id),
  position smallint not null check (position between 0 and 9),
  primary key (proposal_id, occupation_id),
  unique (proposal_id, position)
);
comment on table public.project_proposal_occupations is 'Occupations a proposal trains for (拟培训职业); copied to project_occupations on publishing.';
comment on column public.project_proposal_occupations.proposal_id is 'The proposal.';
comment on column public.project_proposal_occupations.occupation_id is 'An occupation it trains for.';
comment on column public.project_proposal_occupations.position is 'Order; 0 = main occupation.';

create table public.project_proposal_demands (
  proposal_id uuid not null references public.project_proposals (id) on delete cascade,
  demand_id uuid not null references public.demands (id) on delete cascade,
  primary key (proposal_id, demand_id)
);
comment on table public.project_proposal_demands is 'Published demands a proposal answers; copied to project_demands on publishing.';
comment on column public.project_proposal_demands.proposal_id is 'The proposal.';
comment on column public.project_proposal_demands.demand_id is 'A demand it answers (published when linked and when the proposal is published).';

create index project_proposal_demands_demand on public.project_proposal_demands (demand_id);

/* The proposer side of a proposal: staff of the proposing institution, or whoever registered a self-developed one. */
create or replace function public.may_propose_project(p_source text, p_institution_id uuid, p_created_by uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select case when p_source = 'institution'
              then exists (select 1 from public.institutions i
                           where i.id = p_institution_id and public.has_role('institution_staff', i.code))
              else p_created_by = auth.uid() end;
$$;
revoke all on function public.may_propose_project(text, uuid, uuid) from public, anon;
grant execute on function public.may_propose_project(text, uuid, uuid) to authenticated, service_role;

revoke all on table public.project_proposals from anon, authenticated;
grant select on table public.project_proposals to authenticated;
grant all on table public.project_proposals to service_role;
alter table public.project_proposals enable row level security;
create policy "Proposers and the district's reviewers read proposals"
  on public.project_proposals for select to authenticated
  using (public.may_propose_project(source, institution_id, created_by)
         or (status <> 'draft' and public.may_review_demand(district)));

revoke all on table public.project_proposal_occupations from anon, authenticated;
grant select on table public.project_proposal_occupations to authenticated;
grant all on table public.project_proposal_occupations to service_role;
alter table public.project_proposal_occupations enable row level security;
create policy "Whoever reads a proposal reads its occupations"
  on public.project_proposal_occupations for select to authenticated
  using (exists (select 1 from public.project_proposals p where p.id = proposal_id));

revoke all on table public.project_proposal_demands from anon, authenticated;
grant select on table public.project_proposal_demands to authenticated;
grant all on table public.project_proposal_demands to service_role;
alter table public.project_proposal_demands enable row level security;
create policy "Whoever reads a proposal reads its demand links"
  on public.project_proposal_demands for select to authenticated
  using (exists (select 1 from public.project_proposals p where p.id = proposal_id));

/* ---------------------------------------------------------------- proposals: states and audit */

create table public.project_proposal_transitions (
  from_status text not null,
  to_status text not null,
  actor text not null check (actor in ('proposer', 'reviewer')),
  description text not null,
  primary key (from_status, to_status)
);
comment on table public.project_proposal_transitions is 'The proposal state machine: the only moves transition_project_proposal makes. Proposals start draft or submitted.';
comment on column public.project_proposal_transitions.from_status is 'Status the proposal must be in.';
comment on column public.project_proposal_transitions.to_status is 'Status it moves to.';
comment on column public.project_proposal_transitions.actor is 'Who may make the move: the proposer side, or a reviewer of the proposal''s district (admins too).';
comment on column public.project_proposal_transitions.description is 'When this happens, in words.';

revoke all on table public.project_proposal_transitions from anon, authenticated;
grant select on table public.project_proposal_transitions to anon, authenticated;
grant all on table public.project_proposal_transitions to service_role;
alter table public.project_proposal_transitions enable row level security;
create policy "Anyone can read the proposal state machine"
  on public.project_proposal_transitions for select to anon, authenticated using (true);

insert into public.project_proposal_transitions (from_status, to_status, actor, description) values
  ('draft', 'submitted', 'proposer', 'The proposer submits the draft for review.'),
  ('returned', 'submitted', 'proposer', 'The proposer submits a returned proposal again.'),
  ('submitted', 'published', 'reviewer', 'The district accepts it: the project is published in the catalog.'),
  ('submitted', 'returned', 'reviewer', 'The district returns it to the proposer, with a reason.'),
  ('draft', 'withdrawn', 'proposer', 'The proposer drops a draft.'),
  ('submitted', 'withdrawn', 'proposer', 'The proposer takes it back before the decision.'),
  ('returned', 'withdrawn', 'proposer', 'The proposer gives up a returned proposal.');

create table public.project_proposal_events (
  id bigint generated always as identity primary key,
  proposal_id uuid not null references public.project_proposals (id) on delete cascade,
  actor_id uuid references public.users (id) on delete set null,
  from_status text,
  to_status text not null,
  reason text,
  created_at timestamptz not null default now()
);
comment on table public.project_proposal_events is 'Audit trail of every proposal: one row per status change (the first has no from_status).';
comment on column public.project_proposal_events.id is 'Order of events.';
comment on column public.project_proposal_events.proposal_id is 'The proposal.';
comment on column public.project_proposal_events.actor_id is 'Who made the change.';
comment on column public.project_proposal_events.from_status is 'Status before (null when created).';
comment on column public.project_proposal_events.to_status is 'Status after.';
comment on column public.project_proposal_events.reason is 'Reason given (return).';
comment on column public.project_proposal_events.created_at is 'When.';

create index project_proposal_events_proposal on public.project_proposal_events (proposal_id, id);

revoke all on table public.project_proposal_events from anon, authenticated;
grant select on table public.project_proposal_events to authenticated;
grant all on table public.project_proposal_events to service_role;
alter table public.project_proposal_events enable row level security;
create policy "Whoever reads a proposal reads its events"
  on public.project_proposal_events for select to authenticated
  using (exists (select 1 from public.project_proposals p where p.id = proposal_id));

/* ---------------------------------------------------------------- remaining headcount */

/* A demand's headcount not yet covered by published projects answering it (never below 0). */
create or replace function public.demand_remaining_headcount(p_demand_id uuid)
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select greatest(0, d.headcount - coalesce((
           select sum(p.headcount) from public.project_demands pd join public.projects p on p.id = pd.project_id
           where pd.demand_id = d.id and p.status = 'published'), 0))::integer
  from public.demands d where d.id = p_demand_id;
$$;
grant execute on function public.demand_remaining_headcount(uuid) to anon, authenticated, service_role;

/* A demand as the public sees it: now with the public projects answering it and the headcount still open. */
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
    'remainingHeadcount', public.demand_remaining_headcount(d.id),
    'skillRequirements', d.skill_requirements,
    'district', d.district,
    'districtName', (select x.name from public.districts x where x.code = d.district),
    'wantedBy', d.wanted_by,
    'payMin', d.pay_min,
    'payMax', d.pay_max,
    'source', d.source,
    'status', d.status,
    'publishedAt', d.published_at,
    'projectCount', coalesce(jsonb_array_length(answering.list), 0),
    'projects', coalesce(answering.list, '[]'::jsonb)
  )
  from public.occupations o,
       lateral (select jsonb_agg(jsonb_build_object('id', p.id, 'code', p.code, 'title', p.title, 'headcount', p.headcount,
                                                    'institution', jsonb_build_object('code', i.code, 'name', i.name))
                                 order by p.published_at, p.id) as list
                from public.project_demands pd
                join public.projects p on p.id = pd.project_id
                join public.institutions i on i.id = p.institution_id
                where pd.demand_id = d.id and p.status = 'published' and i.whitelist_status = 'listed') answering
  where o.id = d.occupation_id;
$$;
revoke all on function public.catalog_demand_json(public.demands) from public, anon, authenticated;

/* The parts of a project every list and detail shows (public columns only): now with who developed it. */
create or replace function public.catalog_project_json(p public.projects)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', p.id,
    'code', p.code,
    'title', p.title,
    'projectType', p.project_type,
    'field', (select jsonb_build_object('code', f.code, 'name', f.name) from public.fields f where f.code = p.field_code),
    'occupations', coalesce((
      select jsonb_agg(jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty) order by po.position)
      from public.project_occupations po join public.occupations o on o.id = po.occupation_id
      where po.project_id = p.id), '[]'::jsonb),
    'level', p.target_level,
    'mode', p.mode,
    'audiences', to_jsonb(p.audiences),
    'hours', p.hours,
    'headcount', p.headcount,
    'funding', p.funding,
    'fee', p.fee,
    'institution', (select jsonb_build_object('id', i.id, 'code', i.code, 'name', i.name, 'district', i.district)
                    from public.institutions i where i.id = p.institution_id),
    'source', p.source,
    'sourceName', p.source_name,
    'publishedAt', p.published_at
  );
$$;
revoke all on function public.catalog_project_json(public.projects) from public, anon, authenticated;

/* ---------------------------------------------------------------- proposals: functions */

/* A proposal as its proposer and reviewers see it (no personal data: staff are not named). */
create or replace function public.project_proposal_json(p public.project_proposals)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', p.id,
    'code', p.code,
    'status', p.status,
    'returnReason', case when p.status = 'returned' then p.return_reason end,
    'source', p.source,
    'sourceName', p.source_name,
    'institution', jsonb_build_object('id', i.id, 'code', i.code, 'name', i.name),
    'district', p.district,
    'districtName', (select x.name from public.districts x where x.code = p.district),
    'title', p.title,
    'projectType', p.project_type,
    'field', (select jsonb_build_object('code', f.code, 'name', f.name) from public.fields f where f.code = p.field_code),
    'occupations', coalesce((
      select jsonb_agg(jsonb_build_object('code', o.code, 'name', o.name) order by po.position)
      from public.project_proposal_occupations po join public.occupations o on o.id = po.occupation_id
      where po.proposal_id = p.id), '[]'::jsonb),
    'level', p.target_level,
    'headcount', p.headcount,
    'content', p.content,
    'hours', p.hours,
    'mode', p.mode,
    'audiences', to_jsonb(p.audiences),
    'funding', p.funding,
    'fee', p.fee,
    'demands', coalesce((
      select jsonb_agg(jsonb_build_object(
               'id', d.id, 'code', d.code, 'status', d.status,
               'enterprise', (select e.name from public.enterprises e where e.id = d.enterprise_id),
               'occupation', (select o.name from public.occupations o where o.id = d.occupation_id),
               'headcount', d.headcount, 'remainingHeadcount', public.demand_remaining_headcount(d.id),
               'district', d.district) order by d.code)
      from public.project_proposal_demands pd join public.demands d on d.id = pd.demand_id
      where pd.proposal_id = p.id), '[]'::jsonb),
    'projectId', p.project_id,
    'projectCode', (select x.code from public.projects x where x.id = p.project_id),
    'submittedAt', p.submitted_at,
    'decidedAt', p.decided_at,
    'createdAt', p.created_at,
    'updatedAt', p.updated_at)
  from public.institutions i
  where i.id = p.institution_id;
$$;
revoke all on function public.project_proposal_json(public.project_proposals) from public, anon, authenticated;

/* Replaces a proposal's occupations (by code, in order) and demand links (published demands only). */
create or replace function public.set_project_proposal_links(p_id uuid, p_occupations text[], p_demands uuid[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_source text;
begin
  select p.source into v_source from public.project_proposals p where p.id = p_id;
  if cardinality(coalesce(p_occupations, '{}')) not between 1 and 10
     or cardinality(coalesce(p_demands, '{}')) > 20
     or (select count(distinct x) from unnest(p_occupations) x) <> cardinality(p_occupations)
     or exists (select 1 from unnest(p_demands) x where x is null) then
    raise exception using errcode = 'PT400', message = 'invalid_proposal';
  end if;
  if exists (select 1 from unnest(p_occupations) c where not exists (select 1 from public.occupations o where o.code = c)) then
    raise exception using errcode = 'PT400', message = 'proposal_unknown_occupation';
  end if;
  -- An institution's proposal answers at least one demand; self-developed projects may stand alone.
  if v_source = 'institution' and cardinality(coalesce(p_demands, '{}')) = 0 then
    raise exception using errcode = 'PT400', message = 'proposal_demand_required';
  end if;
  if exists (select 1 from unnest(p_demands) x
             where not exists (select 1 from public.demands d where d.id = x and d.status = 'published')) then
    raise exception using errcode = 'PT400', message = 'proposal_demand_not_published';
  end if;

  delete from public.project_proposal_occupations po where po.proposal_id = p_id;
  insert into public.project_proposal_occupations (proposal_id, occupation_id, position)
  select p_id, o.id, (u.n - 1)::smallint
  from unnest(p_occupations) with ordinality as u (code, n) join public.occupations o on o.code = u.code;
  delete from public.project_proposal_demands pd where pd.proposal_id = p_id;
  insert into public.project_proposal_demands (proposal_id, demand_id)
  select distinct p_id, x from unnest(p_demands) x;
end;
$$;
revoke all on function public.set_project_proposal_links(uuid, text[], uuid[]) from public, anon, authenticated;

/*
 * Creates a proposal, saved as a draft or submitted at once. source = institution: the caller is
 * staff of that training institution, which is also the district's scope. Self-developed (district,
 * department, mass_org): the caller reviews p_district (or is an admin) and names the developer and
 * the training institution that will run it.
 */
create or replace function public.propose_project(
  p_source text,
  p_source_name text,
  p_institution_code text,
  p_district text,
  p_title text,
  p_project_type text,
  p_field text,
  p_occupations text[],
  p_level text,
  p_headcount integer,
  p_content text,
  p_hours integer,
  p_mode text,
  p_audiences text[],
  p_funding text,
  p_fee numeric,
  p_demands uuid[],
  p_submit boolean default false
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_i public.institutions;
  v_status text := case when p_submit then 'submitted' else 'draft' end;
  v_district text;
  v_source_name text;
  v_p public.project_proposals;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_i from public.institutions i where i.code = p_institution_code and i.kind = 'training';
  if p_source = 'institution' then
    if not found or not public.has_role('institution_staff', v_i.code) then
      raise exception using errcode = 'PT403', message = 'not_allowed';
    end if;
    v_district := v_i.district;
    v_source_name := v_i.name;
  elsif p_source in ('district', 'department', 'mass_org') then
    if p_district is null or not public.may_review_demand(p_district) then
      raise exception using errcode = 'PT403', message = 'not_allowed';
    end if;
    if v_i.id is null then
      raise exception using errcode = 'PT400', message = 'proposal_unknown_institution';
    end if;
    v_district := p_district;
    v_source_name := btrim(coalesce(p_source_name, ''));
  else
    raise exception using errcode = 'PT400', message = 'invalid_proposal';
  end if;

  begin
    insert into public.project_proposals (code, source, source_name, institution_id, district, title, project_type, field_code,
                                          target_level, headcount, content, hours, mode, audiences, funding, fee, status,
                                          submitted_at, created_by)
    values ('KF-' || to_char(public.beijing_today(), 'YYYY') || '-' || lpad(nextval('public.project_proposal_code_seq')::text, 6, '0'),
            p_source, v_source_name, v_i.id, v_district, btrim(p_title), p_project_type, p_field, p_level, p_headcount,
            btrim(p_content), p_hours, p_mode, p_audiences, p_funding, coalesce(p_fee, 0), v_status,
            case when p_submit then now() end, v_uid)
    returning * into v_p;
  exception
    when check_violation or foreign_key_violation or not_null_violation then
      raise exception using errcode = 'PT400', message = 'invalid_proposal';
  end;
  perform public.set_project_proposal_links(v_p.id, p_occupations, p_demands);
  insert into public.project_proposal_events (proposal_id, actor_id, from_status, to_status) values (v_p.id, v_uid, null, v_status);
  return public.project_proposal_json(v_p);
end;
$$;
revoke all on function public.propose_project(text, text, text, text, text, text, text, text[], text, integer, text, integer, text,
                                              text[], text, numeric, uuid[], boolean) from public, anon;
grant execute on function public.propose_project(text, text, text, text, text, text, text, text[], text, integer, text, integer, text,
                                                 text[], text, numeric, uuid[], boolean) to authenticated;

/* The proposer corrects a draft or a returned proposal; source, institution and district stay. */
create or replace function public.update_project_proposal(
  p_id uuid,
  p_source_name text,
  p_title text,
  p_project_type text,
  p_field text,
  p_occupations text[],
  p_level text,
  p_headcount integer,
  p_content text,
  p_hours integer,
  p_mode text,
  p_audiences text[],
  p_funding text,
  p_fee numeric,
  p_demands uuid[]
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_p public.project_proposals;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_p from public.project_proposals p where p.id = p_id for update;
  if not found or not public.may_propose_project(v_p.source, v_p.institution_id, v_p.created_by) then
    raise exception using errcode = 'PT404', message = 'proposal_not_found';
  end if;
  if v_p.status not in ('draft', 'returned') then
    raise exception using errcode = 'PT409', message = 'proposal_not_editable';
  end if;
  begin
    update public.project_proposals p set
      source_name = case when p.source = 'institution' then p.source_name else btrim(coalesce(p_source_name, p.source_name)) end,
      title = btrim(p_title), project_type = p_project_type, field_code = p_field, target_level = p_level,
      headcount = p_headcount, content = btrim(p_content), hours = p_hours, mode = p_mode, audiences = p_audiences,
      funding = p_funding, fee = coalesce(p_fee, 0), updated_at = now()
    where p.id = p_id
    returning * into v_p;
  exception
    when check_violation or foreign_key_violation or not_null_violation then
      raise exception using errcode = 'PT400', message = 'invalid_proposal';
  end;
  perform public.set_project_proposal_links(v_p.id, p_occupations, p_demands);
  return public.project_proposal_json(v_p);
end;
$$;
revoke all on function public.update_project_proposal(uuid, text, text, text, text, text[], text, integer, text, integer, text, text[],
                                                       text, numeric, uuid[]) from public, anon;
grant execute on function public.update_project_proposal(uuid, text, text, text, text, text[], text, integer, text, integer, text, text[],
                                                          text, numeric, uuid[]) to authenticated;

/* Publishes a proposal as a catalog project (with its occupations and demand links); answers the project id. */
create or replace function public.publish_project_from_proposal(p public.project_proposals)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_project_id uuid;
begin
  if not public.institution_is_public(p.institution_id) then
    raise exception using errcode = 'PT409', message = 'proposal_institution_not_listed';
  end if;
  -- The demands must still be open; lock them so none closes while the project is linked.
  perform 1 from public.demands d join public.project_proposal_demands pd on pd.demand_id = d.id
  where pd.proposal_id = p.id for share of d;
  if exists (select 1 from public.project_proposal_demands pd join public.demands d on d.id = pd.demand_id
             where pd.proposal_id = p.id and d.status <> 'published') then
    raise exception using errcode = 'PT409', message = 'proposal_demand_not_published';
  end if;
  insert into public.projects (code, title, project_type, institution_id, field_code, target_level, headcount, content, hours, mode,
                               audiences, funding, fee, status, published_at, source, source_name)
  values ('XM-' || to_char(public.beijing_today(), 'YYYY') || '-' || lpad(nextval('public.project_code_seq')::text, 6, '0'),
          p.title, p.project_type, p.institution_id, p.field_code, p.target_level, p.headcount, p.content, p.hours, p.mode,
          p.audiences, p.funding, p.fee, 'published', now(), p.source, p.source_name)
  returning id into v_project_id;
  insert into public.project_occupations (project_id, occupation_id, position)
  select v_project_id, po.occupation_id, po.position from public.project_proposal_occupations po where po.proposal_id = p.id;
  insert into public.project_demands (project_id, demand_id)
  select v_project_id, pd.demand_id from public.project_proposal_demands pd where pd.proposal_id = p.id;
  return v_project_id;
end;
$$;
revoke all on function public.publish_project_from_proposal(public.project_proposals) from public, anon, authenticated;

/*
 * Moves a proposal along project_proposal_transitions: the proposer submits and withdraws; the
 * district's reviewers publish (creating the project) or return it. The row lock makes concurrent
 * decisions take turns: the second finds it no longer submitted.
 */
create or replace function public.transition_project_proposal(p_id uuid, p_to text, p_reason text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_p public.project_proposals;
  v_move public.project_proposal_transitions;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
  v_is_proposer boolean;
  v_is_reviewer boolean;
  v_project_id uuid;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_p from public.project_proposals p where p.id = p_id for update;
  if found then
    v_is_proposer := public.may_propose_project(v_p.source, v_p.institution_id, v_p.created_by);
    v_is_reviewer := public.may_review_demand(v_p.district) and v_p.status <> 'draft';
  end if;
  if not found or not (v_is_proposer or v_is_reviewer) then
    raise exception using errcode = 'PT404', message = 'proposal_not_found';
  end if;
  select * into v_move from public.project_proposal_transitions t where t.from_status = v_p.status and t.to_status = p_to;
  if not found then
    raise exception using errcode = 'PT409', message = 'invalid_proposal_transition';
  end if;
  -- Nobody decides their own proposal, whatever roles they hold.
  if (v_move.actor = 'proposer' and not v_is_proposer)
     or (v_move.actor = 'reviewer' and (not v_is_reviewer or v_is_proposer or v_p.created_by = v_uid)) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if v_reason is not null and char_length(v_reason) not between 2 and 200 then
    raise exception using errcode = 'PT400', message = 'invalid_reason';
  end if;
  if p_to = 'returned' and v_reason is null then
    raise exception using errcode = 'PT400', message = 'proposal_reason_required';
  end if;
  if p_to = 'published' then
    v_project_id := public.publish_project_from_proposal(v_p);
  end if;

  update public.project_proposals p set
    status = p_to,
    return_reason = case when p_to = 'returned' then v_reason when p_to = 'published' then null else p.return_reason end,
    submitted_at = case when p_to = 'submitted' then now() else p.submitted_at end,
    decided_at = case when p_to in ('published', 'returned') then now() else p.decided_at end,
    project_id = coalesce(v_project_id, p.project_id),
    updated_at = now()
  where p.id = p_id
  returning * into v_p;
  insert into public.project_proposal_events (proposal_id, actor_id, from_status, to_status, reason)
  values (v_p.id, v_uid, v_move.from_status, p_to, v_reason);
  if p_to in ('published', 'returned') and v_p.created_by is not null then
    perform public.notify_user(v_p.created_by, 'proposal.reviewed',
      jsonb_build_object('proposalId', v_p.id, 'code', v_p.code, 'title', v_p.title, 'status', p_to,
                         'reason', case when p_to = 'returned' then v_reason end, 'projectId', v_p.project_id),
      'proposal.reviewed:' || v_p.id::text || ':' || (select count(*) from public.project_proposal_events e where e.proposal_id = v_p.id));
  end if;
  return public.project_proposal_json(v_p);
end;
$$;
revoke all on function public.transition_project_proposal(uuid, text, text) from public, anon;
grant execute on function public.transition_project_proposal(uuid, text, text) to authenticated;

/* Per-status counts of a set of proposals, every status present (0 when none). */
create or replace function public.project_proposal_totals(p_ids uuid[])
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_object_agg(s.status, (select count(*) from public.project_proposals p where p.id = any (p_ids) and p.status = s.status))
  from (values ('draft'), ('submitted'), ('returned'), ('published'), ('withdrawn')) s (status);
$$;
revoke all on function public.project_proposal_totals(uuid[]) from public, anon, authenticated;

/* The caller's proposals (their institution's, or self-developed ones they registered), newest first, with totals per status. */
create or replace function public.my_project_proposals(p_status text default null)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_ids uuid[];
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if p_status is not null and p_status not in ('draft', 'submitted', 'returned', 'published', 'withdrawn') then
    raise exception using errcode = 'PT400', message = 'invalid_proposal';
  end if;
  select coalesce(array_agg(p.id), '{}') into v_ids
  from public.project_proposals p where public.may_propose_project(p.source, p.institution_id, p.created_by);
  return jsonb_build_object(
    'items', coalesce((
      select jsonb_agg(public.project_proposal_json(p) order by p.created_at desc, p.id desc)
      from (select * from public.project_proposals p
            where p.id = any (v_ids) and (p_status is null or p.status = p_status)
            order by p.created_at desc, p.id desc limit 500) p), '[]'::jsonb),
    'totals', public.project_proposal_totals(v_ids));
end;
$$;
revoke all on function public.my_project_proposals(text) from public, anon;
grant execute on function public.my_project_proposals(text) to authenticated;

/* One proposal, for its proposer side or (once submitted) the district's reviewers; 404 otherwise. */
create or replace function public.project_proposal(p_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_p public.project_proposals;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_p from public.project_proposals p where p.id = p_id;
  if not found or not (public.may_propose_project(v_p.source, v_p.institution_id, v_p.created_by)
                       or (v_p.status <> 'draft' and public.may_review_demand(v_p.district))) then
    raise exception using errcode = 'PT404', message = 'proposal_not_found';
  end if;
  return public.project_proposal_json(v_p) || jsonb_build_object('history', coalesce((
    select jsonb_agg(jsonb_build_object('from', e.from_status, 'to', e.to_status, 'reason', e.reason, 'at', e.created_at) order by e.id)
    from public.project_proposal_events e where e.proposal_id = v_p.id), '[]'::jsonb));
end;
$$;
revoke all on function public.project_proposal(uuid) from public, anon;
grant execute on function public.project_proposal(uuid) to authenticated;

/* The review queue: proposals in the reviewer's districts (drafts never), by status (default submitted), oldest first, with totals. */
create or replace function public.review_project_proposals(p_status text default 'submitted', p_district text default null)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_ids uuid[];
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if not (public.has_role('admin') or public.has_role('reviewer')) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if p_status is not null and p_status not in ('submitted', 'returned', 'published', 'withdrawn') then
    raise exception using errcode = 'PT400', message = 'invalid_proposal';
  end if;
  select coalesce(array_agg(p.id), '{}') into v_ids
  from public.project_proposals p
  where p.status <> 'draft' and (p_district is null or p.district = p_district) and public.may_review_demand(p.district);
  return jsonb_build_object(
    'items', coalesce((
      select jsonb_agg(public.project_proposal_json(p) order by p.submitted_at nulls last, p.created_at, p.id)
      from (select * from public.project_proposals p
            where p.id = any (v_ids) and (p_status is null or p.status = p_status)
            order by p.submitted_at nulls last, p.created_at, p.id limit 500) p), '[]'::jsonb),
    'totals', public.project_proposal_totals(v_ids) - 'draft');
end;
$$;
revoke all on function public.review_project_proposals(text, text) from public, anon;
grant execute on function public.review_project_proposals(text, text) to authenticated;

/* ---------------------------------------------------------------- notifications to declarers and proposers */

insert into public.notification_templates (event, page, description) values
  ('demand.reviewed', 'pages/declare/index', '需求审核：您申报的用工需求已发布或被退回'),
  ('proposal.reviewed', 'workbench/proposals/index', '项目审核：您申报的培训项目已发布或被退回');

/* The declarer hears when the district publishes or returns their declaration (the demand_events row is the move). */
create or replace function public.notify_demand_reviewed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_d public.demands;
begin
  if new.from_status = 'submitted' and new.to_status in ('published', 'returned') then
    select * into v_d from public.demands d where d.id = new.demand_id;
    if v_d.created_by is not null then
      perform public.notify_user(v_d.created_by, 'demand.reviewed',
        jsonb_build_object('demandId', v_d.id, 'code', v_d.code, 'status', new.to_status, 'reason', new.reason,
                           'occupationName', (select o.name from public.occupations o where o.id = v_d.occupation_id),
                           'enterpriseName', (select e.name from public.enterprises e where e.id = v_d.enterprise_id)),
        'demand.reviewed:' || new.id::text);
    end if;
  end if;
  return null;
end;
$$;
revoke all on function public.notify_demand_reviewed() from public, anon, authenticated;

create trigger demand_events_notify after insert on public.demand_events
  for each row execute function public.notify_demand_reviewed();

/* ---------------------------------------------------------------- demand import (reviewers) */

/*
 * Imports demands a district collected elsewhere (征集通知, 企业服务包) straight onto the public list:
 * they were reviewed where they were collected, so they land published, source as given, one
 * demand_events row each (null → published, no notification). The API has checked each row on its
 * own (p_rows: rows that passed, each with its spreadsheet row number; p_rejected_before: how many
 * did not); here each row is checked against the register and the caller's districts. All or
 * nothing unless p_partial: any problem and nothing is written. Answers the per-row report.
 */
create or replace function public.import_demands(p_rows jsonb, p_partial boolean default false, p_rejected_before integer default 0)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_today date := public.beijing_today();
  v_errors jsonb := '[]'::jsonb;
  v_imported jsonb := '[]'::jsonb;
  v_committed boolean := true;
  r jsonb;
  v_field text;
  v_message text;
  v_occupation_id bigint;
  v_enterprise_id uuid;
  v_d public.demands;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if not (public.has_role('admin') or public.has_role('reviewer')) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' or jsonb_array_length(p_rows) > 2000 then
    raise exception using errcode = 'PT400', message = 'invalid_import';
  end if;

  begin
    for r in select value from jsonb_array_elements(p_rows) loop
      v_field := null;
      v_message := null;
      select o.id into v_occupation_id from public.occupations o where o.code = r->>'occupation';
      if not exists (select 1 from public.districts x where x.code = r->>'district') then
        v_field := 'district'; v_message := '用工所在区不正确';
      elsif not public.may_review_demand(r->>'district') then
        v_field := 'district'; v_message := '这个区不在您负责的范围内';
      elsif v_occupation_id is null then
        v_field := 'occupation'; v_message := '找不到这个职业编码';
      elsif (r->>'wantedBy')::date < v_today then
        v_field := 'wantedBy'; v_message := '用工时间不能早于今天';
      else
        begin
          insert into public.enterprises (name, credit_code, district, contact_name, contact_phone)
          values (r->>'enterpriseName', r->>'creditCode', r->>'district', r->>'contactName', r->>'contactPhone')
          on conflict (credit_code) do nothing
          returning id into v_enterprise_id;
          if v_enterprise_id is null then
            select e.id into v_enterprise_id from public.enterprises e where e.credit_code = r->>'creditCode';
          end if;
          insert into public.demands (code, enterprise_id, occupation_id, level, headcount, skill_requirements, district, wanted_by,
                                      source, status, published_at, submitted_at, created_by, contact_name, contact_phone,
                                      pay_min, pay_max)
          values ('XQ-' || to_char(v_today, 'YYYY') || '-' || lpad(nextval('public.demand_code_seq')::text, 6, '0'),
                  v_enterprise_id, v_occupation_id, r->>'level', (r->>'headcount')::integer, r->>'skills', r->>'district',
                  (r->>'wantedBy')::date, r->>'source', 'published', now(), now(), v_uid, r->>'contactName', r->>'contactPhone',
                  (r->>'payMin')::integer, (r->>'payMax')::integer)
          returning * into v_d;
          insert into public.demand_events (demand_id, actor_id, from_status, to_status) values (v_d.id, v_uid, null, 'published');
          v_imported := v_imported || jsonb_build_object('row', r->'row', 'id', v_d.id, 'code', v_d.code);
        exception
          when unique_violation then
            v_field := 'enterpriseName'; v_message := '这个企业名称已用另一个统一社会信用代码登记';
          when check_violation or invalid_text_representation or datetime_field_overflow or numeric_value_out_of_range then
            v_field := 'row'; v_message := '这一行的内容不符合要求';
        end;
      end if;
      if v_message is not null then
        v_errors := v_errors || jsonb_build_object('row', r->'row', 'field', v_field, 'message', v_message);
      end if;
    end loop;
    if not coalesce(p_partial, false) and (jsonb_array_length(v_errors) > 0 or coalesce(p_rejected_before, 0) > 0) then
      raise exception using errcode = 'PT499', message = 'import_rolled_back';
    end if;
  exception
    when sqlstate 'PT499' then
      -- all or nothing: every row written above is undone with the block
      v_committed := false;
      v_imported := '[]'::jsonb;
  end;
  return jsonb_build_object('committed', v_committed, 'imported', v_imported, 'errors', v_errors);
end;
$$;
revoke all on function public.import_demands(jsonb, boolean, integer) from public, anon;
grant execute on function public.import_demands(jsonb, boolean, integer) to authenticated;
