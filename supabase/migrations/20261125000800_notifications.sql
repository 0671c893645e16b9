/*
 * Notifications: delivering the outbox (20261125000300_platform.sql) as WeChat subscribe messages.
 *
 * - notification_templates: which WeChat template each outbox event is sent with. The template id
 *   comes from the WeChat console (订阅消息 → 我的模板) and is set per deployment with an update of
 *   this table; a null template id means the event is not sent (its rows are skipped).
 * - notification_subscriptions: a person's consent from wx.requestSubscribeMessage. One-time
 *   subscribe messages allow one send per acceptance, so consent is a remaining quota.
 * - claim_due_notifications / finish_notification: the scheduled deliverer's two steps. A claim locks
 *   due rows (skip locked), so two deliverers never take the same row, and holds a lease on them.
 */

/* ---------------------------------------------------------------- templates */

create table public.notification_templates (
  event text primary key,
  template_id text,
  page text not null default 'pages/me/index',
  description text not null,
  updated_at timestamptz not null default now()
);
comment on table public.notification_templates is 'The WeChat subscribe-message template each outbox event is delivered with.';
comment on column public.notification_templates.event is 'Outbox event, e.g. waitlist.promoted; also the key the mini-program subscribes with.';
comment on column public.notification_templates.template_id is 'WeChat template id (from the WeChat console); null while not configured, so the event is skipped.';
comment on column public.notification_templates.page is 'Mini-program page the message opens.';
comment on column public.notification_templates.description is 'What the message tells the person, for staff configuring templates.';
comment on column public.notification_templates.updated_at is 'When the template was last changed.';

revoke all on table public.notification_templates from anon, authenticated;
grant select on table public.notification_templates to anon, authenticated;
grant all on table public.notification_templates to service_role;
alter table public.notification_templates enable row level security;

create policy "Anyone can read which templates exist"
  on public.notification_templates for select to anon, authenticated
  using (true);

insert into public.notification_templates (event, page, description) values
  ('waitlist.promoted', 'pages/enrollments/index', '候补转正：已为您保留培训名额'),
  ('class.cancelled', 'pages/enrollments/index', '开班取消：报名的班级已取消'),
  ('enrollment.completed', 'pages/enrollments/index', '培训结业：已完成培训'),
  ('enrollment.dropped', 'pages/enrollments/index', '退学通知：已被移出班级'),
  ('evaluation.result', 'pages/certificates/index', '评价结果：技能评价成绩已发布'),
  ('certificate.revoked', 'pages/certificate/index', '证书撤销：证书已被撤销'),
  ('subsidy.status_changed', 'pages/subsidy/index', '补贴进度：补贴申请状态变化');

/* ---------------------------------------------------------------- subscriptions */

create table public.notification_subscriptions (
  user_id uuid not null references public.users (id) on delete cascade,
  template_key text not null references public.notification_templates (event) on delete cascade,
  granted_at timestamptz not null default now(),
  remaining integer not null default 0 check (remaining >= 0),
  updated_at timestamptz not null default now(),
  primary key (user_id, template_key)
);
comment on table public.notification_subscriptions is 'Consent to subscribe messages, from wx.requestSubscribeMessage: one send per acceptance.';
comment on column public.notification_subscriptions.user_id is 'Who accepted.';
comment on column public.notification_subscriptions.template_key is 'Which notification (notification_templates.event).';
comment on column public.notification_subscriptions.granted_at is 'When consent was last given.';
comment on column public.notification_subscriptions.remaining is 'Messages that may still be sent: +1 per acceptance, -1 per send, 0 when WeChat says the person refused.';
comment on column public.notification_subscriptions.updated_at is 'When the quota last changed.';

revoke all on table public.notification_subscriptions from anon, authenticated;
grant select on table public.notification_subscriptions to authenticated;
grant all on table public.notification_subscriptions to service_role;
alter table public.notification_subscriptions enable row level security;

create policy "People can read their own subscriptions"
  on public.notification_subscriptions for select to authenticated
  using (user_id = auth.uid());

/* A send in progress holds one unit of the person's quota; it is given back if the send does not happen. */
alter table public.outbox add column quota_held boolean not null default false;
comment on column public.outbox.quota_held is 'A unit of the person''s subscription quota is reserved for this delivery.';

/* The caller's subscriptions, with every template's key and WeChat template id (for wx.requestSubscribeMessage). */
create or replace function public.my_notification_subscriptions()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('items', coalesce(jsonb_agg(jsonb_build_object(
           'key', t.event, 'templateId', t.template_id, 'description', t.description,
           'remaining', coalesce(s.remaining, 0), 'grantedAt', s.granted_at) order by t.event), '[]'::jsonb))
  from public.notification_templates t
  left join public.notification_subscriptions s on s.template_key = t.event and s.user_id = auth.uid();
$$;
revoke all on function public.my_notification_subscriptions() from public, anon;
grant execute on function public.my_notification_subscriptions() to authenticated;

/*
 * Records what the caller answered in wx.requestSubscribeMessage: each accepted key allows one more
 * message. Keys asked but not accepted change nothing (earlier acceptances stay valid, as in WeChat).
 */
create or replace function public.record_notification_consent(p_templates text[], p_accepted text[])
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_unknown text;
begin
  if v_uid is null then
    raise exception 'not_authenticated' using errcode = '42501';
  end if;
  select k into v_unknown
  from unnest(coalesce(p_templates, '{}') || coalesce(p_accepted, '{}')) k
  where not exists (select 1 from public.notification_templates t where t.event = k)
  limit 1;
  if v_unknown is not null then
    raise exception 'unknown_template' using errcode = 'P0001', detail = v_unknown;
  end if;
  if exists (select 1 from unnest(coalesce(p_accepted, '{}')) k where k <> all (coalesce(p_templates, '{}'))) then
    raise exception 'accepted_not_asked' using errcode = 'P0001';
  end if;
  insert into public.notification_subscriptions (user_id, template_key, granted_at, remaining, updated_at)
  select v_uid, k, now(), 1, now() from (select distinct unnest(coalesce(p_accepted, '{}')) k) a
  on conflict (user_id, template_key) do update
    set remaining = public.notification_subscriptions.remaining + 1, granted_at = now(), updated_at = now();
  return public.my_notification_subscriptions();
