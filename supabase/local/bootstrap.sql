-- What a Supabase project already has, added only where it is missing, so the
-- migrations run unchanged on PGlite, a plain Postgres and Supabase itself.
-- Idempotent. Roles are cluster-wide: test runs creating their own databases
-- on one server may race here, so "already exists" errors are swallowed.

-- Roles ---------------------------------------------------------------------
do $$
declare
  spec record;
begin
  for spec in
    select * from (values
      ('anon',          'nologin noinherit'),
      ('authenticated', 'nologin noinherit'),
      ('service_role',  'nologin noinherit bypassrls'),
      ('authenticator', 'login noinherit')
    ) as r(name, options)
  loop
    if not exists (select 1 from pg_roles where rolname = spec.name) then
      begin
        execute format('create role %I %s', spec.name, spec.options);
      exception when duplicate_object or unique_violation then
        null; -- another database on this server created it a moment ago
      end;
    end if;
  end loop;
end
$$;

do $$
declare
  member_of text;
begin
  foreach member_of in array array['anon', 'authenticated', 'service_role'] loop
    if not pg_has_role('authenticator', member_of, 'member') then
      begin
        execute format('grant %I to authenticator', member_of);
      exception when duplicate_object or unique_violation then
        null;
      end;
    end if;
  end loop;
end
$$;

-- auth schema and the helpers RLS policies use --------------------------------
create schema if not exists auth;

do $$
begin
  -- Supabase's own definitions (supabase/auth); never replace an existing one.
  if not exists (
    select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'uid' and p.pronargs = 0
  ) then
    execute $fn$
      create function auth.uid()
      returns uuid
      language sql stable
      as $body$
        select
        coalesce(
          nullif(current_setting('request.jwt.claim.sub', true), ''),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
        )::uuid
      $body$
    $fn$;
  end if;

  if not exists (
    select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'role' and p.pronargs = 0
  ) then
    execute $fn$
      create function auth.role()
      returns text
      language sql stable
      as $body$
        select
        coalesce(
          nullif(current_setting('request.jwt.claim.role', true), ''),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
        )::text
      $body$
    $fn$;
  end if;

  if not exists (
    select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'jwt' and p.pronargs = 0
  ) then
    execute $fn$
      create function auth.jwt()
      returns jsonb
      language sql stable
      as $body$
        select
          coalesce(
            nullif(current_setting('request.jwt.claim', true), ''),
            nullif(current_setting('request.jwt.claims', true), '')
          )::jsonb
      $body$
    $fn$;
  end if;
end
$$;

grant usage on schema auth to anon, authenticated, service_role;
grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;

-- extensions schema (Supabase installs extensions there) ---------------------
create schema if not exists extensions;
grant usage on schema public, extensions to anon, authenticated, service_role;

-- Supabase's default privileges: new objects in public are reachable by the API
-- roles; RLS and the migrations' explicit revokes decide what is really allowed.
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
