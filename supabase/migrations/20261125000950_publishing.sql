/*
 * Publishing (issue 7, supply side): institution staff schedule classes (班次) under their published
 * projects, evaluator staff schedule evaluation sessions (评价场次) within their evaluation scope, and
 * both publish, close sign-up early, reopen and cancel them.
 *
 * Every change goes through one security definer function (create_class, update_class,
 * transition_class, create_evaluation_session, update_evaluation_session,
 * transition_evaluation_session): each locks the row, checks the caller's scope and every rule,
 * moves the status along publication_transitions and writes a publication_events row. Staff no
 * longer insert or update classes and sessions directly (the grants and policies that allowed it
 * are dropped here): the rules below cannot be bypassed.
 *
 * Invariants:
 * - seats: capacity is never set below the seats taken (classes.enrolled, evaluation_sessions.registered).
 *   The check runs under the row's lock, the same lock enroll_in_class and register_for_evaluation
 *   hold for their seat decision, so a capacity cut racing sign-ups never leaves more people than seats.
 * - only whitelisted (listed) institutions publish; a class runs a published project of the same institution;
 *   a session's occupation and level are in its evaluator's scope (institution_occupations).
 * - cancelling releases everyone: for a class the existing trigger (cancel_enrollments_of_cancelled_class,
 *   20261125000400_enrollment.sql) cancels each enrollment and queues class.cancelled, now with the
 *   staff member's reason; for a session every registration is cancelled here and evaluation.cancelled queued.
 */

/* ---------------------------------------------------------------- states and audit */

create table public.publication_transitions (
  action text not null check (action in ('publish', 'close', 'cancel')),
  from_status text not null check (from_status in ('draft', 'published', 'closed', 'cancelled')),
  to_status text not null check (to_status in ('draft', 'published', 'closed', 'cancelled')),
  description text not null,
  primary key (action, from_status)
);
comment on table public.publication_transitions is 'The status machine classes and evaluation sessions share: the only moves transition_class and transition_evaluation_session make.';
comment on column public.publication_transitions.action is 'What staff do: publish (or reopen), close sign-up early, cancel.';
comment on column public.publication_transitions.from_status is 'Status the class or session must be in.';
comment on column public.publication_transitions.to_status is 'Status it moves to.';
comment on column public.publication_transitions.description is 'When this happens, in words.';

revoke all on table public.publication_transitions from anon, authenticated;
grant select on table public.publication_transitions to anon, authenticated;
grant all on table public.publication_transitions to service_role;
alter table public.publication_transitions enable row level security;
create policy "Anyone can read the publication state machine"
  on public.publication_transitions for select to anon, authenticated using (true);

insert into public.publication_transitions (action, from_status, to_status, description) values
  ('publish', 'draft', 'published', 'Staff publish a draft: it appears in the catalog and sign-up follows its window.'),
  ('publish', 'closed', 'published', 'Staff reopen sign-up they had closed early.'),
  ('close', 'published', 'closed', 'Staff close sign-up early; it stays in the catalog and people keep their places.'),
  ('cancel', 'draft', 'cancelled', 'A draft is dropped.'),
  ('cancel', 'published', 'cancelled', 'It will not be held: everyone signed up is released and notified, with the reason.'),
  ('cancel', 'closed', 'cancelled', 'It will not be held: everyone signed up is released and notified, with the reason.');

create table public.publication_events (
  id bigint generated always as identity primary key,
  class_id uuid references public.classes (id) on delete cascade,
  session_id uuid references public.evaluation_sessions (id) on delete cascade,
  actor_id uuid references public.users (id) on delete set null,
  action text not null check (action in ('create', 'edit', 'publish', 'close', 'cancel')),
  from_status text,
  to_status text not null,
  reason text check (char_length(reason) <= 200),
  detail jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  constraint publication_events_one_subject check ((class_id is null) <> (session_id is null))
);
comment on table public.publication_events is 'History of every class and evaluation session: creation, edits, and each status change.';
comment on column public.publication_events.id is 'Order of events.';
comment on column public.publication_events.class_id is 'The class, for a class event.';
comment on column public.publication_events.session_id is 'The evaluation session, for a session event.';
comment on column public.publication_events.actor_id is 'The staff member (or admin) who acted.';
comment on column public.publication_events.action is 'create, edit, publish, close or cancel.';
comment on column public.publication_events.from_status is 'Status before (null when created).';
comment on column public.publication_events.to_status is 'Status after.';
comment on column public.publication_events.reason is 'Reason given (required to cancel something published).';
comment on column public.publication_events.detail is 'What changed (edits: the fields given; cancel: how many people were released).';
comment on column public.publication_events.created_at is 'When.';

create index publication_events_class on public.publication_events (class_id, id) where class_id is not null;
create index publication_events_session on public.publication_events (session_id, id) where session_id is not null;

revoke all on table public.publication_events from anon, authenticated;
grant select on table public.publication_events to authenticated;
grant all on table public.publication_events to service_role;
alter table public.publication_events enable row level security;
create policy "Staff read the history of their own classes and sessions"
  on public.publication_events for select to authenticated
  using (exists (select 1 from public.classes c where c.id = class_id and public.works_for_institution(c.institution_id))
         or exists (select 1 from public.evaluation_sessions s where s.id = session_id and public.works_for_institution(s.institution_id)));

/* ---------------------------------------------------------------- direct writes end here */

