/*
 * The 工作台 side of jobs and employment (issue 8): what station staff and district reviewers see of
 * the jobs they manage, the people institution and station staff may record a hire for, and a
 * person's own employment record. Reads only: every write goes through 20261125001000_jobs.sql.
 *
 * - managed_job_list: the caller's jobs (may_manage_job) by status, each with how many interested
 *   people consented to share their contact and how many did not, and the count per status.
 *   "expired" is an open job whose valid_until has passed (it no longer shows in public lists).
 * - employment_people: the people a staff member may record a hire for, the same rule as
 *   record_employment_outcome (enrolled_with_institution / referred_by_station), name and mobile
 *   masked, with the class or job that puts them in scope.
 * - my_employment_outcomes: the caller's own outcomes, newest hire first.
 * No new tables: nothing here needs a column comment, grant or policy of its own.
 */

/* ---------------------------------------------------------------- jobs the caller manages */

/*
 * The caller's jobs (its station, the district's reviewers, its creator, the declarer of its demand,
 * admins), newest first, at most 200: p_status 'open' (open, not past valid_until on p_today),
 * 'expired' (open but past it), 'closed', or null for all. Counts cover every status.
 */
create or replace function public.managed_job_list(p_status text, p_today date)
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
  if p_today is null or (p_status is not null and p_status not in ('open', 'expired', 'closed')) then
    raise exception using errcode = 'PT400', message = 'invalid_job_filter';
  end if;
  return (
    with mine as (
      select j as job, j.id, j.created_at,
             case when j.status = 'closed' then 'closed' when j.valid_until < p_today then 'expired' else 'open' end as shown_status
      from public.jobs j
      where public.may_manage_job(j)
    ),
    page as (
      select * from mine m
      where p_status is null or m.shown_status = p_status
      order by m.created_at desc, m.id desc
      limit 200
    )
    select jsonb_build_object(
      'items', coalesce((
        select jsonb_agg(public.job_manager_json(p.job) || jsonb_build_object(
                 'shownStatus', p.shown_status,
                 'consentedCount', (select count(*) from public.job_interests i where i.job_id = p.id and i.consent_to_share_contact),
                 'withoutConsentCount', (select count(*) from public.job_interests i where i.job_id = p.id and not i.consent_to_share_contact))
               order by p.created_at desc, p.id desc)
        from page p), '[]'::jsonb),
      'counts', jsonb_build_object(
        'open', (select count(*) from mine m where m.shown_status = 'open'),
        'expired', (select count(*) from mine m where m.shown_status = 'expired'),
        'closed', (select count(*) from mine m where m.shown_status = 'closed'))));
end;
$$;
revoke all on function public.managed_job_list(text, date) from public, anon;
grant execute on function public.managed_job_list(text, date) to authenticated;

/* ---------------------------------------------------------------- people staff may record a hire for */

/*
 * The people the caller's institution_staff and station_staff roles cover (the rule
 * record_employment_outcome applies): for an institution, people who got a seat in one of its classes;
 * for a station, people who signed up through its code or marked consented interest in one of its
 * jobs. One row per person and scope, most recent first, at most 100; p_q narrows by name (whole or
 * part) or the last four digits of the mobile. Names and mobiles are masked; `via` says what puts the
 * person in scope (the class, or the job).
 */
create or replace function public.employment_people(p_q text default null)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_q text := nullif(btrim(coalesce(p_q, '')), '');
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if not exists (select 1 from public.role_grants g where g.user_id = auth.uid()
                 and g.role in ('institution_staff', 'station_staff') and g.scope is not null) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  return jsonb_build_object('items', coalesce((
    select jsonb_agg(jsonb_build_object(
             'userId', y.user_id,
             'name', public.mask_name(y.real_name),
             'mobile', y.mobile_masked,
             'scope', jsonb_build_object('kind', y.kind, 'code', y.code),
             'via', y.via,
             'at', y.at) order by y.at desc, y.user_id)
    from (
      select x.*, p.real_name, p.mobile_masked
      from (
        select distinct on (x.kind, x.code, x.user_id) x.*
        from (
          select 'institution' as kind, i.code, e.user_id, pr.title || ' · ' || c.name as via, coalesce(e.enrolled_at, e.created_at) as at
          from public.role_grants g
          join public.institutions i on i.code = g.scope and i.kind = 'training'
          join public.classes c on c.institution_id = i.id
          join public.enrollments e on e.class_id = c.id and e.status in ('enrolled', 'completed', 'dropped')
          join public.projects pr on pr.id = c.project_id
          where g.user_id = auth.uid() and g.role = 'institution_staff'
          union all
          select 'station', s.code, e.user_id, '经本站报名 ' || pr.title || ' · ' || c.name, e.created_at
          from public.role_grants g
          join public.stations s on s.code = g.scope
          join public.enrollments e on e.referral_station_id = s.id
          join public.classes c on c.id = e.class_id
          join public.projects pr on pr.id = c.project_id
          where g.user_id = auth.uid() and g.role = 'station_staff'
          union all
          select 'station', j.station_code, i.user_id, '对本站岗位感兴趣 ' || j.title, i.created_at
          from public.role_grants g
          join public.jobs j on j.station_code = g.scope
          join public.job_interests i on i.job_id = j.id and i.consent_to_share_contact
          where g.user_id = auth.uid() and g.role = 'station_staff'
        ) x
        order by x.kind, x.code, x.user_id, x.at desc
      ) x
      join public.profiles p on p.user_id = x.user_id
      where v_q is null
         or strpos(p.real_name, v_q) > 0
         or (v_q ~ '^\d{4}$' and right(p.mobile_masked, 4) = v_q)
      order by x.at desc, x.user_id
      limit 100
    ) y), '[]'::jsonb));
end;
$$;
revoke all on function public.employment_people(text) from public, anon;
grant execute on function public.employment_people(text) to authenticated;

/* ---------------------------------------------------------------- the person's own record */

/* The caller's employment outcomes (reported or recorded for them), newest hire first. */
create or replace function public.my_employment_outcomes()
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
    select jsonb_agg(public.employment_outcome_json(r, false) order by r.hired_on desc, r.created_at desc)
    from public.employment_outcomes r
    where r.user_id = auth.uid()), '[]'::jsonb));
end;
$$;
revoke all on function public.my_employment_outcomes() from public, anon;
grant execute on function public.my_employment_outcomes() to authenticated;
