/*
 * Notices added with the employment-service work: reminders the day before (a class's first day,
 * an evaluation sitting) and a notice when an imported certificate reaches a known holder.
 *
 * A daily scheduled function (functions/api/cron/send-reminders.ts) calls queue_day_before_reminders(),
 * which puts one outbox row per person into the outbox (20261125000300_platform.sql) for everything
 * that starts tomorrow, Beijing time. The dedupe key names the enrollment or registration, so a second
 * run on the same day (or a retry after a timeout) queues nothing twice. Delivery is the outbox's own
 * (20261125000800_notifications.sql): only people who accepted the subscription are messaged.
 */

/* ---------------------------------------------------------------- templates */

insert into public.notification_templates (event, page, description) values
  ('class.reminder', 'pages/enrollments/index', '开课提醒：报名的班级明天开始上课'),
  ('evaluation.reminder', 'pages/evaluations/index', '评价提醒：报名的技能评价明天开始'),
  ('certificate.issued', 'pages/certificate/index', '证书发放：新的证书已可查询')
on conflict (event) do nothing;

/* ---------------------------------------------------------------- queueing */

/*
 * Queues the reminders for p_day (default: tomorrow in Beijing): people holding a seat (enrolled) in a
 * class whose first day is p_day, and people registered for an evaluation sitting that starts on p_day.
 * Waitlisted, cancelled and dropped people and cancelled classes or sittings get nothing.
 * Answers how many reminders were newly queued of each kind.
 */
create or replace function public.queue_day_before_reminders(p_day date default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_day date := coalesce(p_day, public.beijing_today() + 1);
  v_classes integer;
  v_evaluations integer;
begin
  with due as (
    select e.id as enrollment_id, e.user_id, c.id as class_id, c.code, c.name, c.start_date, c.schedule, c.address,
           p.title as project_title
    from public.classes c
    join public.projects p on p.id = c.project_id
    join public.enrollments e on e.class_id = c.id and e.status = 'enrolled'
    where c.start_date = v_day and c.status in ('published', 'closed')
  ), queued as (
    insert into public.outbox (user_id, event, payload, dedupe_key)
    select d.user_id, 'class.reminder',
           jsonb_strip_nulls(jsonb_build_object(
             'enrollmentId', d.enrollment_id, 'classId', d.class_id, 'classCode', d.code, 'className', d.name,
             'projectTitle', d.project_title, 'startDate', d.start_date, 'schedule', nullif(d.schedule, ''),
             'address', d.address)),
           'class.reminder:' || d.enrollment_id::text
    from due d
    on conflict (dedupe_key) do nothing
    returning 1
  )
  select count(*) into v_classes from queued;

  with due as (
    select r.id as registration_id, r.user_id, s.id as session_id, s.code, s.starts_at, s.place, s.level,
           o.name as occupation_name
    from public.evaluation_sessions s
    join public.occupations o on o.id = s.occupation_id
    join public.evaluation_registrations r on r.session_id = s.id and r.status = 'registered'
    where (s.starts_at at time zone 'Asia/Shanghai')::date = v_day and s.status in ('published', 'closed')
  ), queued as (
    insert into public.outbox (user_id, event, payload, dedupe_key)
    select d.user_id, 'evaluation.reminder',
           jsonb_strip_nulls(jsonb_build_object(
             'registrationId', d.registration_id, 'sessionId', d.session_id, 'sessionCode', d.code,
             'occupationName', d.occupation_name, 'level', d.level, 'startsAt', d.starts_at, 'place', d.place)),
           'evaluation.reminder:' || d.registration_id::text
    from due d
    on conflict (dedupe_key) do nothing
    returning 1
  )
  select count(*) into v_evaluations from queued;

  return jsonb_build_object('day', v_day, 'classReminders', v_classes, 'evaluationReminders', v_evaluations);
end;
$$;
revoke all on function public.queue_day_before_reminders(date) from public, anon, authenticated;
grant execute on function public.queue_day_before_reminders(date) to service_role;

/* ---------------------------------------------------------------- imported certificates */

/*
 * A certificate imported from an institution's list whose holder has an account (matched by ID number)
 * is announced to them. Certificates issued here with a result are announced by evaluation.result.
 * One statement-level trigger, so a 10,000-row import queues its notices in one insert.
 */
create or replace function public.notify_imported_certificates()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.outbox (user_id, event, payload, dedupe_key)
  select c.holder_user_id, 'certificate.issued',
         jsonb_strip_nulls(jsonb_build_object(
           'certificateId', c.id, 'certificateNo', c.certificate_no, 'occupationName', o.name, 'level', c.level,
           'issuedOn', c.issued_on)),
         'certificate.issued:' || c.id::text
  from new_certificates c
  left join public.occupations o on o.id = c.occupation_id
  where c.source = 'import' and c.holder_user_id is not null
  on conflict (dedupe_key) do nothing;
  return null;
end;
$$;
revoke all on function public.notify_imported_certificates() from public, anon, authenticated;

create trigger certificates_imported_notify
  after insert on public.certificates
  referencing new table as new_certificates
  for each statement execute function public.notify_imported_certificates();