drop policy "Institution staff add classes to their projects" on public.classes;
drop policy "Institution staff update their own classes" on public.classes;
drop policy "Evaluator staff add sessions for their institution" on public.evaluation_sessions;
drop policy "Evaluator staff update their own sessions" on public.evaluation_sessions;
revoke insert, update on table public.classes from authenticated;
revoke insert, update on table public.evaluation_sessions from authenticated;

create sequence public.class_code_seq start with 100001;
comment on sequence public.class_code_seq is 'Serial of published classes'' public numbers (BC-<year>-<serial>, six digits: seed and imports use other widths).';
grant usage on sequence public.class_code_seq to service_role;
create sequence public.evaluation_session_code_seq start with 100001;
comment on sequence public.evaluation_session_code_seq is 'Serial of evaluation sessions'' public numbers (PJ-<year>-<serial>, six digits).';
grant usage on sequence public.evaluation_session_code_seq to service_role;

insert into public.notification_templates (event, page, description) values
  ('evaluation.cancelled', 'pages/evaluations/index', '评价取消：报名的评价场次已取消')
on conflict (event) do nothing;

/* ---------------------------------------------------------------- classes: rules */

/*
 * Applies the editable fields present in p_fields (camelCase keys, as the API takes them) to a
 * class row. Unknown keys and values of the wrong type raise invalid_class.
 */
create or replace function public.class_apply_fields(p_class public.classes, p_fields jsonb)
returns public.classes
language plpgsql
stable
set search_path = ''
as $$
declare
  v_c public.classes := p_class;
  v_f jsonb := coalesce(p_fields, '{}'::jsonb);
begin
  if jsonb_typeof(v_f) <> 'object' or exists (
       select 1 from jsonb_object_keys(v_f) k
       where k not in ('name', 'startDate', 'endDate', 'schedule', 'sessions', 'district', 'address', 'lat', 'lng', 'capacity',
                       'enrollOpensAt', 'enrollClosesAt', 'fee')) then
    raise exception using errcode = 'PT400', message = 'invalid_class';
  end if;
  begin
    if v_f ? 'name' then v_c.name := btrim(v_f ->> 'name'); end if;
    if v_f ? 'startDate' then v_c.start_date := (v_f ->> 'startDate')::date; end if;
    if v_f ? 'endDate' then v_c.end_date := (v_f ->> 'endDate')::date; end if;
    if v_f ? 'schedule' then v_c.schedule := coalesce(btrim(v_f ->> 'schedule'), ''); end if;
    if v_f ? 'sessions' then v_c.sessions := coalesce(v_f -> 'sessions', '[]'::jsonb); end if;
    if v_f ? 'district' then v_c.district := v_f ->> 'district'; end if;
    if v_f ? 'address' then v_c.address := coalesce(btrim(v_f ->> 'address'), ''); end if;
    if v_f ? 'lat' then v_c.lat := (v_f ->> 'lat')::double precision; end if;
    if v_f ? 'lng' then v_c.lng := (v_f ->> 'lng')::double precision; end if;
    if v_f ? 'capacity' then v_c.capacity := (v_f ->> 'capacity')::integer; end if;
    if v_f ? 'enrollOpensAt' then v_c.enroll_opens_at := (v_f ->> 'enrollOpensAt')::timestamptz; end if;
    if v_f ? 'enrollClosesAt' then v_c.enroll_closes_at := (v_f ->> 'enrollClosesAt')::timestamptz; end if;
    if v_f ? 'fee' then v_c.fee := (v_f ->> 'fee')::numeric(10, 2); end if;
  exception
    when invalid_text_representation or invalid_datetime_format or datetime_field_overflow or numeric_value_out_of_range then
      raise exception using errcode = 'PT400', message = 'invalid_class';
  end;
  return v_c;
end;
$$;
revoke all on function public.class_apply_fields(public.classes, jsonb) from public, anon, authenticated;

/*
 * Every rule a class must meet, each refusal with its own code (the API names the field):
 * class_name_invalid, class_dates_invalid, class_start_past (only when p_check_start),
 * class_window_invalid (sign-up closes after it opens and by the end of the first day),
 * class_district_unknown, class_address_required (a class held on site), class_coordinates_invalid,
 * class_capacity_invalid, class_fee_mismatch (free when the project is subsidised, else a fee),
 * class_sessions_invalid (each session a day between the first and last day, with a start before its end).
 */
