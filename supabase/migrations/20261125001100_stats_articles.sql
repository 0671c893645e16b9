/*
 * Statistics and publicity (programme items 九 and 十): the cohort funnel the district reviewers and
 * the bureau read (报名 → 结业 → 评价 → 取证 → 补贴 → 就业), and articles (政策资讯: policies,
 * projects, stories) that staff write and everyone reads once published.
 *
 * The funnel is one security definer function (stats_funnel) that checks the caller's scope
 * inside; articles change only through save_article and transition_article, which check the
 * writer, move along article_transitions and write an audit row.
 */

/* ---------------------------------------------------------------- funnel: indexes the cohort walk uses */

-- The cohort is chosen by sign-up time; each later step is looked up from the enrollment.
create index if not exists enrollments_created on public.enrollments (created_at);
create index if not exists evaluation_registrations_enrollment on public.evaluation_registrations (enrollment_id)
  where enrollment_id is not null;
create index if not exists subsidy_applications_certificate on public.subsidy_applications (certificate_id, status);

/* ---------------------------------------------------------------- funnel: scope and checks */

/*
 * The districts whose people the caller may count: null = every district (admins, city-wide
 * reviewers), otherwise the districts of the caller's reviewer grants (empty = none).
 */
create or replace function public.stats_scope()
returns text[]
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when public.has_role('admin')
      or exists (select 1 from public.role_grants g where g.user_id = auth.uid() and g.role = 'reviewer' and g.scope is null)
    then null
    else coalesce((select array_agg(g.scope order by g.scope) from public.role_grants g
                   where g.user_id = auth.uid() and g.role = 'reviewer'), '{}')
  end;
$$;
revoke all on function public.stats_scope() from public, anon, authenticated;

/* ---------------------------------------------------------------- funnel */

/*
 * The cohort funnel over [p_from, p_to] (Beijing dates, both included), for what the caller may see.
 *
 * Who is counted (always distinct people, never rows):
 *   报名 enrolled   people with an enrollment (any status: enrolled, waitlisted, cancelled, completed,
 *                   dropped) created in [p_from, p_to], whose profile district is in the caller's
 *                   scope (and = p_district when given), whose profile category = p_category when
 *                   given, and whose class's project is in p_field when given. These enrollments are
 *                   the cohort enrollments; every later step looks only at them, so it counts a
 *                   subset of the 报名 people (a cohort funnel: no step exceeds 报名).
 *   结业 completed  cohort people with a cohort enrollment now `completed`.
 *   评价 evaluated  结业 people with an evaluation result of pass or fail (absent does not count) on a
 *                   registration made on the strength of that completed enrollment
 *                   (evaluation_registrations.enrollment_id).
 *   取证 certified  评价 people whose pass issued a certificate that is still valid (not revoked).
 *   补贴 subsidised 取证 people with a subsidy application for that certificate that was approved
 *                   (approved, publicised or paid; submitted and under review are not yet counted).
 *   就业 employed   结业 people with an employment outcome (employment_outcomes) hired on or after the
 *                   sign-up day of their completed cohort enrollment. It follows 结业, not 补贴: most
 *                   employed people never claim the subsidy, so its rate is given against 结业.
 * Each of 结业…补贴 is a subset of the step before; 就业 is a subset of 结业.
 *
 * Breakdowns count the same steps per bucket: by the person's district and category (one bucket per
 * person), and by the cohort enrollment's field, main occupation (position 0 of the project),
 * training institution, referring station ('none' = signed up directly) and sign-up month. A person
 * whose cohort enrollments fall in several buckets counts once in each, so buckets may add up to
 * more than the total. Each breakdown lists the p_top buckets with most 报名 people and one
 * 'other' bucket counting (distinctly) the people of all the rest; the month trend lists every
 * month of the range, empty ones included.
 *
 * Refusals: not_authenticated, not_allowed (no reviewer or admin role, or p_district outside the
 * caller's districts), stats_bad_range (p_from after p_to), stats_range_too_long (more than three
 * years), unknown_district, unknown_field, stats_unknown_category, stats_bad_top.
 */