end;
$$;
revoke all on function public.record_notification_consent(text[], text[]) from public, anon;
grant execute on function public.record_notification_consent(text[], text[]) to authenticated;

/* ---------------------------------------------------------------- delivery */

/*
 * Claims up to p_limit due pending rows for one deliverer: locks them (skip locked, so a concurrent
 * deliverer takes other rows), counts the attempt and moves next_attempt_at out by the lease, so a
 * deliverer that dies mid-send leaves its rows to be claimed again after the lease. For each row it
 * reserves one unit of the person's quota; `consented` is false when there is none (or no template),
 * and the deliverer then finishes the row as skipped.
 */
create or replace function public.claim_due_notifications(p_limit integer, p_lease interval default interval '2 minutes')
returns table (id bigint, user_id uuid, openid text, event text, payload jsonb, attempts integer,
               template_id text, page text, consented boolean, created_at timestamptz)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row public.outbox;
  v_template public.notification_templates;
  v_held boolean;
begin
  for v_row in
    with due as (
      select o.id from public.outbox o
      where o.status = 'pending' and o.next_attempt_at <= now()
      order by o.next_attempt_at, o.id
      limit greatest(0, least(coalesce(p_limit, 50), 500))
      for update skip locked
    )
    update public.outbox o
       set attempts = o.attempts + 1, next_attempt_at = now() + p_lease
      from due where o.id = due.id
    returning o.*
  loop
    select * into v_template from public.notification_templates t where t.event = v_row.event;
    v_held := v_row.quota_held;
    if not v_held and v_template.template_id is not null then
      update public.notification_subscriptions s
         set remaining = s.remaining - 1, updated_at = now()
       where s.user_id = v_row.user_id and s.template_key = v_row.event and s.remaining > 0;
      v_held := found;
      if v_held then
        update public.outbox o set quota_held = true where o.id = v_row.id;
      end if;
    end if;
    id := v_row.id;
    user_id := v_row.user_id;
    openid := (select u.openid from public.users u where u.id = v_row.user_id);
    event := v_row.event;
    payload := v_row.payload;
    attempts := v_row.attempts;
    template_id := v_template.template_id;
    page := v_template.page;
    consented := v_held and v_template.template_id is not null;
    created_at := v_row.created_at;
    return next;
  end loop;
end;
$$;
revoke all on function public.claim_due_notifications(integer, interval) from public, anon, authenticated;
grant execute on function public.claim_due_notifications(integer, interval) to service_role;

/*
 * Records how a claimed delivery went and answers the row's new status:
 * - sent: delivered (the reserved quota is used);
 * - retry: WeChat busy, rate limited or unreachable; tried again after 1 min, 5 min, 30 min, 2 h, and
 *   failed after the 5th attempt;
 * - failed: WeChat refused the message itself (bad template, parameters or openid), never retried;
 * - skipped: no consent or no template;
 * - refused: WeChat says the person refused (43101): skipped, and their quota cleared;
 * - released: not attempted (the deliverer ran out of time): due again at once, the attempt uncounted.
 * Any quota reserved for a delivery that did not happen is given back (except on refused).
 */
create or replace function public.finish_notification(p_id bigint, p_outcome text, p_error text default null)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row public.outbox;
  v_status text;
  v_delays constant interval[] := array[interval '1 minute', interval '5 minutes', interval '30 minutes', interval '2 hours'];
begin
  if p_outcome not in ('sent', 'retry', 'failed', 'skipped', 'refused', 'released') then
    raise exception 'unknown outcome %', p_outcome using errcode = '22023';
  end if;
  select * into v_row from public.outbox o where o.id = p_id for update;
  if not found or v_row.status <> 'pending' then
    return v_row.status;
  end if;
  v_status := case
    when p_outcome = 'sent' then 'sent'
    when p_outcome = 'released' then 'pending'
    when p_outcome = 'retry' and v_row.attempts <= cardinality(v_delays) then 'pending'
    when p_outcome in ('retry', 'failed') then 'failed'
    else 'skipped'
  end;
  if p_outcome = 'refused' then
    update public.notification_subscriptions s set remaining = 0, updated_at = now()
     where s.user_id = v_row.user_id and s.template_key = v_row.event;
  elsif p_outcome <> 'sent' and v_row.quota_held then
    update public.notification_subscriptions s set remaining = s.remaining + 1, updated_at = now()
     where s.user_id = v_row.user_id and s.template_key = v_row.event;
  end if;
  update public.outbox o
     set status = v_status,
         quota_held = (p_outcome = 'sent' and v_row.quota_held),
         attempts = case when p_outcome = 'released' then greatest(o.attempts - 1, 0) else o.attempts end,
         last_error = case when p_outcome in ('sent', 'released') then o.last_error else left(p_error, 500) end,
         sent_at = case when p_outcome = 'sent' then now() end,
         next_attempt_at = case when p_outcome = 'released' then now()
                                when v_status = 'pending' then now() + v_delays[v_row.attempts]
                                else o.next_attempt_at end
   where o.id = p_id;
  return v_status;
end;
$$;
revoke all on function public.finish_notification(bigint, text, text) from public, anon, authenticated;
grant execute on function public.finish_notification(bigint, text, text) to service_role;