create or replace function public.class_check(p_class public.classes, p_project public.projects, p_check_start boolean)
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if p_class.name is null or char_length(p_class.name) not between 2 and 60 then
    raise exception using errcode = 'PT400', message = 'class_name_invalid';
  end if;
  if p_class.start_date is null or p_class.end_date is null or p_class.end_date < p_class.start_date then
    raise exception using errcode = 'PT400', message = 'class_dates_invalid';
  end if;
  if p_check_start and p_class.start_date < public.beijing_today() then
    raise exception using errcode = 'PT400', message = 'class_start_past';
  end if;
  if p_class.enroll_opens_at is null or p_class.enroll_closes_at is null
     or p_class.enroll_closes_at <= p_class.enroll_opens_at
     or p_class.enroll_closes_at > ((p_class.start_date + 1)::timestamp at time zone 'Asia/Shanghai') then
    raise exception using errcode = 'PT400', message = 'class_window_invalid';
  end if;
  if not exists (select 1 from public.districts d where d.code = p_class.district) then
    raise exception using errcode = 'PT400', message = 'class_district_unknown';
  end if;
  if p_project.mode <> 'online' and char_length(p_class.address) < 4 or char_length(p_class.address) > 200 then
    raise exception using errcode = 'PT400', message = 'class_address_required';
  end if;
  if (p_class.lat is null) <> (p_class.lng is null) or p_class.lat not between 39.4 and 41.1 or p_class.lng not between 115.4 and 117.5 then
    raise exception using errcode = 'PT400', message = 'class_coordinates_invalid';
  end if;
  if p_class.capacity is null or p_class.capacity not between 1 and 10000 then
    raise exception using errcode = 'PT400', message = 'class_capacity_invalid';
  end if;
  if p_class.fee is null or p_class.fee < 0 or (p_project.funding = 'subsidised') <> (p_class.fee = 0) then
    raise exception using errcode = 'PT400', message = 'class_fee_mismatch';
  end if;
  if jsonb_typeof(p_class.sessions) <> 'array' or exists (
       select 1 from jsonb_array_elements(p_class.sessions) s
       where jsonb_typeof(s) <> 'object'
          or coalesce(s ->> 'date', '') !~ '^\d{4}-\d{2}-\d{2}$'
          or coalesce(s ->> 'start', '') !~ '^([01]\d|2[0-3]):[0-5]\d$'
          or coalesce(s ->> 'end', '') !~ '^([01]\d|2[0-3]):[0-5]\d$'
          or (s ->> 'start') >= (s ->> 'end')) then
    raise exception using errcode = 'PT400', message = 'class_sessions_invalid';
  end if;
  begin
    if exists (select 1 from jsonb_array_elements(p_class.sessions) s
               where (s ->> 'date')::date not between p_class.start_date and p_class.end_date) then
      raise exception using errcode = 'PT400', message = 'class_sessions_invalid';
    end if;
  exception
    when invalid_datetime_format or datetime_field_overflow then
      raise exception using errcode = 'PT400', message = 'class_sessions_invalid';
  end;
end;
$$;
revoke all on function public.class_check(public.classes, public.projects, boolean) from public, anon, authenticated;

/* A class as its institution's staff see it: seats, waitlist and who would be told if it were cancelled. */
create or replace function public.staff_class_json(c public.classes)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', c.id, 'code', c.code, 'name', c.name, 'status', c.status,
    'project', (select jsonb_build_object('id', p.id, 'code', p.code, 'title', p.title, 'status', p.status,
                                          'funding', p.funding, 'fee', p.fee, 'mode', p.mode)
                from public.projects p where p.id = c.project_id),
    'institution', (select jsonb_build_object('id', i.id, 'code', i.code, 'name', i.name, 'whitelistStatus', i.whitelist_status)
                    from public.institutions i where i.id = c.institution_id),
    'startDate', c.start_date, 'endDate', c.end_date, 'schedule', c.schedule, 'sessions', c.sessions,
    'district', c.district, 'districtName', (select d.name from public.districts d where d.code = c.district),
    'address', c.address, 'lat', c.lat, 'lng', c.lng,
    'capacity', c.capacity, 'enrolled', c.enrolled,
    'waitlisted', (select count(*) from public.enrollments e where e.class_id = c.id and e.status = 'waitlisted'),
    'enrollOpensAt', c.enroll_opens_at, 'enrollClosesAt', c.enroll_closes_at, 'fee', c.fee,
    'cancelReason', case when c.status = 'cancelled' then (
      select ev.reason from public.publication_events ev where ev.class_id = c.id and ev.action = 'cancel' order by ev.id desc limit 1) end,
    'createdAt', c.created_at, 'updatedAt', c.updated_at);
$$;
revoke all on function public.staff_class_json(public.classes) from public, anon, authenticated;