create or replace function public.stats_funnel(
  p_from date, p_to date, p_district text default null, p_field text default null, p_category text default null,
  p_top integer default 10)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_scope text[];
  v_start timestamptz;
  v_end timestamptz;
  v_result jsonb;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if not (public.has_role('reviewer') or public.has_role('admin')) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if p_from is null or p_to is null or p_from > p_to then
    raise exception using errcode = 'PT400', message = 'stats_bad_range';
  end if;
  if p_to > (p_from + interval '3 years')::date then
    raise exception using errcode = 'PT400', message = 'stats_range_too_long';
  end if;
  if p_top is null or p_top not between 1 and 50 then
    raise exception using errcode = 'PT400', message = 'stats_bad_top';
  end if;
  if p_category is not null and p_category not in (
      'rural_migrant', 'unemployed_graduate', 'registered_unemployed', 'hard_to_employ', 'employee', 'other') then
    raise exception using errcode = 'PT400', message = 'stats_unknown_category';
  end if;
  perform public.catalog_check_filters(p_field, p_district, null, null, null, null, null, null);

  v_scope := public.stats_scope();
  if p_district is not null and v_scope is not null and not (p_district = any (v_scope)) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;

  -- Beijing days as instants, so the sign-up time index answers the range.
  v_start := p_from::timestamp at time zone 'Asia/Shanghai';
  v_end := (p_to + 1)::timestamp at time zone 'Asia/Shanghai';

  with cohort as (
    select e.id, e.user_id, e.status, (e.created_at at time zone 'Asia/Shanghai')::date as signed_on,
           p.district, p.category, pr.field_code, po.occupation_id, c.institution_id, e.referral_station_id
    from public.enrollments e
    join public.classes c on c.id = e.class_id
    join public.projects pr on pr.id = c.project_id
    join public.profiles p on p.user_id = e.user_id
    left join public.project_occupations po on po.project_id = pr.id and po.position = 0
    where e.created_at >= v_start and e.created_at < v_end
      and (v_scope is null or p.district = any (v_scope))
      and (p_district is null or p.district = p_district)
      and (p_category is null or p.category = p_category)
      and (p_field is null or pr.field_code = p_field)
  ), passed as (
    -- results on registrations made on a cohort enrollment: sat (pass/fail) and, for a pass, the certificate
    select r.enrollment_id, bool_or(res.outcome in ('pass', 'fail')) as sat,
           bool_or(ct.status = 'valid') as certified,
           bool_or(ct.status = 'valid' and exists (
             select 1 from public.subsidy_applications a
             where a.certificate_id = ct.id and a.status in ('approved', 'publicised', 'paid'))) as subsidised
    from public.evaluation_registrations r
    join public.evaluation_results res on res.registration_id = r.id
    left join public.certificates ct on ct.id = res.certificate_id
    where r.enrollment_id in (select k.id from cohort k where k.status = 'completed')
    group by r.enrollment_id
  ), steps as (
    select k.*,
           k.status = 'completed' as completed,
           coalesce(x.sat, false) as evaluated,
           coalesce(x.certified, false) as certified,
           coalesce(x.subsidised, false) as subsidised,
           k.status = 'completed' and exists (
             select 1 from public.employment_outcomes o where o.user_id = k.user_id and o.hired_on >= k.signed_on) as employed
    from cohort k left join passed x on x.enrollment_id = k.id
  ), bucketed as (
    select s.*, d.dim, d.key
    from steps s
    cross join lateral (values
      ('district', s.district),
      ('category', s.category),
      ('field', s.field_code),
      ('occupation', coalesce(s.occupation_id::text, 'none')),
      ('institution', s.institution_id::text),
      ('station', coalesce(s.referral_station_id::text, 'none')),
      ('month', to_char(s.signed_on, 'YYYY-MM'))) as d(dim, key)
  ), ranked as (
    select b.dim, b.key,
           row_number() over (partition by b.dim order by count(distinct b.user_id) desc, b.key) as rn
    from bucketed b group by b.dim, b.key
  ), buckets as (
    select b.dim,
           case when b.dim = 'month' or r.rn <= p_top then b.key else 'other' end as key,
           count(distinct b.user_id) as enrolled,
           count(distinct b.user_id) filter (where b.completed) as completed,
           count(distinct b.user_id) filter (where b.evaluated) as evaluated,
           count(distinct b.user_id) filter (where b.certified) as certified,
           count(distinct b.user_id) filter (where b.subsidised) as subsidised,
           count(distinct b.user_id) filter (where b.employed) as employed
    from bucketed b join ranked r on r.dim = b.dim and r.key = b.key
    group by 1, 2
  ), months as (
    select to_char(m, 'YYYY-MM') as key
    from generate_series(date_trunc('month', p_from::timestamp), date_trunc('month', p_to::timestamp), interval '1 month') as m
  ), named as (
    select b.*,
           case
             when b.key = 'other' then '其他'
             when b.dim = 'district' then (select d.name from public.districts d where d.code = b.key)
             when b.dim = 'field' then (select f.name from public.fields f where f.code = b.key)
             when b.dim = 'occupation' and b.key = 'none' then '未指定职业'
             when b.dim = 'occupation' then (select o.name from public.occupations o where o.id = b.key::bigint)
             when b.dim = 'institution' then (select i.name from public.institutions i where i.id = b.key::uuid)
             when b.dim = 'station' and b.key = 'none' then '自行报名'
             when b.dim = 'station' then (select st.name from public.stations st where st.id = b.key::uuid)
           end as name,
           case
             when b.dim = 'occupation' and b.key not in ('none', 'other') then (select o.code from public.occupations o where o.id = b.key::bigint)
             when b.dim = 'institution' and b.key <> 'other' then (select i.code from public.institutions i where i.id = b.key::uuid)
             when b.dim = 'station' and b.key not in ('none', 'other') then (select st.code from public.stations st where st.id = b.key::uuid)
           end as code
    from buckets b where b.dim <> 'month'
  )
  select jsonb_build_object(
    'range', jsonb_build_object('from', p_from, 'to', p_to),
    'filters', jsonb_build_object('district', p_district, 'field', p_field, 'category', p_category),
    'scope', to_jsonb(v_scope),
    'totals', (select jsonb_build_object(
                 'enrolled', count(distinct s.user_id),
                 'completed', count(distinct s.user_id) filter (where s.completed),
                 'evaluated', count(distinct s.user_id) filter (where s.evaluated),
                 'certified', count(distinct s.user_id) filter (where s.certified),
                 'subsidised', count(distinct s.user_id) filter (where s.subsidised),
                 'employed', count(distinct s.user_id) filter (where s.employed))
               from steps s),
    'breakdowns', (select jsonb_object_agg(dims.dim, coalesce((
                     select jsonb_agg(jsonb_strip_nulls(jsonb_build_object('key', n.key, 'name', n.name, 'code', n.code))
                                      || jsonb_build_object('enrolled', n.enrolled, 'completed', n.completed, 'evaluated', n.evaluated,
                                                            'certified', n.certified, 'subsidised', n.subsidised, 'employed', n.employed)
                                      order by (n.key = 'other'), n.enrolled desc, n.key)
                     from named n where n.dim = dims.dim), '[]'::jsonb))
                   from (values ('district'), ('category'), ('field'), ('occupation'), ('institution'), ('station')) as dims(dim)),
    'trend', (select jsonb_agg(jsonb_build_object(
                       'key', m.key,
                       'enrolled', coalesce(b.enrolled, 0), 'completed', coalesce(b.completed, 0), 'evaluated', coalesce(b.evaluated, 0),
                       'certified', coalesce(b.certified, 0), 'subsidised', coalesce(b.subsidised, 0), 'employed', coalesce(b.employed, 0))
                     order by m.key)
              from months m left join buckets b on b.dim = 'month' and b.key = m.key))
  into v_result;
  return v_result;
