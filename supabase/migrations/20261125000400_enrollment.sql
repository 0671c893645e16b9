/*
 * Enrollment: sign-up (报名) with capacity and a waitlist, the employment service stations (基层就业
 *服务站) whose QR codes bring people to classes, check-in per session, completion and dropping.
 *
 * Every change goes through one security definer function (enroll_in_class, cancel_enrollment,
 * check_in, complete_class, mark_dropped, set_class_settings, record_station_visit): each locks what
 * it needs, checks the caller and every rule, moves the enrollment along an allowed transition
 * (enrollment_transitions), writes an audit row and queues notifications in the same transaction.
 * Nothing else writes these tables.
 *
 * Seats: classes.enrolled counts seats taken by enrollments that reached `enrolled` (completed and
 * dropped people keep theirs: they sat in the class). It changes only under the class row's lock.
 * Waitlist positions are never stored: a waitlisted person's position is 1 + the number of
 * waitlisted rows of the class with a smaller `seq`, so it has no gaps whoever leaves the list.
 */

/* ---------------------------------------------------------------- stations (基层就业服务站) */

create table public.stations (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^STA-\d{6}-\d{3}$'),
  name text not null unique check (char_length(name) between 2 and 60),
  district text not null references public.districts (code),
  street text not null default '' check (char_length(street) <= 40),
  address text not null default '' check (char_length(address) <= 200),
  contact_name text not null default '' check (char_length(contact_name) <= 30),
  contact_phone text not null default '' check (char_length(contact_phone) <= 30),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.stations is '基层就业服务站: street and community service points that collect demands and refer people to classes.';
comment on column public.stations.id is 'Row id; enrollments and visits refer to it.';
comment on column public.stations.code is 'Public code STA-<district code>-<serial>; station staff role grants use it as their scope and QR codes carry it.';
comment on column public.stations.name is 'Name as on the door, e.g. 朝阳区小关街道就业服务站.';
comment on column public.stations.district is 'District (GB/T 2260 code) the station serves.';
comment on column public.stations.street is 'Street or township (街道/乡镇) it serves.';
comment on column public.stations.address is 'Where people find it.';
comment on column public.stations.contact_name is 'Public contact person (联系人) of the station.';
comment on column public.stations.contact_phone is 'Public enquiry phone of the station.';
comment on column public.stations.active is 'False once the station is closed: its old QR codes still open the class but credit nobody.';
comment on column public.stations.created_at is 'When the row was created.';
comment on column public.stations.updated_at is 'When it last changed.';

create index stations_district on public.stations (district, code);

revoke all on table public.stations from anon, authenticated;
grant select on table public.stations to anon, authenticated;
grant insert, update on table public.stations to authenticated;
grant all on table public.stations to service_role;
alter table public.stations enable row level security;

create policy "Anyone can read the active stations"
  on public.stations for select to anon, authenticated
  using (active);
create policy "Station staff can read their own station"
  on public.stations for select to authenticated
  using (public.has_role('station_staff', code));
create policy "Admins add stations"
  on public.stations for insert to authenticated
  with check (public.has_role('admin'));
create policy "Admins update stations"
  on public.stations for update to authenticated
  using (public.has_role('admin')) with check (public.has_role('admin'));

/* ---------------------------------------------------------------- per-class enrollment settings */

create table public.class_settings (
  class_id uuid primary key references public.classes (id) on delete cascade,
  attendance_threshold numeric(4, 3) not null default 0.8 check (attendance_threshold > 0 and attendance_threshold <= 1),
  waitlist_limit integer check (waitlist_limit between 0 and 100000),
  completed_at timestamptz,
  completed_by uuid references public.users (id) on delete set null,
  updated_at timestamptz not null default now()
);
comment on table public.class_settings is 'Enrollment and completion settings of a class; a class without a row uses the defaults.';
comment on column public.class_settings.class_id is 'The class.';
comment on column public.class_settings.attendance_threshold is 'Share of sessions attended needed to complete (结业), default 0.8 = 80%.';
comment on column public.class_settings.waitlist_limit is 'Most people on the waitlist; null = no limit, 0 = no waitlist (a full class refuses).';
comment on column public.class_settings.completed_at is 'When the institution last ran completion (结业) for the class.';
comment on column public.class_settings.completed_by is 'Staff member who ran it.';
comment on column public.class_settings.updated_at is 'When the settings last changed.';

revoke all on table public.class_settings from anon, authenticated;
grant select on table public.class_settings to authenticated;
grant all on table public.class_settings to service_role;
alter table public.class_settings enable row level security;

create policy "Institution staff read their classes' settings"
  on public.class_settings for select to authenticated
  using (exists (select 1 from public.classes c where c.id = class_id and public.works_for_institution(c.institution_id)));

/* ---------------------------------------------------------------- enrollment states */

create table public.enrollment_transitions (
  action text not null check (action in ('promote', 'cancel', 'complete', 'drop', 'close_waitlist')),
  from_status text not null check (from_status in ('enrolled', 'waitlisted', 'cancelled', 'completed', 'dropped')),
  to_status text not null check (to_status in ('enrolled', 'waitlisted', 'cancelled', 'completed', 'dropped')),
  description text not null,
  primary key (action, from_status)
);
comment on table public.enrollment_transitions is 'The enrollment state machine: the only moves the functions make. A new enrollment starts enrolled or waitlisted.';
comment on column public.enrollment_transitions.action is 'What causes the move: promote, cancel, complete, drop, close_waitlist.';
comment on column public.enrollment_transitions.from_status is 'Status the enrollment must be in.';
comment on column public.enrollment_transitions.to_status is 'Status it moves to.';
comment on column public.enrollment_transitions.description is 'When this happens, in words.';

revoke all on table public.enrollment_transitions from anon, authenticated;
grant select on table public.enrollment_transitions to anon, authenticated;
grant all on table public.enrollment_transitions to service_role;
alter table public.enrollment_transitions enable row level security;
create policy "Anyone can read the enrollment state machine"
  on public.enrollment_transitions for select to anon, authenticated
  using (true);

insert into public.enrollment_transitions (action, from_status, to_status, description) values
  ('promote', 'waitlisted', 'enrolled', 'A seat freed up (or capacity grew): the first waitlisted person takes it.'),
  ('cancel', 'enrolled', 'cancelled', 'The person cancels before the class starts; the seat goes to the waitlist.'),
  ('cancel', 'waitlisted', 'cancelled', 'The person leaves the waitlist.'),
  ('complete', 'enrolled', 'completed', 'The class ended and the person attended enough sessions (结业).'),
  ('drop', 'enrolled', 'dropped', 'The institution records that the person stopped attending, with a reason.'),
  ('close_waitlist', 'waitlisted', 'cancelled', 'The class ended with the person still waiting.');

/* ---------------------------------------------------------------- enrollments */

create table public.enrollments (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,
  class_id uuid not null references public.classes (id),
  user_id uuid not null references public.users (id) on delete cascade,
  status text not null check (status in ('enrolled', 'waitlisted', 'cancelled', 'completed', 'dropped')),
  referral_station_id uuid references public.stations (id),
  enrolled_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text check (char_length(cancel_reason) <= 200),
  completed_at timestamptz,
  attended_sessions integer check (attended_sessions >= 0),
  dropped_at timestamptz,
  drop_reason text check (char_length(drop_reason) <= 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint enrollments_enrolled_has_time check (status not in ('enrolled', 'completed', 'dropped') or enrolled_at is not null),
  constraint enrollments_cancelled_has_time check (status <> 'cancelled' or cancelled_at is not null),
  constraint enrollments_completed_has_time check (status <> 'completed' or completed_at is not null),
  constraint enrollments_dropped_has_reason check (status <> 'dropped' or (dropped_at is not null and drop_reason is not null))
);
comment on table public.enrollments is '报名: one person''s sign-up for one class, from sign-up (or waitlist) to completion, drop or cancellation.';
comment on column public.enrollments.id is 'Row id; check-in tokens carry it.';
comment on column public.enrollments.seq is 'Order of signing up, across all classes; the waitlist is served in this order.';
comment on column public.enrollments.class_id is 'The class signed up for.';
comment on column public.enrollments.user_id is 'Who signed up.';
comment on column public.enrollments.status is 'enrolled (has a seat), waitlisted (候补), cancelled, completed (结业) or dropped; moves per enrollment_transitions.';
comment on column public.enrollments.referral_station_id is 'The station whose QR code or link the person came through, if any.';
comment on column public.enrollments.enrolled_at is 'When the person got a seat (at sign-up or on promotion from the waitlist).';
comment on column public.enrollments.cancelled_at is 'When it was cancelled.';
comment on column public.enrollments.cancel_reason is 'Why, when the person or the system gave a reason.';
comment on column public.enrollments.completed_at is 'When completion (结业) was recorded.';
comment on column public.enrollments.attended_sessions is 'Sessions attended, frozen when the enrollment completed or was dropped.';
comment on column public.enrollments.dropped_at is 'When the institution marked the person dropped.';
comment on column public.enrollments.drop_reason is 'The institution''s reason for dropping.';
comment on column public.enrollments.created_at is 'When the person signed up.';
comment on column public.enrollments.updated_at is 'When the status last changed.';

-- One active sign-up per person and class; cancelled ones may be followed by a new one.
create unique index enrollments_one_active on public.enrollments (class_id, user_id)
  where status in ('enrolled', 'waitlisted');
-- The waitlist in order (promotion, positions).
create index enrollments_waitlist on public.enrollments (class_id, seq) where status = 'waitlisted';
create index enrollments_class on public.enrollments (class_id, status, seq);
create index enrollments_user on public.enrollments (user_id, created_at desc);
create index enrollments_station on public.enrollments (referral_station_id, created_at) where referral_station_id is not null;

revoke all on table public.enrollments from anon, authenticated;
grant select on table public.enrollments to authenticated;
grant all on table public.enrollments to service_role;
alter table public.enrollments enable row level security;

create policy "People can read their own enrollments"
  on public.enrollments for select to authenticated
  using (user_id = auth.uid());
create policy "Institution staff read the enrollments of their classes"
  on public.enrollments for select to authenticated
  using (exists (select 1 from public.classes c where c.id = class_id and public.works_for_institution(c.institution_id)));

/* ---------------------------------------------------------------- attendance */

create table public.attendance (
  enrollment_id uuid not null references public.enrollments (id) on delete cascade,
  session_date date not null,
  checked_in_at timestamptz not null default now(),
  checked_in_by uuid references public.users (id) on delete set null,
  primary key (enrollment_id, session_date)
);
comment on table public.attendance is 'Check-ins: one row per enrollment and session day, however often the code is scanned.';
comment on column public.attendance.enrollment_id is 'Whose attendance.';
comment on column public.attendance.session_date is 'The session day (Beijing date), one of the class''s session dates.';
comment on column public.attendance.checked_in_at is 'When the first scan for that day was recorded.';
comment on column public.attendance.checked_in_by is 'Staff member who scanned it.';

revoke all on table public.attendance from anon, authenticated;
grant select on table public.attendance to authenticated;
grant all on table public.attendance to service_role;
alter table public.attendance enable row level security;

create policy "People can read their own attendance"
  on public.attendance for select to authenticated
  using (exists (select 1 from public.enrollments e where e.id = enrollment_id and e.user_id = auth.uid()));
create policy "Institution staff read attendance in their classes"
  on public.attendance for select to authenticated
  using (exists (select 1 from public.enrollments e join public.classes c on c.id = e.class_id
                 where e.id = enrollment_id and public.works_for_institution(c.institution_id)));

/* ---------------------------------------------------------------- station visits (referrals) */

create table public.station_visits (
  id bigint generated always as identity primary key,
  station_id uuid not null references public.stations (id),
  class_id uuid references public.classes (id) on delete set null,
  project_id uuid references public.projects (id) on delete set null,
  visited_at timestamptz not null default now()
);
comment on table public.station_visits is 'Each opening of a class or project through a station''s QR code or link: the referrals a station made. No personal data.';
comment on column public.station_visits.id is 'Row id.';
comment on column public.station_visits.station_id is 'The station whose code was scanned.';
comment on column public.station_visits.class_id is 'The class opened, when the code was for a class.';
comment on column public.station_visits.project_id is 'The project opened (for a class: its project).';
comment on column public.station_visits.visited_at is 'When.';

create index station_visits_station on public.station_visits (station_id, visited_at);

revoke all on table public.station_visits from anon, authenticated;
grant all on table public.station_visits to service_role;
alter table public.station_visits enable row level security;

/* ---------------------------------------------------------------- WeChat access token cache */

create table public.wechat_access_tokens (
  app_id text primary key,
  access_token text not null,
  expires_at timestamptz not null,
  updated_at timestamptz not null default now()
);
comment on table public.wechat_access_tokens is 'The current WeChat server access_token per AppID, shared by every function instance (fetching a new one invalidates the old after 5 minutes, and there is a daily quota).';
comment on column public.wechat_access_tokens.app_id is 'The mini-program''s AppID.';
comment on column public.wechat_access_tokens.access_token is 'The token from /cgi-bin/token; a credential, readable by the service role only.';
comment on column public.wechat_access_tokens.expires_at is 'When it stops working (WeChat gives 7200 s; we stop using it a few minutes earlier).';
comment on column public.wechat_access_tokens.updated_at is 'When it was fetched.';

revoke all on table public.wechat_access_tokens from anon, authenticated;
grant all on table public.wechat_access_tokens to service_role;
alter table public.wechat_access_tokens enable row level security;

/* ---------------------------------------------------------------- rules (pure) */

/*
 * Who a class admits, by the person's category (我的资料 人员类别) and the project's audiences:
 * - key_group (重点就业群体): the four subsidy key groups — 农村转移就业劳动者, 离校未就业高校毕业生,
 *   登记失业人员, 就业困难人员;
 * - employee (企业职工): employees;
 * - student (高校学生): unemployed graduates and `other`, the category students choose since the
 *   profile has no student category of its own.
 * A class admits the person when any of its audiences does.
 */
create or replace function public.audience_admits(p_audiences text[], p_category text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select ('key_group' = any (p_audiences)
          and p_category in ('rural_migrant', 'unemployed_graduate', 'registered_unemployed', 'hard_to_employ'))
      or ('employee' = any (p_audiences) and p_category = 'employee')
      or ('student' = any (p_audiences) and p_category in ('unemployed_graduate', 'other'));
$$;
grant execute on function public.audience_admits(text[], text) to anon, authenticated, service_role;

/* The class's session days: the dates in `sessions`, or every day from start to end when it has none. */
create or replace function public.class_session_dates(p_sessions jsonb, p_start date, p_end date)
returns date[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case when jsonb_array_length(p_sessions) > 0 then
           array(select distinct (s ->> 'date')::date from jsonb_array_elements(p_sessions) s where s ? 'date' order by 1)
         else array(select d::date from generate_series(p_start, p_end, interval '1 day') d order by 1) end;
$$;
grant execute on function public.class_session_dates(jsonb, date, date) to anon, authenticated, service_role;

/*
 * True when two classes' schedules meet: their date ranges overlap and, when both list sessions,
 * two sessions on the same day overlap in time (a weekday class and a weekend class do not clash).
 */
create or replace function public.class_schedules_overlap(p_a_sessions jsonb, p_a_start date, p_a_end date,
                                                          p_b_sessions jsonb, p_b_start date, p_b_end date)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when p_a_end < p_b_start or p_b_end < p_a_start then false
    when jsonb_array_length(p_a_sessions) = 0 or jsonb_array_length(p_b_sessions) = 0 then true
    else exists (
      select 1
      from jsonb_array_elements(p_a_sessions) x, jsonb_array_elements(p_b_sessions) y
      where x ->> 'date' = y ->> 'date'
        and coalesce((x ->> 'start')::time, time '00:00') < coalesce((y ->> 'end')::time, time '24:00')
        and coalesce((y ->> 'start')::time, time '00:00') < coalesce((x ->> 'end')::time, time '24:00'))
  end;
$$;
grant execute on function public.class_schedules_overlap(jsonb, date, date, jsonb, date, date) to anon, authenticated, service_role;

/* ---------------------------------------------------------------- helpers */

/* `张三丰` → `张**`, as shared/rules/mask.ts maskName does: names in staff lists are masked. */
create or replace function public.mask_name(p_name text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case when char_length(btrim(p_name)) <= 1 then btrim(p_name)
              else left(btrim(p_name), 1) || repeat('*', char_length(btrim(p_name)) - 1) end;
$$;
grant execute on function public.mask_name(text) to authenticated, service_role;

/* Position on the waitlist (1 = next to get a seat), computed from the order, so it never has gaps. */
create or replace function public.waitlist_position(p_class_id uuid, p_seq bigint)
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select 1 + count(*)::integer
  from public.enrollments w
  where w.class_id = p_class_id and w.status = 'waitlisted' and w.seq < p_seq;
$$;
revoke all on function public.waitlist_position(uuid, bigint) from public, anon, authenticated;

/* Sessions attended by an enrollment. */
create or replace function public.attended_count(p_enrollment_id uuid)
returns integer
language sql
stable
security definer
set search_path = ''
as $$ select count(*)::integer from public.attendance a where a.enrollment_id = p_enrollment_id $$;
revoke all on function public.attended_count(uuid) from public, anon, authenticated;

/* An enrollment as the API returns it to its owner or to the class's staff (no personal data). */
create or replace function public.enrollment_json(e public.enrollments)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', e.id,
    'userId', e.user_id,
    'status', e.status,
    'position', case when e.status = 'waitlisted' then public.waitlist_position(e.class_id, e.seq) end,
    'classId', e.class_id,
    'class', (
      select jsonb_build_object(
        'id', c.id, 'code', c.code, 'name', c.name, 'startDate', c.start_date, 'endDate', c.end_date,
        'schedule', c.schedule, 'district', c.district,
        'districtName', (select d.name from public.districts d where d.code = c.district),
        'address', c.address, 'status', c.status,
        'project', (select jsonb_build_object('id', p.id, 'code', p.code, 'title', p.title)
                    from public.projects p where p.id = c.project_id),
        'institution', (select jsonb_build_object('code', i.code, 'name', i.name)
                        from public.institutions i where i.id = c.institution_id))
      from public.classes c where c.id = e.class_id),
    'referralStation', (select jsonb_build_object('code', s.code, 'name', s.name)
                        from public.stations s where s.id = e.referral_station_id),
    'attendedSessions', case when e.status in ('completed', 'dropped') then e.attended_sessions
                             when e.status = 'enrolled' then public.attended_count(e.id) end,
    'createdAt', e.created_at,
    'enrolledAt', e.enrolled_at,
    'cancelledAt', e.cancelled_at,
    'cancelReason', e.cancel_reason,
    'completedAt', e.completed_at,
    'droppedAt', e.dropped_at,
    'dropReason', e.drop_reason
  );
$$;
revoke all on function public.enrollment_json(public.enrollments) from public, anon, authenticated;

/*
 * Moves an enrollment along one allowed transition (or raises invalid_transition), stamps the
 * times, and writes the audit row. Callers hold the class row's lock.
 */
create or replace function public.transition_enrollment(p_id uuid, p_action text, p_actor uuid, p_reason text default null,
                                                        p_detail jsonb default '{}'::jsonb)
returns public.enrollments
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_e public.enrollments;
  v_to text;
begin
  select * into v_e from public.enrollments e where e.id = p_id for update;
  select t.to_status into v_to from public.enrollment_transitions t where t.action = p_action and t.from_status = v_e.status;
  if v_to is null then
    raise exception using errcode = 'PT409', message = 'invalid_transition';
  end if;

  update public.enrollments e set
    status = v_to,
    enrolled_at = case when v_to = 'enrolled' then now() else e.enrolled_at end,
    cancelled_at = case when v_to = 'cancelled' then now() else e.cancelled_at end,
    cancel_reason = case when v_to = 'cancelled' then p_reason else e.cancel_reason end,
    completed_at = case when v_to = 'completed' then now() else e.completed_at end,
    dropped_at = case when v_to = 'dropped' then now() else e.dropped_at end,
    drop_reason = case when v_to = 'dropped' then p_reason else e.drop_reason end,
    attended_sessions = case when v_to in ('completed', 'dropped') then public.attended_count(e.id) else e.attended_sessions end,
    updated_at = now()
  where e.id = p_id
  returning * into v_e;

  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (p_actor, 'enrollment.' || p_action, 'enrollment', p_id::text,
          jsonb_build_object('class_id', v_e.class_id, 'to', v_to) || coalesce(p_detail, '{}'::jsonb)
          || case when p_reason is not null then jsonb_build_object('reason', p_reason) else '{}'::jsonb end);
  return v_e;
end;
$$;
revoke all on function public.transition_enrollment(uuid, text, uuid, text, jsonb) from public, anon, authenticated;

/*
 * Gives free seats to the waitlist, first come first served, and queues a notification for each
 * person promoted. The caller holds the class row's lock. Returns how many were promoted.
 */
create or replace function public.fill_seats_from_waitlist(p_class_id uuid, p_actor uuid)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_class public.classes;
  v_next record;
  v_e public.enrollments;
  v_promoted integer := 0;
begin
  select * into v_class from public.classes c where c.id = p_class_id;
  if v_class.enrolled >= v_class.capacity then
    return 0;
  end if;
  for v_next in
    select w.id from public.enrollments w
    where w.class_id = p_class_id and w.status = 'waitlisted'
    order by w.seq
    limit v_class.capacity - v_class.enrolled
  loop
    v_e := public.transition_enrollment(v_next.id, 'promote', p_actor);
    v_promoted := v_promoted + 1;
    perform public.notify_user(v_e.user_id, 'waitlist.promoted',
      jsonb_build_object('enrollmentId', v_e.id, 'classId', v_class.id, 'classCode', v_class.code,
                         'className', v_class.name, 'startDate', v_class.start_date,
                         'projectTitle', (select p.title from public.projects p where p.id = v_class.project_id)),
      'waitlist.promoted:' || v_e.id::text);
  end loop;
  if v_promoted > 0 then
    update public.classes c set enrolled = c.enrolled + v_promoted where c.id = p_class_id;
  end if;
  return v_promoted;
end;
$$;
revoke all on function public.fill_seats_from_waitlist(uuid, uuid) from public, anon, authenticated;

/* ---------------------------------------------------------------- sign-up */

/*
 * Signs the caller up for a class: a seat while there is one, else the waitlist (unless the class
 * has none or it is full). Refusals, each with its own code: class_not_found, enrollment_not_open,
 * enrollment_closed, profile_incomplete, not_in_audience, too_young, already_enrolled,
 * schedule_clash, class_full. With an idempotency key the first answer is replayed on retry; a
 * different key for the same class meets already_enrolled. An unknown or closed station code is
 * ignored (an old poster must not stop a sign-up).
 *
 * Locks: the idempotency key, then the person (so their duplicate and clash checks see every earlier
 * sign-up of theirs), then the class row, held only for the seat decision and the writes.
 */
create or replace function public.enroll_in_class(p_class_id uuid, p_station_code text default null,
                                                  p_idempotency_key text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_operation text := 'enroll:' || p_class_id::text;
  v_replay jsonb;
  v_class public.classes;
  v_project public.projects;
  v_profile public.profiles;
  v_station_id uuid;
  v_waitlist_limit integer;
  v_status text;
  v_e public.enrollments;
  v_response jsonb;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  v_replay := public.idempotency_replay(p_idempotency_key, v_operation);
  if v_replay is not null then
    return v_replay || jsonb_build_object('replayed', true);
  end if;
  perform pg_advisory_xact_lock(hashtext('enroll_in_class'), hashtext(v_uid::text));

  /* -- what does not change under us: the class exists and is public, the person fits it */
  select * into v_class from public.classes c where c.id = p_class_id;
  if not found or v_class.status = 'draft' then
    raise exception using errcode = 'PT404', message = 'class_not_found';
  end if;
  select * into v_project from public.projects p where p.id = v_class.project_id;
  if v_class.status <> 'published' or v_project.status <> 'published'
     or not public.institution_is_public(v_project.institution_id) or not public.institution_is_public(v_class.institution_id) then
    raise exception using errcode = 'PT409', message = 'enrollment_closed';
  end if;
  if now() < v_class.enroll_opens_at then
    raise exception using errcode = 'PT409', message = 'enrollment_not_open';
  end if;
  if now() >= v_class.enroll_closes_at then
    raise exception using errcode = 'PT409', message = 'enrollment_closed';
  end if;

  select * into v_profile from public.profiles p where p.user_id = v_uid;
  if not found or v_profile.real_name = '' or v_profile.id_number_hash = '' or v_profile.mobile_hash = '' then
    raise exception using errcode = 'PT422', message = 'profile_incomplete';
  end if;
  if not public.audience_admits(v_project.audiences, v_profile.category) then
    raise exception using errcode = 'PT422', message = 'not_in_audience';
  end if;
  if v_profile.birth_date is not null and (v_profile.birth_date + interval '16 years')::date > v_class.start_date then
    raise exception using errcode = 'PT422', message = 'too_young';
  end if;

  if exists (select 1 from public.enrollments e
             where e.class_id = p_class_id and e.user_id = v_uid and e.status in ('enrolled', 'waitlisted')) then
    raise exception using errcode = 'PT409', message = 'already_enrolled';
  end if;
  if exists (select 1 from public.enrollments e join public.classes o on o.id = e.class_id
             where e.user_id = v_uid and e.status in ('enrolled', 'waitlisted') and o.id <> p_class_id
               and o.status <> 'cancelled'
               and public.class_schedules_overlap(o.sessions, o.start_date, o.end_date,
                                                  v_class.sessions, v_class.start_date, v_class.end_date)) then
    raise exception using errcode = 'PT409', message = 'schedule_clash';
  end if;

  if p_station_code is not null then
    select s.id into v_station_id from public.stations s where s.code = p_station_code and s.active;
  end if;

  /* -- the seat decision, under the class row's lock */
  select * into v_class from public.classes c where c.id = p_class_id for update;
  if v_class.status <> 'published' or now() >= v_class.enroll_closes_at then
    raise exception using errcode = 'PT409', message = 'enrollment_closed';
  end if;
  -- seats added since the waitlist formed go to the waitlist first
  if v_class.enrolled < v_class.capacity
     and exists (select 1 from public.enrollments w where w.class_id = p_class_id and w.status = 'waitlisted') then
    perform public.fill_seats_from_waitlist(p_class_id, null);
    select * into v_class from public.classes c where c.id = p_class_id;
  end if;

  if v_class.enrolled < v_class.capacity then
    v_status := 'enrolled';
    update public.classes c set enrolled = c.enrolled + 1 where c.id = p_class_id;
  else
    select s.waitlist_limit into v_waitlist_limit from public.class_settings s where s.class_id = p_class_id;
    if v_waitlist_limit is not null and v_waitlist_limit <= (
         select count(*) from public.enrollments w where w.class_id = p_class_id and w.status = 'waitlisted') then
      raise exception using errcode = 'PT409', message = 'class_full';
    end if;
    v_status := 'waitlisted';
  end if;

  insert into public.enrollments (class_id, user_id, status, referral_station_id, enrolled_at)
  values (p_class_id, v_uid, v_status, v_station_id, case when v_status = 'enrolled' then now() end)
  returning * into v_e;

  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (v_uid, 'enrollment.created', 'enrollment', v_e.id::text,
          jsonb_strip_nulls(jsonb_build_object('class_id', p_class_id, 'to', v_status, 'station', p_station_code)));

  v_response := jsonb_build_object('enrollment', public.enrollment_json(v_e));
  perform public.idempotency_store(p_idempotency_key, v_operation, v_response);
  return v_response || jsonb_build_object('replayed', false);
end;
$$;
revoke all on function public.enroll_in_class(uuid, text, text) from public, anon;
grant execute on function public.enroll_in_class(uuid, text, text) to authenticated;

/*
 * The owner cancels: a waitlisted person any time, an enrolled one before the class starts. The
 * freed seat goes to the first waitlisted person at once, in this transaction, and they are
 * notified. Cancelling a cancelled enrollment answers it unchanged (a retried request).
 */
create or replace function public.cancel_enrollment(p_enrollment_id uuid, p_reason text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_e public.enrollments;
  v_class public.classes;
  v_was text;
  v_promoted integer := 0;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_e from public.enrollments e where e.id = p_enrollment_id;
  if not found or v_e.user_id <> v_uid then
    raise exception using errcode = 'PT404', message = 'enrollment_not_found';
  end if;
  if p_reason is not null and char_length(p_reason) > 200 then
    raise exception using errcode = 'PT400', message = 'invalid_reason';
  end if;

  select * into v_class from public.classes c where c.id = v_e.class_id for update;
  select * into v_e from public.enrollments e where e.id = p_enrollment_id for update;
  if v_e.status = 'cancelled' then
    return jsonb_build_object('enrollment', public.enrollment_json(v_e), 'changed', false);
  end if;
  if v_e.status = 'enrolled' and public.beijing_today() >= v_class.start_date then
    raise exception using errcode = 'PT409', message = 'class_started';
  end if;

  v_was := v_e.status;
  v_e := public.transition_enrollment(p_enrollment_id, 'cancel', v_uid, p_reason);
  if v_was = 'enrolled' then
    update public.classes c set enrolled = c.enrolled - 1 where c.id = v_e.class_id;
    v_promoted := public.fill_seats_from_waitlist(v_e.class_id, null);
  end if;
  return jsonb_build_object('enrollment', public.enrollment_json(v_e), 'changed', true, 'promoted', v_promoted);
end;
$$;
revoke all on function public.cancel_enrollment(uuid, text) from public, anon;
grant execute on function public.cancel_enrollment(uuid, text) to authenticated;

/* ---------------------------------------------------------------- reading enrollments */

/* The caller's enrollments, newest first; p_scope 'active' (enrolled, waitlisted) or 'all'. */
create or replace function public.my_enrollments(p_scope text default 'all')
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
    select jsonb_agg(public.enrollment_json(e) order by e.created_at desc, e.seq desc)
    from public.enrollments e
    where e.user_id = auth.uid()
      and (p_scope = 'all' or e.status in ('enrolled', 'waitlisted'))), '[]'::jsonb));
end;
$$;
revoke all on function public.my_enrollments(text) from public, anon;
grant execute on function public.my_enrollments(text) to authenticated;

/* One enrollment, for its owner or the staff of the class's institution; enrollment_not_found for anyone else. */
create or replace function public.enrollment_detail(p_enrollment_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_e public.enrollments;
  v_institution_id uuid;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_e from public.enrollments e where e.id = p_enrollment_id;
  if found then
    select c.institution_id into v_institution_id from public.classes c where c.id = v_e.class_id;
  end if;
  if not found or (v_e.user_id <> auth.uid() and not public.works_for_institution(v_institution_id)) then
    raise exception using errcode = 'PT404', message = 'enrollment_not_found';
  end if;
  return jsonb_build_object('enrollment', public.enrollment_json(v_e),
    'attendance', coalesce((select jsonb_agg(a.session_date order by a.session_date)
                            from public.attendance a where a.enrollment_id = v_e.id), '[]'::jsonb));
end;
$$;
revoke all on function public.enrollment_detail(uuid) from public, anon;
grant execute on function public.enrollment_detail(uuid) to authenticated;

/* ---------------------------------------------------------------- institution staff: settings, roster */

/*
 * The class an institution's staff member acts on: refused without a session (401), when it does
 * not exist (404), and unless the caller works for its institution (403). Every staff function
 * on a class starts here.
 */
create or replace function public.class_for_staff(p_class_id uuid)
returns public.classes
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_class public.classes;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_class from public.classes c where c.id = p_class_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'class_not_found';
  end if;
  if not public.works_for_institution(v_class.institution_id) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  return v_class;
end;
$$;
revoke all on function public.class_for_staff(uuid) from public, anon, authenticated;

/* Changes a class's settings: keys attendanceThreshold (0 < x ≤ 1) and waitlistLimit (null = none). */
create or replace function public.set_class_settings(p_class_id uuid, p_patch jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_class public.classes;
  v_settings public.class_settings;
begin
  v_class := public.class_for_staff(p_class_id);
  perform 1 from public.classes c where c.id = p_class_id for update;

  insert into public.class_settings (class_id) values (p_class_id) on conflict (class_id) do nothing;
  begin
    update public.class_settings s set
      attendance_threshold = case when p_patch ? 'attendanceThreshold'
                                  then (p_patch ->> 'attendanceThreshold')::numeric else s.attendance_threshold end,
      waitlist_limit = case when p_patch ? 'waitlistLimit' then (p_patch ->> 'waitlistLimit')::integer else s.waitlist_limit end,
      updated_at = now()
    where s.class_id = p_class_id
    returning * into v_settings;
  exception
    when check_violation or not_null_violation or invalid_text_representation or numeric_value_out_of_range then
      raise exception using errcode = 'PT400', message = 'invalid_settings';
  end;

  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (auth.uid(), 'class.settings_changed', 'class', p_class_id::text, p_patch);

  -- a larger (or removed) waitlist limit changes nothing now; seats are filled by enroll and cancel
  return jsonb_build_object('attendanceThreshold', v_settings.attendance_threshold, 'waitlistLimit', v_settings.waitlist_limit,
                            'completedAt', v_settings.completed_at);
end;
$$;
revoke all on function public.set_class_settings(uuid, jsonb) from public, anon;
grant execute on function public.set_class_settings(uuid, jsonb) to authenticated;

/*
 * The roster of a class for its institution's staff: every enrollment (cancelled ones only with
 * p_include_cancelled), names and numbers masked, with attendance per session day.
 */
create or replace function public.class_roster(p_class_id uuid, p_include_cancelled boolean default false)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_class public.classes;
  v_dates date[];
begin
  v_class := public.class_for_staff(p_class_id);
  v_dates := public.class_session_dates(v_class.sessions, v_class.start_date, v_class.end_date);

  return jsonb_build_object(
    'class', jsonb_build_object('id', v_class.id, 'code', v_class.code, 'name', v_class.name,
                                'startDate', v_class.start_date, 'endDate', v_class.end_date, 'status', v_class.status,
                                'capacity', v_class.capacity, 'enrolled', v_class.enrolled,
                                'project', (select jsonb_build_object('id', p.id, 'code', p.code, 'title', p.title)
                                            from public.projects p where p.id = v_class.project_id)),
    'settings', coalesce((select jsonb_build_object('attendanceThreshold', s.attendance_threshold, 'waitlistLimit', s.waitlist_limit,
                                                    'completedAt', s.completed_at)
                          from public.class_settings s where s.class_id = p_class_id),
                         jsonb_build_object('attendanceThreshold', 0.8, 'waitlistLimit', null, 'completedAt', null)),
    'sessionDates', to_jsonb(v_dates),
    'items', coalesce((
      select jsonb_agg(jsonb_build_object(
               'enrollmentId', e.id,
               'status', e.status,
               'position', case when e.status = 'waitlisted' then e.rn end,
               'name', public.mask_name(p.real_name),
               'idNumberMasked', p.id_number_masked,
               'mobileMasked', p.mobile_masked,
               'category', p.category,
               'referralStation', s.code,
               'createdAt', e.created_at,
               'enrolledAt', e.enrolled_at,
               'completedAt', e.completed_at,
               'dropReason', e.drop_reason,
               'cancelledAt', e.cancelled_at,
               'attendedDates', coalesce(a.dates, '[]'::jsonb),
               'attended', coalesce(a.n, 0),
               'attendanceRate', case when cardinality(v_dates) > 0
                                      then round(coalesce(a.n, 0)::numeric / cardinality(v_dates), 3) else 0 end)
             order by array_position(array['enrolled', 'completed', 'dropped', 'waitlisted', 'cancelled'], e.status), e.seq)
      from (select x.*, row_number() over (partition by x.status order by x.seq) as rn
            from public.enrollments x
            where x.class_id = p_class_id and (p_include_cancelled or x.status <> 'cancelled')) e
      left join public.profiles p on p.user_id = e.user_id
      left join public.stations s on s.id = e.referral_station_id
      left join lateral (select count(*)::integer as n, jsonb_agg(x.session_date order by x.session_date) as dates
                         from public.attendance x where x.enrollment_id = e.id) a on true), '[]'::jsonb));
end;
$$;
revoke all on function public.class_roster(uuid, boolean) from public, anon;
grant execute on function public.class_roster(uuid, boolean) to authenticated;

/* ---------------------------------------------------------------- check-in */

/*
 * Records that an enrolled person attended a session, once per (enrollment, session day): a repeated
 * scan answers already_checked_in with the first time. Only staff of the class's institution (or
 * admins); p_class_id, when given, is the class the staff member is checking in for.
 */
create or replace function public.check_in(p_enrollment_id uuid, p_session_date date, p_class_id uuid default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_e public.enrollments;
  v_class public.classes;
  v_at timestamptz;
  v_status text := 'checked_in';
  v_dates date[];
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_e from public.enrollments e where e.id = p_enrollment_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'enrollment_not_found';
  end if;
  select * into v_class from public.classes c where c.id = v_e.class_id;
  if not public.works_for_institution(v_class.institution_id) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if p_class_id is not null and p_class_id <> v_e.class_id then
    raise exception using errcode = 'PT403', message = 'wrong_class';
  end if;
  if v_e.status <> 'enrolled' then
    raise exception using errcode = 'PT409', message = 'not_enrolled';
  end if;
  v_dates := public.class_session_dates(v_class.sessions, v_class.start_date, v_class.end_date);
  if not (p_session_date = any (v_dates)) or p_session_date > public.beijing_today() then
    raise exception using errcode = 'PT422', message = 'invalid_session_date';
  end if;

  insert into public.attendance (enrollment_id, session_date, checked_in_by)
  values (p_enrollment_id, p_session_date, v_uid)
  on conflict (enrollment_id, session_date) do nothing
  returning checked_in_at into v_at;
  if v_at is null then
    v_status := 'already_checked_in';
    select a.checked_in_at into v_at from public.attendance a
    where a.enrollment_id = p_enrollment_id and a.session_date = p_session_date;
  else
    insert into public.audit_log (actor_id, action, entity, entity_id, detail)
    values (v_uid, 'attendance.checked_in', 'enrollment', p_enrollment_id::text,
            jsonb_build_object('class_id', v_e.class_id, 'session_date', p_session_date));
  end if;

  return jsonb_build_object(
    'status', v_status,
    'enrollmentId', v_e.id,
    'classId', v_class.id,
    'className', v_class.name,
    'sessionDate', p_session_date,
    'checkedInAt', v_at,
    'person', (select jsonb_build_object('name', public.mask_name(p.real_name), 'idNumberMasked', p.id_number_masked)
               from public.profiles p where p.user_id = v_e.user_id),
    'attended', public.attended_count(v_e.id),
    'sessions', cardinality(v_dates));
end;
$$;
revoke all on function public.check_in(uuid, date, uuid) from public, anon;
grant execute on function public.check_in(uuid, date, uuid) to authenticated;

/* ---------------------------------------------------------------- completion */

/*
 * After the last day of a class: every enrolled person who attended at least the class's threshold
 * share of its sessions completes (结业) and is notified; the rest stay enrolled and are listed so
 * staff can drop them with a reason; whoever is still waitlisted is taken off the list. Running it
 * again completes people whose attendance was fixed since.
 */
create or replace function public.complete_class(p_class_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_class public.classes;
  v_threshold numeric;
  v_sessions integer;
  v_row record;
  v_e public.enrollments;
  v_completed integer := 0;
  v_below jsonb := '[]'::jsonb;
begin
  v_class := public.class_for_staff(p_class_id);
  select * into v_class from public.classes c where c.id = p_class_id for update;
  if public.beijing_today() < v_class.end_date then
    raise exception using errcode = 'PT409', message = 'class_not_finished';
  end if;

  insert into public.class_settings (class_id) values (p_class_id) on conflict (class_id) do nothing;
  select s.attendance_threshold into v_threshold from public.class_settings s where s.class_id = p_class_id;
  v_sessions := cardinality(public.class_session_dates(v_class.sessions, v_class.start_date, v_class.end_date));

  for v_row in
    select e.id, e.user_id, public.attended_count(e.id) as attended, p.real_name
    from public.enrollments e left join public.profiles p on p.user_id = e.user_id
    where e.class_id = p_class_id and e.status = 'enrolled'
    order by e.seq
  loop
    if v_sessions > 0 and v_row.attended::numeric / v_sessions >= v_threshold then
      v_e := public.transition_enrollment(v_row.id, 'complete', v_uid, null,
                                          jsonb_build_object('attended', v_row.attended, 'sessions', v_sessions));
      v_completed := v_completed + 1;
      perform public.notify_user(v_row.user_id, 'enrollment.completed',
        jsonb_build_object('enrollmentId', v_row.id, 'classId', v_class.id, 'className', v_class.name,
                           'projectTitle', (select p.title from public.projects p where p.id = v_class.project_id)),
        'enrollment.completed:' || v_row.id::text);
    else
      v_below := v_below || jsonb_build_array(jsonb_build_object(
        'enrollmentId', v_row.id, 'name', public.mask_name(v_row.real_name), 'attended', v_row.attended,
        'attendanceRate', case when v_sessions > 0 then round(v_row.attended::numeric / v_sessions, 3) else 0 end));
    end if;
  end loop;

  for v_row in
    select e.id from public.enrollments e where e.class_id = p_class_id and e.status = 'waitlisted' order by e.seq
  loop
    perform public.transition_enrollment(v_row.id, 'close_waitlist', v_uid, '班次已结束');
  end loop;

  update public.class_settings s set completed_at = now(), completed_by = v_uid, updated_at = now()
  where s.class_id = p_class_id;
  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (v_uid, 'class.completed', 'class', p_class_id::text,
          jsonb_build_object('completed', v_completed, 'below_threshold', jsonb_array_length(v_below), 'threshold', v_threshold));

  return jsonb_build_object(
    'classId', p_class_id,
    'attendanceThreshold', v_threshold,
    'sessions', v_sessions,
    'completed', v_completed,
    'completedTotal', (select count(*) from public.enrollments e where e.class_id = p_class_id and e.status = 'completed'),
    'belowThreshold', v_below);
end;
$$;
revoke all on function public.complete_class(uuid) from public, anon;
grant execute on function public.complete_class(uuid) to authenticated;

/* Marks enrolled people of a started class as dropped (all or none), with the institution's reason. */
create or replace function public.mark_dropped(p_class_id uuid, p_enrollment_ids uuid[], p_reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_class public.classes;
  v_id uuid;
  v_e public.enrollments;
  v_reason text := btrim(coalesce(p_reason, ''));
begin
  v_class := public.class_for_staff(p_class_id);
  if char_length(v_reason) not between 2 and 200 then
    raise exception using errcode = 'PT400', message = 'invalid_reason';
  end if;
  select * into v_class from public.classes c where c.id = p_class_id for update;
  if public.beijing_today() < v_class.start_date then
    raise exception using errcode = 'PT409', message = 'class_not_started';
  end if;

  foreach v_id in array coalesce(p_enrollment_ids, '{}') loop
    if not exists (select 1 from public.enrollments e where e.id = v_id and e.class_id = p_class_id) then
      raise exception using errcode = 'PT404', message = 'enrollment_not_found';
    end if;
    v_e := public.transition_enrollment(v_id, 'drop', v_uid, v_reason);
    perform public.notify_user(v_e.user_id, 'enrollment.dropped',
      jsonb_build_object('enrollmentId', v_e.id, 'classId', v_class.id, 'className', v_class.name, 'reason', v_reason),
      'enrollment.dropped:' || v_e.id::text);
  end loop;
  return jsonb_build_object('classId', p_class_id, 'dropped', cardinality(coalesce(p_enrollment_ids, '{}')));
end;
$$;
revoke all on function public.mark_dropped(uuid, uuid[], text) from public, anon;
grant execute on function public.mark_dropped(uuid, uuid[], text) to authenticated;

/* ---------------------------------------------------------------- stations: referrals and statistics */

/* Counts one opening of a class or project through a station's code. Public: no personal data is kept. */
create or replace function public.record_station_visit(p_station_code text, p_class_id uuid default null,
                                                       p_project_id uuid default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_station_id uuid;
  v_project_id uuid := p_project_id;
begin
  select s.id into v_station_id from public.stations s where s.code = p_station_code and s.active;
  if v_station_id is null then
    raise exception using errcode = 'PT404', message = 'station_not_found';
  end if;
  if p_class_id is not null then
    select c.project_id into v_project_id from public.classes c
    where c.id = p_class_id and c.status in ('published', 'closed');
    if v_project_id is null then
      raise exception using errcode = 'PT404', message = 'class_not_found';
    end if;
  elsif p_project_id is not null and not public.project_is_public(p_project_id) then
    raise exception using errcode = 'PT404', message = 'project_not_found';
  end if;
  insert into public.station_visits (station_id, class_id, project_id) values (v_station_id, p_class_id, v_project_id);
end;
$$;
revoke all on function public.record_station_visit(text, uuid, uuid) from public;
grant execute on function public.record_station_visit(text, uuid, uuid) to anon, authenticated, service_role;

/*
 * A class or project a station promotes, with what a QR poster shows: title, dates, seats, place.
 * Only public classes (published or closed) and projects.
 */
create or replace function public.promotion_target(p_class_id uuid default null, p_project_id uuid default null)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when p_class_id is not null then (
      select jsonb_build_object(
        'kind', 'class', 'id', c.id, 'code', c.code, 'name', c.name, 'projectId', p.id, 'projectCode', p.code,
        'title', p.title, 'startDate', c.start_date, 'endDate', c.end_date, 'schedule', c.schedule,
        'capacity', c.capacity, 'seatsLeft', public.class_seats_left(c), 'address', c.address,
        'districtName', (select d.name from public.districts d where d.code = c.district),
        'enrollClosesAt', c.enroll_closes_at, 'fee', c.fee, 'institutionName', i.name)
      from public.classes c
      join public.projects p on p.id = c.project_id
      join public.institutions i on i.id = c.institution_id
      where c.id = p_class_id and c.status in ('published', 'closed') and public.project_is_public(p.id))
    when p_project_id is not null then (
      select jsonb_build_object(
        'kind', 'project', 'id', p.id, 'code', p.code, 'title', p.title, 'hours', p.hours, 'institutionName', i.name,
        'nextClass', (select jsonb_build_object('id', c.id, 'name', c.name, 'startDate', c.start_date, 'endDate', c.end_date,
                                                'seatsLeft', public.class_seats_left(c))
                      from public.classes c
                      where c.project_id = p.id and c.status = 'published' and c.start_date >= public.beijing_today()
                      order by c.start_date, c.id limit 1))
      from public.projects p join public.institutions i on i.id = p.institution_id
      where p.id = p_project_id and public.project_is_public(p.id))
  end;
$$;
grant execute on function public.promotion_target(uuid, uuid) to anon, authenticated, service_role;

/*
 * What a station achieved: referrals (visits through its codes), enrollments (sign-ups crediting it,
 * cancelled ones excluded) and completions, per class and per ISO week (Beijing time) for the last
 * p_weeks weeks. For the station's own staff and admins.
 */
create or replace function public.station_stats(p_station_code text, p_weeks integer default 12)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_station public.stations;
  v_from date;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if not (public.has_role('station_staff', p_station_code) or public.has_role('admin')) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  select * into v_station from public.stations s where s.code = p_station_code;
  if not found then
    raise exception using errcode = 'PT404', message = 'station_not_found';
  end if;
  if p_weeks is null or p_weeks not between 1 and 104 then
    raise exception using errcode = 'PT400', message = 'invalid_weeks';
  end if;
  v_from := date_trunc('week', public.beijing_today())::date - 7 * (p_weeks - 1);

  return (
    with visits as (
      select v.class_id, v.project_id, (v.visited_at at time zone 'Asia/Shanghai')::date as day
      from public.station_visits v where v.station_id = v_station.id
    ), signups as (
      select e.class_id, e.status, (e.created_at at time zone 'Asia/Shanghai')::date as day,
             (e.completed_at at time zone 'Asia/Shanghai')::date as completed_day
      from public.enrollments e where e.referral_station_id = v_station.id and e.status <> 'cancelled'
    ), per_class as (
      select k.class_id,
             (select count(*) from visits v where v.class_id = k.class_id) as referrals,
             (select count(*) from signups s where s.class_id = k.class_id) as enrollments,
             (select count(*) from signups s where s.class_id = k.class_id and s.status = 'completed') as completions
      from (select class_id from visits where class_id is not null union select class_id from signups) k
    ), weeks as (
      select w::date as week_start from generate_series(v_from, public.beijing_today(), interval '7 days') w
    )
    select jsonb_build_object(
      'station', jsonb_build_object('code', v_station.code, 'name', v_station.name, 'district', v_station.district,
                                    'districtName', (select d.name from public.districts d where d.code = v_station.district),
                                    'street', v_station.street),
      'totals', jsonb_build_object(
        'referrals', (select count(*) from visits),
        'enrollments', (select count(*) from signups),
        'completions', (select count(*) from signups where status = 'completed')),
      'byClass', coalesce((
        select jsonb_agg(jsonb_build_object('classId', c.id, 'classCode', c.code, 'className', c.name, 'startDate', c.start_date,
                                            'projectTitle', p.title, 'referrals', pc.referrals, 'enrollments', pc.enrollments,
                                            'completions', pc.completions)
                         order by c.start_date desc, c.code)
        from per_class pc join public.classes c on c.id = pc.class_id join public.projects p on p.id = c.project_id), '[]'::jsonb),
      'byProject', coalesce((
        select jsonb_agg(jsonb_build_object('projectId', p.id, 'projectCode', p.code, 'projectTitle', p.title,
                                            'referrals', x.n) order by p.code)
        from (select v.project_id, count(*) as n from visits v where v.class_id is null and v.project_id is not null
              group by v.project_id) x
        join public.projects p on p.id = x.project_id), '[]'::jsonb),
      'byWeek', (
        select jsonb_agg(jsonb_build_object(
                 'week', to_char(w.week_start, 'IYYY-"W"IW'),
                 'weekStart', w.week_start,
                 'referrals', (select count(*) from visits v where v.day >= w.week_start and v.day < w.week_start + 7),
                 'enrollments', (select count(*) from signups s where s.day >= w.week_start and s.day < w.week_start + 7),
                 'completions', (select count(*) from signups s
                                 where s.status = 'completed' and s.completed_day >= w.week_start and s.completed_day < w.week_start + 7))
               order by w.week_start)
        from weeks w)));
end;
$$;
revoke all on function public.station_stats(text, integer) from public, anon;
grant execute on function public.station_stats(text, integer) to authenticated;

/* ---------------------------------------------------------------- a class that will not be held */

/*
 * When a class is cancelled (catalog: status → cancelled), every active enrollment in it is
 * cancelled with the reason 班次已取消 and the person is notified (class.cancelled), in the same
 * transaction as the status change.
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
begin
  for v_row in
    select e.id, e.status from public.enrollments e
    where e.class_id = new.id and e.status in ('enrolled', 'waitlisted')
    order by e.seq
  loop
    v_e := public.transition_enrollment(v_row.id, 'cancel', auth.uid(), '班次已取消');
    if v_row.status = 'enrolled' then
      v_freed := v_freed + 1;
    end if;
    perform public.notify_user(v_e.user_id, 'class.cancelled',
      jsonb_build_object('enrollmentId', v_e.id, 'classId', new.id, 'classCode', new.code, 'className', new.name,
                         'startDate', new.start_date,
                         'projectTitle', (select p.title from public.projects p where p.id = new.project_id)),
      'class.cancelled:' || v_e.id::text);
  end loop;
  if v_freed > 0 then
    update public.classes c set enrolled = greatest(c.enrolled - v_freed, 0) where c.id = new.id;
  end if;
  return null;
end;
$$;
revoke all on function public.cancel_enrollments_of_cancelled_class() from public, anon, authenticated;

create trigger classes_cancel_enrollments after update of status on public.classes
  for each row when (new.status = 'cancelled' and old.status is distinct from 'cancelled')
  execute function public.cancel_enrollments_of_cancelled_class();