/* The caller may publish for this institution: it is on the whitelist. */
create or replace function public.require_listed_institution(p_institution_id uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not public.institution_is_public(p_institution_id) then
    raise exception using errcode = 'PT409', message = 'institution_not_listed';
  end if;
end;
$$;
revoke all on function public.require_listed_institution(uuid) from public, anon, authenticated;

/* ---------------------------------------------------------------- classes: functions */

/*
 * Institution staff schedule a class under one of their institution's published projects: a draft,
 * or published at once (p_publish) when the institution is on the whitelist. The fee defaults to
 * the project's. Refusals: project_not_found (not theirs), class_project_not_published, the
 * class_check codes, institution_not_listed. With an idempotency key a retry gets the first answer.
 */
create or replace function public.create_class(p_project_id uuid, p_fields jsonb, p_publish boolean default false,
                                               p_idempotency_key text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_operation text := 'create_class:' || p_project_id::text;
  v_replay jsonb;
  v_project public.projects;
  v_c public.classes;
  v_response jsonb;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  v_replay := public.idempotency_replay(p_idempotency_key, v_operation);
  if v_replay is not null then
    return v_replay;
  end if;
  select * into v_project from public.projects p where p.id = p_project_id;
  if not found or not public.works_for_institution(v_project.institution_id) then
    raise exception using errcode = 'PT404', message = 'project_not_found';
  end if;
  if v_project.status <> 'published' then
    raise exception using errcode = 'PT409', message = 'class_project_not_published';
  end if;

  v_c.project_id := v_project.id;
  v_c.institution_id := v_project.institution_id;
  v_c.schedule := '';
  v_c.sessions := '[]'::jsonb;
  v_c.address := '';
  v_c.fee := v_project.fee;
  v_c := public.class_apply_fields(v_c, p_fields);
  perform public.class_check(v_c, v_project, true);
  if coalesce(p_publish, false) then
    perform public.require_listed_institution(v_project.institution_id);
  end if;

  insert into public.classes (code, project_id, institution_id, name, start_date, end_date, schedule, sessions, district, address,
                              lat, lng, capacity, enroll_opens_at, enroll_closes_at, fee, status)
  values ('BC-' || to_char(public.beijing_today(), 'YYYY') || '-' || lpad(nextval('public.class_code_seq')::text, 6, '0'),
          v_c.project_id, v_c.institution_id, v_c.name, v_c.start_date, v_c.end_date, v_c.schedule, v_c.sessions, v_c.district,
          v_c.address, v_c.lat, v_c.lng, v_c.capacity, v_c.enroll_opens_at, v_c.enroll_closes_at, v_c.fee,
          case when coalesce(p_publish, false) then 'published' else 'draft' end)
  returning * into v_c;
  insert into public.publication_events (class_id, actor_id, action, from_status, to_status)
  values (v_c.id, v_uid, 'create', null, v_c.status);
  v_response := public.staff_class_json(v_c);
  perform public.idempotency_store(p_idempotency_key, v_operation, v_response);
  return v_response;
end;
$$;
revoke all on function public.create_class(uuid, jsonb, boolean, text) from public, anon;
grant execute on function public.create_class(uuid, jsonb, boolean, text) to authenticated;

/*
 * Edits a class that is not cancelled. Capacity never goes below the seats taken
 * (class_capacity_below_enrolled, the count in the error's detail), checked under the class row's
 * lock that sign-ups take too; added seats go to the waitlist first, as on a cancellation.
 */
create or replace function public.update_class(p_class_id uuid, p_fields jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_old public.classes;
  v_c public.classes;
  v_project public.projects;
begin
  perform public.class_for_staff(p_class_id);
  select * into v_old from public.classes c where c.id = p_class_id for update;
  if v_old.status = 'cancelled' then
    raise exception using errcode = 'PT409', message = 'class_not_editable';
  end if;
  select * into v_project from public.projects p where p.id = v_old.project_id;
  v_c := public.class_apply_fields(v_old, p_fields);
  perform public.class_check(v_c, v_project, v_c.start_date is distinct from v_old.start_date);
  if v_c.capacity < v_old.enrolled then
    raise exception using errcode = 'PT409', message = 'class_capacity_below_enrolled', detail = v_old.enrolled::text;
  end if;

  update public.classes c set
    name = v_c.name, start_date = v_c.start_date, end_date = v_c.end_date, schedule = v_c.schedule, sessions = v_c.sessions,
    district = v_c.district, address = v_c.address, lat = v_c.lat, lng = v_c.lng, capacity = v_c.capacity,
    enroll_opens_at = v_c.enroll_opens_at, enroll_closes_at = v_c.enroll_closes_at, fee = v_c.fee, updated_at = now()
  where c.id = p_class_id
  returning * into v_c;
  if v_c.status = 'published' and v_c.capacity > v_old.capacity then
    perform public.fill_seats_from_waitlist(p_class_id, v_uid);
    select * into v_c from public.classes c where c.id = p_class_id;
  end if;
  insert into public.publication_events (class_id, actor_id, action, from_status, to_status, detail)
  values (p_class_id, v_uid, 'edit', v_old.status, v_c.status, coalesce(p_fields, '{}'::jsonb));
  return public.staff_class_json(v_c);
end;
$$;
revoke all on function public.update_class(uuid, jsonb) from public, anon;
grant execute on function public.update_class(uuid, jsonb) to authenticated;

/*
 * Publishes (or reopens), closes sign-up early, or cancels a class along publication_transitions.
 * Publishing needs the institution on the whitelist, the project published and sign-up not over.
 * Cancelling something published needs a reason; the trigger on classes releases every enrollee with
 * it and queues their class.cancelled notifications in this transaction.
 */
create or replace function public.transition_class(p_class_id uuid, p_action text, p_reason text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_c public.classes;
  v_move public.publication_transitions;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
  v_people integer;
begin
  perform public.class_for_staff(p_class_id);
  select * into v_c from public.classes c where c.id = p_class_id for update;
  select * into v_move from public.publication_transitions t where t.action = p_action and t.from_status = v_c.status;
  if not found then
    raise exception using errcode = 'PT409', message = 'invalid_publication_transition';
  end if;
  if v_reason is not null and char_length(v_reason) not between 2 and 200 then
    raise exception using errcode = 'PT400', message = 'invalid_reason';
  end if;
  if p_action = 'publish' then
    perform public.require_listed_institution(v_c.institution_id);
    if not exists (select 1 from public.projects p where p.id = v_c.project_id and p.status = 'published') then
      raise exception using errcode = 'PT409', message = 'class_project_not_published';
    end if;
    if now() >= v_c.enroll_closes_at then
      raise exception using errcode = 'PT409', message = 'class_window_over';
    end if;
  elsif p_action = 'cancel' then
    if v_c.status <> 'draft' and v_reason is null then
      raise exception using errcode = 'PT400', message = 'publication_reason_required';
    end if;
    if public.beijing_today() > v_c.end_date then
      raise exception using errcode = 'PT409', message = 'class_already_ended';
    end if;
  end if;

  v_people := (select count(*) from public.enrollments e where e.class_id = p_class_id and e.status in ('enrolled', 'waitlisted'));
  -- the trigger that releases the enrollees reads the reason from here
  perform set_config('jz.class_cancel_reason', coalesce(v_reason, ''), true);
  update public.classes c set status = v_move.to_status, updated_at = now() where c.id = p_class_id returning * into v_c;
  perform set_config('jz.class_cancel_reason', '', true);
  insert into public.publication_events (class_id, actor_id, action, from_status, to_status, reason, detail)
  values (p_class_id, v_uid, p_action, v_move.from_status, v_move.to_status, v_reason,
          case when p_action = 'cancel' then jsonb_build_object('released', v_people) else '{}'::jsonb end);
  select * into v_c from public.classes c where c.id = p_class_id;
  return public.staff_class_json(v_c) || case when p_action = 'cancel' then jsonb_build_object('released', v_people) else '{}'::jsonb end;
end;
$$;
revoke all on function public.transition_class(uuid, text, text) from public, anon;
grant execute on function public.transition_class(uuid, text, text) to authenticated;

/*
 * The classes of the caller's institutions (institution staff; admins name an institution), newest
 * start first, with counts per status for the filter, and the published projects a class can be
 * scheduled under.
 */
create or replace function public.institution_classes(p_status text default null, p_institution_code text default null)
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
  if p_status is not null and p_status not in ('draft', 'published', 'closed', 'cancelled') then
    raise exception using errcode = 'PT400', message = 'invalid_class';
  end if;
  select coalesce(array_agg(i.id), '{}') into v_ids
  from public.institutions i
  where i.kind = 'training'
    and (p_institution_code is null or i.code = p_institution_code)
    -- staff see their own institutions; admins (who have none) name one
    and (exists (select 1 from public.role_grants g where g.user_id = auth.uid() and g.role = 'institution_staff' and g.scope = i.code)
         or (p_institution_code is not null and public.has_role('admin')));
  if cardinality(v_ids) = 0 then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;

  return jsonb_build_object(
    'items', coalesce((
      select jsonb_agg(public.staff_class_json(c) order by c.start_date desc, c.code desc)
      from (select * from public.classes c
            where c.institution_id = any (v_ids) and (p_status is null or c.status = p_status)
            order by c.start_date desc, c.code desc limit 500) c), '[]'::jsonb),
    'counts', (select jsonb_build_object(
                 'draft', count(*) filter (where c.status = 'draft'),
                 'published', count(*) filter (where c.status = 'published'),
                 'closed', count(*) filter (where c.status = 'closed'),
                 'cancelled', count(*) filter (where c.status = 'cancelled'))
               from public.classes c where c.institution_id = any (v_ids)),
    'projects', coalesce((
      select jsonb_agg(jsonb_build_object('id', p.id, 'code', p.code, 'title', p.title, 'funding', p.funding, 'fee', p.fee,
                                          'mode', p.mode, 'hours', p.hours) order by p.code)
      from public.projects p where p.institution_id = any (v_ids) and p.status = 'published'), '[]'::jsonb));
end;
$$;
revoke all on function public.institution_classes(text, text) from public, anon;
grant execute on function public.institution_classes(text, text) to authenticated;

/*
 * The trigger of 20261125000400_enrollment.sql, now carrying the staff member's reason (set by
 * transition_class) into each cancelled enrollment and notification. A status change made any
 * other way (an admin, a script) still says 班次已取消.
 */
create or replace function public.cancel_enrollments_of_cancelled_class()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row record;
  v_e public.enrollments;
  v_freed integer := 0;
  v_reason text := nullif(current_setting('jz.class_cancel_reason', true), '');
begin
  for v_row in
    select e.id, e.status from public.enrollments e
    where e.class_id = new.id and e.status in ('enrolled', 'waitlisted')
    order by e.seq
  loop
    v_e := public.transition_enrollment(v_row.id, 'cancel', auth.uid(),
                                        left('班次已取消' || coalesce('：' || v_reason, ''), 200));
    if v_row.status = 'enrolled' then
      v_freed := v_freed + 1;
    end if;
    perform public.notify_user(v_e.user_id, 'class.cancelled',
      jsonb_strip_nulls(jsonb_build_object(
        'enrollmentId', v_e.id, 'classId', new.id, 'classCode', new.code, 'className', new.name,
        'startDate', new.start_date, 'reason', v_reason,
        'projectTitle', (select p.title from public.projects p where p.id = new.project_id))),
      'class.cancelled:' || v_e.id::text);
  end loop;
  if v_freed > 0 then
    update public.classes c set enrolled = greatest(c.enrolled - v_freed, 0) where c.id = new.id;
  end if;
  return null;
end;
$$;
revoke all on function public.cancel_enrollments_of_cancelled_class() from public, anon, authenticated;

/* ---------------------------------------------------------------- evaluation sessions */

/* The evaluation session an evaluator's staff member acts on: 401, 404, 403 as class_for_staff. */
create or replace function public.evaluation_session_for_staff(p_session_id uuid)
returns public.evaluation_sessions
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_s public.evaluation_sessions;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_s from public.evaluation_sessions s where s.id = p_session_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'evaluation_session_not_found';
  end if;
  if not public.works_for_institution(v_s.institution_id) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  return v_s;
end;
$$;
revoke all on function public.evaluation_session_for_staff(uuid) from public, anon, authenticated;

/* Applies the editable fields present in p_fields (camelCase keys) to a session row; invalid_evaluation_session otherwise. */
create or replace function public.evaluation_session_apply_fields(p_session public.evaluation_sessions, p_fields jsonb)
returns public.evaluation_sessions
language plpgsql
stable
set search_path = ''
as $$
declare
  v_s public.evaluation_sessions := p_session;
  v_f jsonb := coalesce(p_fields, '{}'::jsonb);
begin
  if jsonb_typeof(v_f) <> 'object' or exists (
       select 1 from jsonb_object_keys(v_f) k
       where k not in ('startsAt', 'endsAt', 'district', 'place', 'lat', 'lng', 'capacity', 'signupOpensAt', 'signupClosesAt', 'fee')) then
    raise exception using errcode = 'PT400', message = 'invalid_evaluation_session';
  end if;
  begin
    if v_f ? 'startsAt' then v_s.starts_at := (v_f ->> 'startsAt')::timestamptz; end if;
    if v_f ? 'endsAt' then v_s.ends_at := (v_f ->> 'endsAt')::timestamptz; end if;
    if v_f ? 'district' then v_s.district := v_f ->> 'district'; end if;
    if v_f ? 'place' then v_s.place := btrim(v_f ->> 'place'); end if;
    if v_f ? 'lat' then v_s.lat := (v_f ->> 'lat')::double precision; end if;
    if v_f ? 'lng' then v_s.lng := (v_f ->> 'lng')::double precision; end if;
    if v_f ? 'capacity' then v_s.capacity := (v_f ->> 'capacity')::integer; end if;
    if v_f ? 'signupOpensAt' then v_s.signup_opens_at := (v_f ->> 'signupOpensAt')::timestamptz; end if;
    if v_f ? 'signupClosesAt' then v_s.signup_closes_at := (v_f ->> 'signupClosesAt')::timestamptz; end if;
    if v_f ? 'fee' then v_s.fee := (v_f ->> 'fee')::numeric(10, 2); end if;
  exception
    when invalid_text_representation or invalid_datetime_format or datetime_field_overflow or numeric_value_out_of_range then
      raise exception using errcode = 'PT400', message = 'invalid_evaluation_session';
  end;
  return v_s;
end;
$$;
revoke all on function public.evaluation_session_apply_fields(public.evaluation_sessions, jsonb) from public, anon, authenticated;

/*
 * Every rule a session must meet: evaluation_session_times_invalid (ends after it starts; sign-up
 * opens before it closes, and closes by the start), evaluation_session_start_past (when
 * p_check_start), evaluation_session_district_unknown, evaluation_session_place_invalid,
 * evaluation_session_coordinates_invalid, evaluation_session_capacity_invalid, evaluation_session_fee_invalid.
 */
create or replace function public.evaluation_session_check(p_s public.evaluation_sessions, p_check_start boolean)
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if p_s.starts_at is null or p_s.ends_at is null or p_s.signup_opens_at is null or p_s.signup_closes_at is null
     or p_s.ends_at <= p_s.starts_at or p_s.signup_closes_at <= p_s.signup_opens_at or p_s.signup_closes_at > p_s.starts_at then
    raise exception using errcode = 'PT400', message = 'evaluation_session_times_invalid';
  end if;
  if p_check_start and p_s.starts_at <= now() then
    raise exception using errcode = 'PT400', message = 'evaluation_session_start_past';
  end if;
  if not exists (select 1 from public.districts d where d.code = p_s.district) then
    raise exception using errcode = 'PT400', message = 'evaluation_session_district_unknown';
  end if;
  if p_s.place is null or char_length(p_s.place) not between 2 and 200 then
    raise exception using errcode = 'PT400', message = 'evaluation_session_place_invalid';
  end if;
  if (p_s.lat is null) <> (p_s.lng is null) or p_s.lat not between 39.4 and 41.1 or p_s.lng not between 115.4 and 117.5 then
    raise exception using errcode = 'PT400', message = 'evaluation_session_coordinates_invalid';
  end if;
  if p_s.capacity is null or p_s.capacity not between 1 and 10000 then
    raise exception using errcode = 'PT400', message = 'evaluation_session_capacity_invalid';
  end if;
  if p_s.fee is null or p_s.fee < 0 or p_s.fee > 100000 then
    raise exception using errcode = 'PT400', message = 'evaluation_session_fee_invalid';
  end if;
end;
$$;
revoke all on function public.evaluation_session_check(public.evaluation_sessions, boolean) from public, anon, authenticated;

/* A session as its evaluator's staff see it: the public brief plus status and the people signed up. */
create or replace function public.staff_evaluation_session_json(p_session_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select public.evaluation_session_brief(s.id) || jsonb_build_object(
    'lat', s.lat, 'lng', s.lng,
    'cancelReason', case when s.status = 'cancelled' then (
      select ev.reason from public.publication_events ev where ev.session_id = s.id and ev.action = 'cancel' order by ev.id desc limit 1) end,
    'createdAt', s.created_at, 'updatedAt', s.updated_at)
  from public.evaluation_sessions s where s.id = p_session_id;
$$;
revoke all on function public.staff_evaluation_session_json(uuid) from public, anon, authenticated;

/*
 * Evaluator staff schedule a session for an occupation and level in their institution's evaluation
 * scope (institution_occupations): a draft, or published at once when the institution is listed.
 * Refusals: institution_not_found (not theirs, or not an evaluator), evaluation_unknown_occupation,
 * evaluation_out_of_scope, the evaluation_session_check codes, institution_not_listed.
 */
create or replace function public.create_evaluation_session(p_institution_code text, p_occupation_code text, p_level text,
                                                            p_fields jsonb, p_publish boolean default false,
                                                            p_idempotency_key text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_operation text := 'create_evaluation_session:' || coalesce(p_institution_code, '');
  v_replay jsonb;
  v_i public.institutions;
  v_occupation_id bigint;
  v_s public.evaluation_sessions;
  v_response jsonb;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  v_replay := public.idempotency_replay(p_idempotency_key, v_operation);
  if v_replay is not null then
    return v_replay;
  end if;
  select * into v_i from public.institutions i where i.code = p_institution_code and i.kind = 'evaluation';
  if not found or not public.works_for_institution(v_i.id) then
    raise exception using errcode = 'PT404', message = 'institution_not_found';
  end if;
  select o.id into v_occupation_id from public.occupations o where o.code = p_occupation_code;
  if not found then
    raise exception using errcode = 'PT400', message = 'evaluation_unknown_occupation';
  end if;
  if not exists (select 1 from public.institution_occupations io
                 where io.institution_id = v_i.id and io.occupation_id = v_occupation_id and p_level = any (io.levels)) then
    raise exception using errcode = 'PT422', message = 'evaluation_out_of_scope';
  end if;

  v_s.institution_id := v_i.id;
  v_s.occupation_id := v_occupation_id;
  v_s.level := p_level;
  v_s.fee := 0;
  v_s := public.evaluation_session_apply_fields(v_s, p_fields);
  perform public.evaluation_session_check(v_s, true);
  if coalesce(p_publish, false) then
    perform public.require_listed_institution(v_i.id);
  end if;

  insert into public.evaluation_sessions (code, institution_id, occupation_id, level, starts_at, ends_at, district, place, lat, lng,
                                          capacity, signup_opens_at, signup_closes_at, fee, status)
  values ('PJ-' || to_char(public.beijing_today(), 'YYYY') || '-' || lpad(nextval('public.evaluation_session_code_seq')::text, 6, '0'),
          v_s.institution_id, v_s.occupation_id, v_s.level, v_s.starts_at, v_s.ends_at, v_s.district, v_s.place, v_s.lat, v_s.lng,
          v_s.capacity, v_s.signup_opens_at, v_s.signup_closes_at, v_s.fee,
          case when coalesce(p_publish, false) then 'published' else 'draft' end)
  returning * into v_s;
  insert into public.publication_events (session_id, actor_id, action, from_status, to_status)
  values (v_s.id, v_uid, 'create', null, v_s.status);
  v_response := public.staff_evaluation_session_json(v_s.id);
  perform public.idempotency_store(p_idempotency_key, v_operation, v_response);
  return v_response;
end;
$$;
revoke all on function public.create_evaluation_session(text, text, text, jsonb, boolean, text) from public, anon;
grant execute on function public.create_evaluation_session(text, text, text, jsonb, boolean, text) to authenticated;

/* Edits a session that is not cancelled; capacity never below the places taken (evaluation_capacity_below_registered). */
create or replace function public.update_evaluation_session(p_session_id uuid, p_fields jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_old public.evaluation_sessions;
  v_s public.evaluation_sessions;
begin
  perform public.evaluation_session_for_staff(p_session_id);
  select * into v_old from public.evaluation_sessions s where s.id = p_session_id for update;
  if v_old.status = 'cancelled' then
    raise exception using errcode = 'PT409', message = 'evaluation_session_not_editable';
  end if;
  v_s := public.evaluation_session_apply_fields(v_old, p_fields);
  perform public.evaluation_session_check(v_s, v_s.starts_at is distinct from v_old.starts_at);
  if v_s.capacity < v_old.registered then
    raise exception using errcode = 'PT409', message = 'evaluation_capacity_below_registered', detail = v_old.registered::text;
  end if;
  update public.evaluation_sessions s set
    starts_at = v_s.starts_at, ends_at = v_s.ends_at, district = v_s.district, place = v_s.place, lat = v_s.lat, lng = v_s.lng,
    capacity = v_s.capacity, signup_opens_at = v_s.signup_opens_at, signup_closes_at = v_s.signup_closes_at, fee = v_s.fee,
    updated_at = now()
  where s.id = p_session_id;
  insert into public.publication_events (session_id, actor_id, action, from_status, to_status, detail)
  values (p_session_id, v_uid, 'edit', v_old.status, v_old.status, coalesce(p_fields, '{}'::jsonb));
  return public.staff_evaluation_session_json(p_session_id);
end;
$$;
revoke all on function public.update_evaluation_session(uuid, jsonb) from public, anon;
grant execute on function public.update_evaluation_session(uuid, jsonb) to authenticated;

/*
 * Publishes (or reopens), closes sign-up early, or cancels a session. Cancelling needs a reason once
 * published, is refused once results are recorded (evaluation_has_results), and cancels every
 * registration, giving the places back and queueing evaluation.cancelled for each person.
 */
create or replace function public.transition_evaluation_session(p_session_id uuid, p_action text, p_reason text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_s public.evaluation_sessions;
  v_move public.publication_transitions;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
  v_r public.evaluation_registrations;
  v_released integer := 0;
begin
  perform public.evaluation_session_for_staff(p_session_id);
  select * into v_s from public.evaluation_sessions s where s.id = p_session_id for update;
  select * into v_move from public.publication_transitions t where t.action = p_action and t.from_status = v_s.status;
  if not found then
    raise exception using errcode = 'PT409', message = 'invalid_publication_transition';
  end if;
  if v_reason is not null and char_length(v_reason) not between 2 and 200 then
    raise exception using errcode = 'PT400', message = 'invalid_reason';
  end if;
  if p_action = 'publish' then
    perform public.require_listed_institution(v_s.institution_id);
    if now() >= v_s.signup_closes_at then
      raise exception using errcode = 'PT409', message = 'evaluation_window_over';
    end if;
  elsif p_action = 'cancel' then
    if v_s.status <> 'draft' and v_reason is null then
      raise exception using errcode = 'PT400', message = 'publication_reason_required';
    end if;
    if exists (select 1 from public.evaluation_registrations r where r.session_id = p_session_id and r.status = 'evaluated') then
      raise exception using errcode = 'PT409', message = 'evaluation_has_results';
    end if;
    for v_r in
      update public.evaluation_registrations r set status = 'cancelled', cancelled_at = now(), updated_at = now()
      where r.session_id = p_session_id and r.status = 'registered'
      returning *
    loop
      v_released := v_released + 1;
      perform public.notify_user(v_r.user_id, 'evaluation.cancelled',
        jsonb_build_object('registrationId', v_r.id, 'sessionId', v_s.id, 'sessionCode', v_s.code, 'startsAt', v_s.starts_at,
                           'level', v_s.level, 'reason', v_reason,
                           'occupationName', (select o.name from public.occupations o where o.id = v_s.occupation_id)),
        'evaluation.cancelled:' || v_r.id::text);
      insert into public.audit_log (actor_id, action, entity, entity_id, detail)
      values (v_uid, 'evaluation.cancelled', 'evaluation_registration', v_r.id::text,
              jsonb_build_object('session_id', p_session_id, 'reason', v_reason, 'by', 'staff'));
    end loop;
  end if;

  update public.evaluation_sessions s set
    status = v_move.to_status,
    registered = case when p_action = 'cancel' then greatest(s.registered - v_released, 0) else s.registered end,
    updated_at = now()
  where s.id = p_session_id;
  insert into public.publication_events (session_id, actor_id, action, from_status, to_status, reason, detail)
  values (p_session_id, v_uid, p_action, v_move.from_status, v_move.to_status, v_reason,
          case when p_action = 'cancel' then jsonb_build_object('released', v_released) else '{}'::jsonb end);
  return public.staff_evaluation_session_json(p_session_id)
         || case when p_action = 'cancel' then jsonb_build_object('released', v_released) else '{}'::jsonb end;
end;
$$;
revoke all on function public.transition_evaluation_session(uuid, text, text) from public, anon;
grant execute on function public.transition_evaluation_session(uuid, text, text) to authenticated;

/* ---------------------------------------------------------------- whitelist review list */

/*
 * Institutions a reviewer keeps the whitelist of (their districts; admins and city-wide reviewers
 * all), by whitelist status and kind, with each one's history and counts per status for the filter.
 */
create or replace function public.review_institutions(p_status text default null, p_kind text default null)
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
  if (p_status is not null and p_status not in ('pending', 'listed', 'suspended', 'removed'))
     or (p_kind is not null and p_kind not in ('training', 'evaluation')) then
    raise exception using errcode = 'PT400', message = 'invalid_whitelist_filter';
  end if;
  return (
    with mine as (
      select i.* from public.institutions i
      where public.may_review_demand(i.district) and (p_kind is null or i.kind = p_kind)
    )
    select jsonb_build_object(
      'items', coalesce((
        select jsonb_agg(jsonb_build_object(
                 'id', i.id, 'code', i.code, 'name', i.name, 'kind', i.kind, 'carrierType', i.carrier_type,
                 'district', i.district, 'districtName', (select d.name from public.districts d where d.code = i.district),
                 'whitelistStatus', i.whitelist_status, 'whitelistedOn', i.whitelisted_on,
                 'history', coalesce((select jsonb_agg(jsonb_build_object('action', ev.action, 'from', ev.from_status, 'to', ev.to_status,
                                                                          'reason', ev.reason, 'at', ev.created_at) order by ev.id)
                                      from public.institution_whitelist_events ev where ev.institution_id = i.id), '[]'::jsonb))
               order by array_position(array['pending', 'suspended', 'listed', 'removed'], i.whitelist_status), i.code)
        from mine i where p_status is null or i.whitelist_status = p_status), '[]'::jsonb),
      'counts', (select jsonb_build_object(
                   'pending', count(*) filter (where m.whitelist_status = 'pending'),
                   'listed', count(*) filter (where m.whitelist_status = 'listed'),
                   'suspended', count(*) filter (where m.whitelist_status = 'suspended'),
                   'removed', count(*) filter (where m.whitelist_status = 'removed'))
                 from mine m)));
end;
$$;
revoke all on function public.review_institutions(text, text) from public, anon;
grant execute on function public.review_institutions(text, text) to authenticated;

/* ---------------------------------------------------------------- why a class is not in the catalog */

/*
 * Why a class someone opens (an old link, a poster) is not public, in one word the API turns into a
 * plain sentence: cancelled, institution_suspended (its institution is off the whitelist for now),
 * project_unavailable, draft; null when it is public or does not exist. Nothing private is said.
 */
create or replace function public.catalog_class_unavailable_reason(p_class_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when c.status = 'draft' then 'draft'
    when c.status = 'cancelled' then 'cancelled'
    when i.whitelist_status <> 'listed' or pi.whitelist_status <> 'listed' then 'institution_suspended'
    when p.status <> 'published' then 'project_unavailable'
  end
  from public.classes c
  join public.institutions i on i.id = c.institution_id
  join public.projects p on p.id = c.project_id
  join public.institutions pi on pi.id = p.institution_id
  where c.id = p_class_id;
$$;
grant execute on function public.catalog_class_unavailable_reason(uuid) to anon, authenticated, service_role;