end;
$$;
revoke all on function public.stats_funnel(date, date, text, text, text, integer) from public, anon;
grant execute on function public.stats_funnel(date, date, text, text, text, integer) to authenticated;

/* ---------------------------------------------------------------- articles (政策资讯) */

create table public.articles (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,
  kind text not null check (kind in ('policy', 'project', 'story')),
  title text not null check (char_length(title) between 4 and 60),
  summary text not null check (char_length(summary) between 10 and 200),
  body text not null check (char_length(body) between 20 and 20000),
  district text references public.districts (code),
  status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
  published_at timestamptz,
  pinned boolean not null default false,
  author_id uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint articles_published_has_time check (status <> 'published' or published_at is not null)
);
comment on table public.articles is '政策资讯: policy explanations, project notices and stories staff publish for workers (programme item 十, publicity).';
comment on column public.articles.id is 'Row id (links to the detail page carry it).';
comment on column public.articles.seq is 'Order of creation (tie-break in lists).';
comment on column public.articles.kind is 'policy (政策解读), project (项目动态) or story (典型案例).';
comment on column public.articles.title is 'Headline, 4–60 characters.';
comment on column public.articles.summary is 'One or two sentences shown in lists.';
comment on column public.articles.body is 'Plain text; paragraphs separated by line breaks. Never rendered as HTML.';
comment on column public.articles.district is 'District the article is about (its district reviewers write it); null = city-wide.';
comment on column public.articles.status is 'draft (staff only) → published (everyone) → archived (off the lists); moves per article_transitions.';
comment on column public.articles.published_at is 'When it was (last) published (kept when archived; null for a draft archived unpublished); lists are newest first by it.';
comment on column public.articles.pinned is 'Shown before the others (置顶).';
comment on column public.articles.author_id is 'The staff member who created it.';
comment on column public.articles.created_at is 'When it was created.';
comment on column public.articles.updated_at is 'When its content or status last changed.';

