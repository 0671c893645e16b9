/*
 * Identity: the people who sign in (by WeChat openid), their profile, the staff roles they hold,
 * and the audit trail every privileged change writes.
 *
 * Personal data (ID numbers, phones) arrives already encrypted by the API: the database holds
 * ciphertext, a keyed hash for lookups and the masked form for display, never the plain value.
 */

/* ---------------------------------------------------------------- users */

create table public.users (
  id uuid primary key default gen_random_uuid(),
  openid text not null unique,
  display_name text not null check (char_length(display_name) between 1 and 64),
  created_at timestamptz not null default now(),
  last_login_at timestamptz not null default now()
);
comment on table public.users is 'One row per person who has signed in to the mini-program.';
comment on column public.users.id is 'Our user id; the `sub` of session tokens, so auth.uid() returns it.';
comment on column public.users.openid is 'WeChat openid for this mini-program, or `dev:<name>` for development accounts.';
comment on column public.users.display_name is 'Name shown in the app: the WeChat nickname placeholder or the dev-login name.';
comment on column public.users.created_at is 'First sign-in.';
comment on column public.users.last_login_at is 'Most recent sign-in.';

revoke all on table public.users from anon, authenticated;
grant select on table public.users to authenticated;
grant all on table public.users to service_role;

alter table public.users enable row level security;

create policy "Users can read their own account"
  on public.users for select to authenticated
  using (id = auth.uid());

/* ---------------------------------------------------------------- profiles */

