/*
 * Platform plumbing every state-changing operation shares:
 * - idempotency keys, so a retried request (a phone on a weak network) gets the first answer
 *   instead of doing the work twice;
 * - the notification outbox, so side effects (WeChat subscribe messages) are recorded in the same
 *   transaction as the change and delivered later, never lost when WeChat is down.
 */

/* ---------------------------------------------------------------- idempotency */

create table public.idempotency_keys (
  user_id uuid not null references public.users (id) on delete cascade,
  key text not null check (char_length(key) between 8 and 128),
  operation text not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);
comment on table public.idempotency_keys is 'First answers of operations sent with an Idempotency-Key, replayed on retry.';
comment on column public.idempotency_keys.user_id is 'Who sent the request: keys are per person.';
comment on column public.idempotency_keys.key is 'The Idempotency-Key header the client chose (a UUID per user action).';
comment on column public.idempotency_keys.operation is 'Which operation the key was used for, e.g. enroll:<class id>; reuse for another is refused.';
comment on column public.idempotency_keys.response is 'The result returned the first time.';
comment on column public.idempotency_keys.created_at is 'When the key was first used; old keys may be purged after 24 hours.';

create index idempotency_keys_created on public.idempotency_keys (created_at);

revoke all on table public.idempotency_keys from anon, authenticated;
grant all on table public.idempotency_keys to service_role;
alter table public.idempotency_keys enable row level security;

/*
 * The stored answer for (caller, key), or null when the key is new. Takes a transaction-level lock
 * on the key first, so two concurrent requests with one key run one after the other. A key used
 * for a different operation is refused. Called at the start of an idempotent operation.
 */
create or replace function public.idempotency_replay(p_key text, p_operation text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_row public.idempotency_keys;
begin
  if p_key is null then
    return null;
  end if;
  if char_length(p_key) not between 8 and 128 then
    raise exception using errcode = 'PT400', message = 'idempotency_key_invalid';
  end if;
  perform pg_advisory_xact_lock(hashtextextended(v_uid::text || ':' || p_key, 0));
  select * into v_row from public.idempotency_keys k where k.user_id = v_uid and k.key = p_key;
  if not found then
    return null;
  end if;
  if v_row.operation <> p_operation then
    raise exception using errcode = 'PT422', message = 'idempotency_key_reused';
  end if;
  return v_row.response;
end;
$$;
revoke all on function public.idempotency_replay(text, text) from public, anon, authenticated;

/* Records the answer of an idempotent operation, in the same transaction as the operation. */
create or replace function public.idempotency_store(p_key text, p_operation text, p_response jsonb)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.idempotency_keys (user_id, key, operation, response)
  select auth.uid(), p_key, p_operation, p_response
  where p_key is not null
  on conflict (user_id, key) do nothing;
$$;
revoke all on function public.idempotency_store(text, text, jsonb) from public, anon, authenticated;

/* ---------------------------------------------------------------- notification outbox */

create table public.outbox (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.users (id) on delete cascade,
  event text not null,
  payload jsonb not null default '{}'::jsonb,
  dedupe_key text unique,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'skipped')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
comment on table public.outbox is 'Notifications waiting to be delivered (WeChat subscribe messages), written with the change they announce.';
comment on column public.outbox.id is 'Delivery order.';
comment on column public.outbox.user_id is 'Who is notified.';
comment on column public.outbox.event is 'What happened, e.g. waitlist.promoted, class.cancelled, subsidy.status_changed.';
comment on column public.outbox.payload is 'What the message shows (titles, dates, statuses); no ID numbers, phones or bank accounts.';
comment on column public.outbox.dedupe_key is 'Optional key that makes the same notification impossible to queue twice.';
comment on column public.outbox.status is 'pending until delivered; sent; failed after the last retry; skipped when the person did not subscribe.';
comment on column public.outbox.attempts is 'Delivery attempts so far.';
comment on column public.outbox.next_attempt_at is 'Earliest time of the next attempt (backoff).';
comment on column public.outbox.last_error is 'The last delivery error (WeChat errcode and message).';
comment on column public.outbox.created_at is 'When it was queued.';
comment on column public.outbox.sent_at is 'When it was delivered.';

create index outbox_due on public.outbox (next_attempt_at) where status = 'pending';
create index outbox_user on public.outbox (user_id, created_at desc);

revoke all on table public.outbox from anon, authenticated;
grant select on table public.outbox to authenticated;
grant all on table public.outbox to service_role;
alter table public.outbox enable row level security;

create policy "People can read their own notifications"
  on public.outbox for select to authenticated
  using (user_id = auth.uid());

/* Queues a notification; used inside the Postgres functions that make the change it announces. */
create or replace function public.notify_user(p_user_id uuid, p_event text, p_payload jsonb, p_dedupe_key text default null)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.outbox (user_id, event, payload, dedupe_key)
  values (p_user_id, p_event, coalesce(p_payload, '{}'::jsonb), p_dedupe_key)
  on conflict (dedupe_key) do nothing;
$$;
revoke all on function public.notify_user(uuid, text, jsonb, text) from public, anon, authenticated;