create index articles_published on public.articles (pinned desc, published_at desc, id desc) where status = 'published';
create index articles_kind_published on public.articles (kind, pinned desc, published_at desc, id desc) where status = 'published';

revoke all on table public.articles from anon, authenticated;
grant select (id, kind, title, summary, body, district, status, published_at, pinned, created_at, updated_at)
  on table public.articles to anon;
grant select on table public.articles to authenticated;
grant all on table public.articles to service_role;
alter table public.articles enable row level security;

/*
 * Who may write an article of a district: admins and city-wide reviewers any article; a district
 * reviewer the articles of their own district only (not city-wide ones).
 */
create or replace function public.may_write_article(p_district text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select public.has_role('admin')
      or exists (select 1 from public.role_grants g
                 where g.user_id = auth.uid() and g.role = 'reviewer' and (g.scope is null or g.scope = p_district));
$$;
revoke all on function public.may_write_article(text) from public, anon;
grant execute on function public.may_write_article(text) to authenticated;

create policy "Anyone can read published articles"
  on public.articles for select to anon, authenticated
  using (status = 'published');
create policy "Reviewers and admins read the articles they may write"
  on public.articles for select to authenticated
  using (public.may_write_article(district));
-- Writes: only save_article and transition_article (below), which apply the same rule and audit.

create table public.article_transitions (
  action text not null check (action in ('publish', 'archive')),
  from_status text not null check (from_status in ('draft', 'published', 'archived')),
  to_status text not null check (to_status in ('draft', 'published', 'archived')),
  description text not null,
  primary key (action, from_status)
);
comment on table public.article_transitions is 'The article state machine: the only moves transition_article makes. A new article starts as a draft.';
comment on column public.article_transitions.action is 'What the staff member does: publish or archive.';
comment on column public.article_transitions.from_status is 'Status the article must be in.';
comment on column public.article_transitions.to_status is 'Status it moves to.';
comment on column public.article_transitions.description is 'When this happens, in words.';

revoke all on table public.article_transitions from anon, authenticated;
grant select on table public.article_transitions to anon, authenticated;
grant all on table public.article_transitions to service_role;
alter table public.article_transitions enable row level security;
create policy "Anyone can read the article state machine"
  on public.article_transitions for select to anon, authenticated
  using (true);

insert into public.article_transitions (action, from_status, to_status, description) values
  ('publish', 'draft', 'published', 'Staff publish a finished draft: everyone can read it from now on.'),
  ('publish', 'archived', 'published', 'Staff bring an archived article back.'),
  ('archive', 'published', 'archived', 'The article is out of date: off the public lists.'),
  ('archive', 'draft', 'archived', 'A draft that will not be published.');

/* An article as the API answers it; `body` only when p_full. */
create or replace function public.article_json(a public.articles, p_full boolean default false)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', a.id,
    'kind', a.kind,
    'title', a.title,
    'summary', a.summary,
    'district', a.district,
    'districtName', (select d.name from public.districts d where d.code = a.district),
    'status', a.status,
    'publishedAt', a.published_at,
    'pinned', a.pinned,
    'updatedAt', a.updated_at)
    || case when p_full then jsonb_build_object('body', a.body) else '{}'::jsonb end;