create table public.profiles (
  user_id uuid primary key references public.users (id) on delete cascade,
  real_name text not null check (char_length(real_name) between 2 and 30),
  id_type text not null check (id_type in ('resident', 'passport', 'hk_macau', 'taiwan')),
  id_number_enc text not null,
  id_number_hash text not null,
  id_number_masked text not null,
  birth_date date,
  gender text check (gender in ('male', 'female')),
  mobile_enc text not null,
  mobile_hash text not null,
  mobile_masked text not null,
  category text not null check (category in (
    'rural_migrant', 'unemployed_graduate', 'registered_unemployed', 'hard_to_employ', 'employee', 'other')),
  district text not null check (district ~ '^1101(0[1-9]|1[1-9])$'),
  household_type text not null check (household_type in ('beijing_urban', 'beijing_rural', 'other_urban', 'other_rural')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint profiles_one_account_per_id unique (id_type, id_number_hash)
);
comment on table public.profiles is 'Real-name profile (实名信息) a person fills in before enrolling or applying.';
comment on column public.profiles.user_id is 'The account this profile belongs to.';
comment on column public.profiles.real_name is 'Legal name as on the ID document.';
comment on column public.profiles.id_type is 'ID document type: resident ID, passport, HK/Macau or Taiwan permit.';
comment on column public.profiles.id_number_enc is 'ID number, AES-256-GCM ciphertext made by the API (key outside the database).';
comment on column public.profiles.id_number_hash is 'Keyed HMAC of the normalised ID number, for lookups and the one-account rule.';
comment on column public.profiles.id_number_masked is 'ID number as every response shows it, e.g. 110105********002X.';
comment on column public.profiles.birth_date is 'Birth date read from an 18-digit ID number; null for other documents.';
comment on column public.profiles.gender is 'Gender read from an 18-digit ID number; null for other documents.';
comment on column public.profiles.mobile_enc is 'Mobile number, AES-256-GCM ciphertext made by the API.';
comment on column public.profiles.mobile_hash is 'Keyed HMAC of the mobile number, for lookups.';
comment on column public.profiles.mobile_masked is 'Mobile number as every response shows it, e.g. 138****1234.';
comment on column public.profiles.category is 'Person category: the four subsidy key groups, employee or other.';
comment on column public.profiles.district is 'Beijing district code (GB/T 2260) where the person lives or works.';
comment on column public.profiles.household_type is 'Household registration: Beijing or elsewhere, urban or rural.';
comment on column public.profiles.created_at is 'When the profile was first saved.';
comment on column public.profiles.updated_at is 'When the profile was last changed.';

revoke all on table public.profiles from anon, authenticated;
-- Owners may read their masked data; ciphertext and hashes are for the service role only.
grant select (user_id, real_name, id_type, id_number_masked, birth_date, gender, mobile_masked, category, district,
              household_type, created_at, updated_at)
  on table public.profiles to authenticated;
grant all on table public.profiles to service_role;

alter table public.profiles enable row level security;

create policy "People can read their own profile"
  on public.profiles for select to authenticated
  using (user_id = auth.uid());

/* ---------------------------------------------------------------- role grants */

create table public.role_grants (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.users (id) on delete cascade,
  role text not null check (role in ('station_staff', 'institution_staff', 'evaluator_staff', 'reviewer', 'admin')),
  scope text check (scope is null or char_length(scope) between 1 and 64),
  granted_by uuid references public.users (id) on delete set null,
  granted_at timestamptz not null default now(),
  constraint role_grants_scope_fits_role check (
    (role = 'admin' and scope is null)
    or (role = 'reviewer' and (scope is null or scope ~ '^1101(0[1-9]|1[1-9])$'))
    or (role in ('station_staff', 'institution_staff', 'evaluator_staff') and scope is not null)
  ),
  constraint role_grants_once unique (user_id, role, scope)
);
comment on table public.role_grants is 'Staff roles: every person is a worker; these rows add staff roles with their scope.';
comment on column public.role_grants.id is 'Row id.';
comment on column public.role_grants.user_id is 'Who holds the role.';
comment on column public.role_grants.role is 'The staff role.';
comment on column public.role_grants.scope is 'Station code, institution id, evaluator id or district code; null for admin and city-wide reviewers.';
comment on column public.role_grants.granted_by is 'The admin who granted it; null when granted by the CLI or seed.';
comment on column public.role_grants.granted_at is 'When it was granted.';

create unique index role_grants_once_without_scope on public.role_grants (user_id, role) where scope is null;

revoke all on table public.role_grants from anon, authenticated;
grant select on table public.role_grants to authenticated;
grant all on table public.role_grants to service_role;

alter table public.role_grants enable row level security;

create policy "People can read their own roles"
  on public.role_grants for select to authenticated
  using (user_id = auth.uid());

/* ---------------------------------------------------------------- audit log */

create table public.audit_log (
  id bigint generated always as identity primary key,
  actor_id uuid references public.users (id) on delete set null,
  action text not null,
  entity text not null,
  entity_id text not null,
  detail jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
comment on table public.audit_log is 'Append-only trail of privileged and state-changing actions; never holds personal data.';
comment on column public.audit_log.id is 'Row id, in order of writing.';
comment on column public.audit_log.actor_id is 'Who acted; null for the system or the CLI.';
comment on column public.audit_log.action is 'What happened, e.g. profile.saved, role.granted.';
comment on column public.audit_log.entity is 'The kind of thing acted on.';
comment on column public.audit_log.entity_id is 'The id of the thing acted on.';
comment on column public.audit_log.detail is 'Non-personal detail of the change.';
comment on column public.audit_log.created_at is 'When it happened.';

create index audit_log_entity on public.audit_log (entity, entity_id);

revoke all on table public.audit_log from anon, authenticated;
grant select, insert on table public.audit_log to service_role;
alter table public.audit_log enable row level security;

/* ---------------------------------------------------------------- helpers */

/* True when the caller holds the role (any scope when p_scope is null); used by policies and functions. */
create or replace function public.has_role(p_role text, p_scope text default null)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.role_grants g
    where g.user_id = auth.uid()
      and g.role = p_role
      and (p_scope is null or g.scope is null or g.scope = p_scope)
  );
$$;
revoke all on function public.has_role(text, text) from public, anon;
grant execute on function public.has_role(text, text) to authenticated, service_role;

/* The roles a user holds, in the shape session tokens carry ([{ role, scope? }]). */
create or replace function public.roles_of(p_user_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object('role', g.role, 'scope', g.scope)) order by g.id), '[]'::jsonb)
  from public.role_grants g
  where g.user_id = p_user_id;
$$;
revoke all on function public.roles_of(uuid) from public, anon, authenticated;
grant execute on function public.roles_of(uuid) to service_role;

/* Liveness probe for /api/health: proves PostgREST reaches the database. */
create or replace function public.health()
returns boolean
language sql
stable
as $$ select true $$;
grant execute on function public.health() to anon, authenticated, service_role;

/* ---------------------------------------------------------------- sign-in */

/*
 * Signs a person in: creates the account on first visit, refreshes last_login_at, and returns the
 * account with its roles. Called by the login endpoints with the service role only.
 */