$$;
grant execute on function public.article_json(public.articles, boolean) to anon, authenticated, service_role;

/* True when the caller may read the article: published ones everyone, the others those who may write them. */
create or replace function public.may_read_article(a public.articles)
returns boolean
language sql
stable
set search_path = ''
as $$ select a.status = 'published' or public.may_write_article(a.district) $$;
revoke all on function public.may_read_article(public.articles) from public, anon, authenticated;

/*
 * A page of the articles the caller may read (the rule of the two select policies), pinned first,
 * then newest (published, else created) first. p_status null = published only; 'all' = every
 * status the caller may read. The cursor is the last row's (pinned, sort time, seq), answered as
 * `last` when another page may follow.
 */
create or replace function public.articles_page(
  p_kind text default null, p_status text default null, p_after_pinned boolean default null,
  p_after_at timestamptz default null, p_after_seq bigint default null, p_limit integer default 20)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_limit integer := least(greatest(coalesce(p_limit, 20), 1), 50);
  v_items jsonb;
  v_count integer;
  v_last jsonb;
  v_total bigint;
begin
  if p_kind is not null and p_kind not in ('policy', 'project', 'story') then
    raise exception using errcode = 'PT400', message = 'article_bad_kind';
  end if;
  if p_status is not null and p_status not in ('draft', 'published', 'archived', 'all') then
    raise exception using errcode = 'PT400', message = 'article_bad_status';
  end if;
  with matching as (
    select a as art, a.pinned, coalesce(a.published_at, a.created_at) as sort_at, a.seq
    from public.articles a
    where (p_kind is null or a.kind = p_kind)
      and case when p_status is null then a.status = 'published' when p_status = 'all' then true else a.status = p_status end
      and public.may_read_article(a)
  ), page as (
    select m.*, row_number() over (order by m.pinned desc, m.sort_at desc, m.seq desc) as n
    from matching m
    where p_after_seq is null or (m.pinned::int, m.sort_at, m.seq) < (p_after_pinned::int, p_after_at, p_after_seq)
    order by m.pinned desc, m.sort_at desc, m.seq desc
    limit v_limit
  )
  select (select coalesce(jsonb_agg(public.article_json(p.art) order by p.n), '[]'::jsonb) from page p),
         (select count(*) from page),
         (select jsonb_build_object('pinned', p.pinned, 'at', p.sort_at, 'seq', p.seq) from page p order by p.n desc limit 1),
         (select count(*) from matching)
    into v_items, v_count, v_last, v_total;
  return jsonb_build_object('items', v_items, 'total', v_total, 'last', case when v_count = v_limit then v_last end);
end;
$$;
revoke all on function public.articles_page(text, text, boolean, timestamptz, bigint, integer) from public;
grant execute on function public.articles_page(text, text, boolean, timestamptz, bigint, integer) to anon, authenticated;

/* One article with its body, if the caller may read it; null otherwise (the API answers 404). */
create or replace function public.article_detail(p_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select public.article_json(a, true) from public.articles a where a.id = p_id and public.may_read_article(a);
$$;
revoke all on function public.article_detail(uuid) from public;
grant execute on function public.article_detail(uuid) to anon, authenticated;

/*
 * Creates (p_id null) or edits an article as the caller. The caller must be allowed to write
 * articles of the district it had and of the district it gets; archived articles are not edited
 * (publish them again first). Writes an audit row. Refusals: not_authenticated, not_allowed,
 * article_not_found, article_not_editable, invalid_article.
 */
create or replace function public.save_article(
  p_id uuid, p_kind text, p_title text, p_summary text, p_body text, p_district text, p_pinned boolean)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_a public.articles;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  if not public.may_write_article(p_district) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  begin
    if p_id is null then
      insert into public.articles (kind, title, summary, body, district, pinned, author_id)
      values (p_kind, p_title, p_summary, p_body, p_district, coalesce(p_pinned, false), v_uid)
      returning * into v_a;
    else
      select * into v_a from public.articles a where a.id = p_id for update;
      if not found or not public.may_write_article(v_a.district) then
        raise exception using errcode = 'PT404', message = 'article_not_found';
      end if;
      if v_a.status = 'archived' then
        raise exception using errcode = 'PT409', message = 'article_not_editable';
      end if;
      update public.articles a
      set kind = p_kind, title = p_title, summary = p_summary, body = p_body, district = p_district,
          pinned = coalesce(p_pinned, a.pinned), updated_at = now()
      where a.id = p_id
      returning * into v_a;
    end if;
  exception
    when check_violation or not_null_violation or foreign_key_violation then
      raise exception using errcode = 'PT400', message = 'invalid_article';
  end;

  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (v_uid, case when p_id is null then 'article.created' else 'article.edited' end, 'article', v_a.id::text,
          jsonb_strip_nulls(jsonb_build_object('kind', v_a.kind, 'district', v_a.district, 'pinned', v_a.pinned)));
  return public.article_json(v_a, true);
end;
$$;
revoke all on function public.save_article(uuid, text, text, text, text, text, boolean) from public, anon;
grant execute on function public.save_article(uuid, text, text, text, text, text, boolean) to authenticated;

/*
 * Publishes or archives an article along article_transitions, as the caller (who must be allowed
 * to write it). Publishing stamps published_at. Repeating the move the article already made
 * answers it unchanged (a retried request). Writes an audit row. Refusals: not_authenticated,
 * article_not_found, invalid_article_transition.
 */
create or replace function public.transition_article(p_id uuid, p_action text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_a public.articles;
  v_to text;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_a from public.articles a where a.id = p_id for update;
  if not found or not public.may_write_article(v_a.district) then
    raise exception using errcode = 'PT404', message = 'article_not_found';
  end if;
  select t.to_status into v_to from public.article_transitions t where t.action = p_action and t.from_status = v_a.status;
  if v_to is null then
    if (p_action = 'publish' and v_a.status = 'published') or (p_action = 'archive' and v_a.status = 'archived') then
      return public.article_json(v_a, true);
    end if;
    raise exception using errcode = 'PT409', message = 'invalid_article_transition';
  end if;

  update public.articles a
  set status = v_to, published_at = case when v_to = 'published' then now() else a.published_at end, updated_at = now()
  where a.id = p_id
  returning * into v_a;

  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (v_uid, 'article.' || p_action, 'article', v_a.id::text, jsonb_build_object('to', v_to));
  return public.article_json(v_a, true);
end;
$$;
revoke all on function public.transition_article(uuid, text) from public, anon;
grant execute on function public.transition_article(uuid, text) to authenticated;