create or replace function public.sign_in(p_openid text, p_display_name text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user public.users;
begin
  insert into public.users (openid, display_name)
  values (p_openid, p_display_name)
  on conflict (openid) do update set last_login_at = now()
  returning * into v_user;

  return jsonb_build_object(
    'id', v_user.id,
    'displayName', v_user.display_name,
    'roles', public.roles_of(v_user.id),
    'hasProfile', exists (select 1 from public.profiles p where p.user_id = v_user.id)
  );
end;
$$;
revoke all on function public.sign_in(text, text) from public, anon, authenticated;
grant execute on function public.sign_in(text, text) to service_role;

/* ---------------------------------------------------------------- profile */

/*
 * Saves the caller's own profile (insert or update) and writes an audit row. The API has already
 * validated every field and encrypted the personal data; one ID number belongs to one account.
 */
create or replace function public.save_profile(
  p_real_name text,
  p_id_type text,
  p_id_number_enc text,
  p_id_number_hash text,
  p_id_number_masked text,
  p_birth_date date,
  p_gender text,
  p_mobile_enc text,
  p_mobile_hash text,
  p_mobile_masked text,
  p_category text,
  p_district text,
  p_household_type text
)
returns public.profiles
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_profile public.profiles;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;

  if exists (
    select 1 from public.profiles p
    where p.id_type = p_id_type and p.id_number_hash = p_id_number_hash and p.user_id <> v_uid
  ) then
    raise exception using errcode = 'PT409', message = 'id_number_taken';
  end if;

  insert into public.profiles as p (
    user_id, real_name, id_type, id_number_enc, id_number_hash, id_number_masked, birth_date, gender,
    mobile_enc, mobile_hash, mobile_masked, category, district, household_type)
  values (
    v_uid, p_real_name, p_id_type, p_id_number_enc, p_id_number_hash, p_id_number_masked, p_birth_date, p_gender,
    p_mobile_enc, p_mobile_hash, p_mobile_masked, p_category, p_district, p_household_type)
  on conflict (user_id) do update set
    real_name = excluded.real_name,
    id_type = excluded.id_type,
    id_number_enc = excluded.id_number_enc,
    id_number_hash = excluded.id_number_hash,
    id_number_masked = excluded.id_number_masked,
    birth_date = excluded.birth_date,
    gender = excluded.gender,
    mobile_enc = excluded.mobile_enc,
    mobile_hash = excluded.mobile_hash,
    mobile_masked = excluded.mobile_masked,
    category = excluded.category,
    district = excluded.district,
    household_type = excluded.household_type,
    updated_at = now()
  returning * into v_profile;

  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (v_uid, 'profile.saved', 'profile', v_uid::text,
          jsonb_build_object('category', p_category, 'district', p_district, 'id_type', p_id_type));

  return v_profile;
exception
  when unique_violation then
    raise exception using errcode = 'PT409', message = 'id_number_taken';
end;
$$;
revoke all on function public.save_profile(text, text, text, text, text, date, text, text, text, text, text, text, text)
  from public, anon;
grant execute on function public.save_profile(text, text, text, text, text, date, text, text, text, text, text, text, text)
  to authenticated;

/* ---------------------------------------------------------------- role administration */

/*
 * Grants or revokes a staff role. Allowed for admins (through the API with their own token) and for
 * the service role (the CLI). Every change writes an audit row.
 */
create or replace function public.set_role_grant(p_user_id uuid, p_role text, p_scope text, p_revoke boolean default false)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_actor uuid := auth.uid();
begin
  if coalesce(auth.role(), '') <> 'service_role' and not public.has_role('admin') then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if not exists (select 1 from public.users u where u.id = p_user_id) then
    raise exception using errcode = 'PT404', message = 'user_not_found';
  end if;

  if p_revoke then
    delete from public.role_grants g
    where g.user_id = p_user_id and g.role = p_role and g.scope is not distinct from p_scope;
  else
    begin
      insert into public.role_grants (user_id, role, scope, granted_by)
      values (p_user_id, p_role, p_scope, v_actor)
      on conflict do nothing;
    exception
      when check_violation then
        raise exception using errcode = 'PT400', message = 'invalid_scope';
    end;
  end if;

  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (v_actor, case when p_revoke then 'role.revoked' else 'role.granted' end, 'user', p_user_id::text,
          jsonb_strip_nulls(jsonb_build_object('role', p_role, 'scope', p_scope)));

  return public.roles_of(p_user_id);
end;
$$;
revoke all on function public.set_role_grant(uuid, text, text, boolean) from public, anon;
grant execute on function public.set_role_grant(uuid, text, text, boolean) to authenticated, service_role;
