/*
 * Evaluation and certificates: sign-up for evaluation sessions (评价报名), results, the certificates a
 * pass issues (职业技能等级证书, 专项职业能力证书), certificates imported from earlier records, public
 * lookup and verification, and the rate-limit counters public endpoints share.
 *
 * Every change goes through one security definer function (register_for_evaluation,
 * cancel_evaluation_registration, set_evaluation_session_settings, record_evaluation_results,
 * import_certificates, revoke_certificate): each locks what it needs, checks the caller and every
 * rule, writes an audit row and queues notifications in the same transaction. Nothing else writes
 * these tables.
 *
 * Certificate numbers (POLICY.md; shared/rules/certificateNumber.ts is the same rule in TypeScript):
 * - 职业技能等级证书: Y|S · 4-digit institution code · 11 (Beijing) · 6-digit site serial · 2-digit
 *   year · level (1–5) · 6-digit serial — 22 characters; Y for employers, S for everyone else.
 * - 专项职业能力证书 (our own series): ZX · 4-digit year · 4-digit institution code · 6-digit serial.
 * - 职业资格证书 (16 digits): earlier records only, by import; never issued here.
 * Serials come from certificate_serials, one row per series, year and level, locked `for update` by
 * the issuing transaction: a rolled-back issue gives its serial back, so numbers have no gaps and
 * never repeat whatever runs at the same time. Imported numbers of our own series move the counter
 * past them.
 *
 * Holder personal data is copied at issuance from the profile: name, ID type and the ID number as
 * the API sealed it (ciphertext, keyed hash, masked form). The database never sees a plain ID number.
 */

/* ---------------------------------------------------------------- evaluation session settings */

create table public.evaluation_session_settings (
  session_id uuid primary key references public.evaluation_sessions (id) on delete cascade,
  allows_self_study boolean not null default false,
  updated_by uuid references public.users (id) on delete set null,
  updated_at timestamptz not null default now()
);
comment on table public.evaluation_session_settings is 'Sign-up settings of an evaluation session; a session without a row uses the defaults.';
comment on column public.evaluation_session_settings.session_id is 'The evaluation session.';
comment on column public.evaluation_session_settings.allows_self_study is 'True when people who did not complete a class here (自学/社会考生) may sign up too; default false: only people who completed a class in the occupation.';
comment on column public.evaluation_session_settings.updated_by is 'Staff member who last changed the settings.';
comment on column public.evaluation_session_settings.updated_at is 'When the settings last changed.';

revoke all on table public.evaluation_session_settings from anon, authenticated;
grant select on table public.evaluation_session_settings to anon, authenticated;
grant all on table public.evaluation_session_settings to service_role;
alter table public.evaluation_session_settings enable row level security;

create policy "Anyone can read the settings of public evaluation sessions"
  on public.evaluation_session_settings for select to anon, authenticated
  using (exists (select 1 from public.evaluation_sessions s
                 where s.id = session_id and s.status in ('published', 'closed') and public.institution_is_public(s.institution_id)));
create policy "Evaluator staff read their sessions' settings"
  on public.evaluation_session_settings for select to authenticated
  using (exists (select 1 from public.evaluation_sessions s where s.id = session_id and public.works_for_institution(s.institution_id)));

/* ---------------------------------------------------------------- evaluation registrations (评价报名) */

create table public.evaluation_registrations (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,
  session_id uuid not null references public.evaluation_sessions (id),
  user_id uuid not null references public.users (id) on delete cascade,
  status text not null default 'registered' check (status in ('registered', 'cancelled', 'evaluated')),
  basis text not null check (basis in ('training', 'self_study')),
  enrollment_id uuid references public.enrollments (id) on delete set null,
  created_at timestamptz not null default now(),
  cancelled_at timestamptz,
  updated_at timestamptz not null default now(),
  constraint evaluation_registrations_cancelled_has_time check (status <> 'cancelled' or cancelled_at is not null)
);
comment on table public.evaluation_registrations is '评价报名: one person''s sign-up for one evaluation session, until cancelled or evaluated.';
comment on column public.evaluation_registrations.id is 'Row id (the candidate number staff record results against).';
comment on column public.evaluation_registrations.seq is 'Order of signing up, across all sessions.';
comment on column public.evaluation_registrations.session_id is 'The evaluation session.';
comment on column public.evaluation_registrations.user_id is 'Who signed up.';
comment on column public.evaluation_registrations.status is 'registered (holds a place), cancelled (place given back) or evaluated (a result is recorded).';
comment on column public.evaluation_registrations.basis is 'Why the person may sit it: training (completed a class in the occupation) or self_study (the session admits 社会考生).';
comment on column public.evaluation_registrations.enrollment_id is 'The completed enrollment that qualified the person, for basis training.';
comment on column public.evaluation_registrations.created_at is 'When the person signed up.';
comment on column public.evaluation_registrations.cancelled_at is 'When the person cancelled.';
comment on column public.evaluation_registrations.updated_at is 'When the status last changed.';

-- One active sign-up per person and session; a cancelled one may be followed by a new one.
create unique index evaluation_registrations_one_active on public.evaluation_registrations (session_id, user_id)
  where status in ('registered', 'evaluated');
create index evaluation_registrations_session on public.evaluation_registrations (session_id, status, seq);
create index evaluation_registrations_user on public.evaluation_registrations (user_id, created_at desc);

revoke all on table public.evaluation_registrations from anon, authenticated;
grant select on table public.evaluation_registrations to authenticated;
grant all on table public.evaluation_registrations to service_role;
alter table public.evaluation_registrations enable row level security;

create policy "People can read their own evaluation registrations"
  on public.evaluation_registrations for select to authenticated
  using (user_id = auth.uid());
create policy "Evaluator staff read the registrations of their sessions"
  on public.evaluation_registrations for select to authenticated
  using (exists (select 1 from public.evaluation_sessions s where s.id = session_id and public.works_for_institution(s.institution_id)));

/* ---------------------------------------------------------------- certificate numbering */

create table public.certificate_sites (
  institution_id uuid primary key references public.institutions (id) on delete cascade,
  site_serial text not null check (site_serial ~ '^\d{6}$'),
  updated_at timestamptz not null default now()
);
comment on table public.certificate_sites is 'The 6-digit site serial (考核站点序号) an evaluation institution''s level certificate numbers carry; without a row it is 000001.';
comment on column public.certificate_sites.institution_id is 'The evaluation institution.';
comment on column public.certificate_sites.site_serial is 'Six digits, as registered with the human resources department.';
comment on column public.certificate_sites.updated_at is 'When it last changed.';

revoke all on table public.certificate_sites from anon, authenticated;
grant select on table public.certificate_sites to authenticated;
grant insert, update, delete on table public.certificate_sites to authenticated;
grant all on table public.certificate_sites to service_role;
alter table public.certificate_sites enable row level security;

create policy "Evaluator staff read their own site serial"
  on public.certificate_sites for select to authenticated
  using (public.works_for_institution(institution_id));
create policy "Admins manage site serials"
  on public.certificate_sites for all to authenticated
  using (public.has_role('admin')) with check (public.has_role('admin'));

create table public.certificate_serials (
  series text not null check (series ~ '^([YS]\d{12}|ZX\d{4})$'),
  year smallint not null check (year between 2000 and 2099),
  level text not null check (level in ('5', '4', '3', '2', '1', 'special')),
  last_serial integer not null default 0 check (last_serial between 0 and 999999),
  primary key (series, year, level)
);
comment on table public.certificate_serials is 'Per-series counters of certificate serial numbers; the issuing transaction locks its row, so serials are gap-free and unique.';
comment on column public.certificate_serials.series is 'Level certificates: the first 13 characters (Y|S, institution code, 11, site serial); 专项: ZX and the institution code.';
comment on column public.certificate_serials.year is 'Year of issue (Beijing).';
comment on column public.certificate_serials.level is 'Level ''5''…''1'', or ''special'' for 专项职业能力证书.';
comment on column public.certificate_serials.last_serial is 'The last serial given out in this series (0 = none yet).';

revoke all on table public.certificate_serials from anon, authenticated;
grant all on table public.certificate_serials to service_role;
alter table public.certificate_serials enable row level security;

/* ---------------------------------------------------------------- certificates */

create table public.certificates (
  id uuid primary key default gen_random_uuid(),
  certificate_no text not null unique check (certificate_no ~ '^([YS]\d{14}[1-5]\d{6}|ZX\d{14}|\d{16})$'),
  type text not null check (type in ('skill_level', 'specialty', 'qualification')),
  holder_user_id uuid references public.users (id) on delete set null,
  holder_name text not null check (char_length(holder_name) between 1 and 30),
  holder_id_type text not null check (holder_id_type in ('resident', 'passport', 'hk_macau', 'taiwan')),
  holder_id_number_enc text not null,
  holder_id_number_hash text not null,
  holder_id_number_masked text not null,
  occupation_id bigint not null references public.occupations (id),
  direction text check (char_length(direction) between 1 and 40),
  level text check (level in ('5', '4', '3', '2', '1')),
  institution_id uuid not null references public.institutions (id),
  issued_on date not null,
  status text not null default 'valid' check (status in ('valid', 'revoked')),
  revoked_at timestamptz,
  revoked_by uuid references public.users (id) on delete set null,
  revoke_reason text check (char_length(revoke_reason) between 2 and 200),
  verify_token text not null unique check (verify_token ~ '^[A-Za-z0-9_-]{32,64}$'),
  source text not null check (source in ('evaluation', 'import')),
  import_id uuid,
  created_at timestamptz not null default now(),
  constraint certificates_level_fits_type check ((type = 'specialty') = (level is null)),
  constraint certificates_number_fits_type check (
    (type = 'skill_level' and certificate_no ~ '^[YS]')
    or (type = 'specialty' and certificate_no ~ '^ZX')
    or (type = 'qualification' and certificate_no ~ '^\d{16}$')),
  constraint certificates_revoked_has_reason check (status <> 'revoked' or (revoked_at is not null and revoke_reason is not null))
);
comment on table public.certificates is 'Certificates: issued here on a pass, or imported from earlier records. The public finds them only through lookup (number or ID number, with the name) or a verification token.';
comment on column public.certificates.id is 'Row id.';
comment on column public.certificates.certificate_no is '证书编号: level certificates ^[YS]\d{21}$, 专项 ZX + 14 digits, 职业资格证书 16 digits (see the header of this migration).';
comment on column public.certificates.type is 'skill_level (职业技能等级证书), specialty (专项职业能力证书) or qualification (职业资格证书, imported only).';
comment on column public.certificates.holder_user_id is 'The holder''s account, when known (issued here, or matched by ID number on import).';
comment on column public.certificates.holder_name is 'Holder''s name as printed on the certificate.';
comment on column public.certificates.holder_id_type is 'Holder''s ID document type.';
comment on column public.certificates.holder_id_number_enc is 'Holder''s ID number, AES-256-GCM ciphertext made by the API.';
comment on column public.certificates.holder_id_number_hash is 'Keyed HMAC of the normalised ID number, for lookup by ID number.';
comment on column public.certificates.holder_id_number_masked is 'ID number as responses show it, e.g. 110105********002X.';
comment on column public.certificates.occupation_id is 'Occupation or 专项职业能力 item certified.';
comment on column public.certificates.direction is '工种/职业方向 when the occupation has one; null prints as "--".';
comment on column public.certificates.level is 'Level ''5''…''1''; null for 专项职业能力证书.';
comment on column public.certificates.institution_id is 'The evaluation institution that issued it.';
comment on column public.certificates.issued_on is 'Issue date (Beijing).';
comment on column public.certificates.status is 'valid or revoked (撤销, with a reason).';
comment on column public.certificates.revoked_at is 'When it was revoked.';
comment on column public.certificates.revoked_by is 'Who revoked it.';
comment on column public.certificates.revoke_reason is 'Why it was revoked.';
comment on column public.certificates.verify_token is 'Random URL-safe token (≥ 182 random bits) of the public verification link the certificate''s QR code carries.';
comment on column public.certificates.source is 'evaluation (issued by record_evaluation_results) or import (from an institution''s earlier records).';
comment on column public.certificates.import_id is 'The import that brought it in, for source import.';
comment on column public.certificates.created_at is 'When the row was written.';

create index certificates_holder_id on public.certificates (holder_id_type, holder_id_number_hash);
create index certificates_holder_user on public.certificates (holder_user_id) where holder_user_id is not null;
create index certificates_institution on public.certificates (institution_id, issued_on desc);

revoke all on table public.certificates from anon, authenticated;
-- Holders and issuing staff may read the certificate; ciphertext and hashes are for the service role only.
grant select (id, certificate_no, type, holder_user_id, holder_name, holder_id_type, holder_id_number_masked, occupation_id,
              direction, level, institution_id, issued_on, status, revoked_at, revoke_reason, source, created_at)
  on table public.certificates to authenticated;
grant all on table public.certificates to service_role;
alter table public.certificates enable row level security;

create policy "Holders can read their own certificates"
  on public.certificates for select to authenticated
  using (holder_user_id = auth.uid());
create policy "Evaluator staff read the certificates their institution issued"
  on public.certificates for select to authenticated
  using (public.works_for_institution(institution_id));

/* ---------------------------------------------------------------- evaluation results */

create table public.evaluation_results (
  registration_id uuid primary key references public.evaluation_registrations (id) on delete cascade,
  session_id uuid not null references public.evaluation_sessions (id),
  outcome text not null check (outcome in ('pass', 'fail', 'absent')),
  score numeric(5, 1) check (score between 0 and 100),
  certificate_id uuid unique references public.certificates (id),
  recorded_by uuid references public.users (id) on delete set null,
  recorded_at timestamptz not null default now(),
  constraint evaluation_results_pass_has_certificate check ((outcome = 'pass') = (certificate_id is not null)),
  constraint evaluation_results_absent_has_no_score check (outcome <> 'absent' or score is null)
);
comment on table public.evaluation_results is '评价结果: the outcome recorded for one candidate; a pass carries the certificate issued with it.';
comment on column public.evaluation_results.registration_id is 'The candidate''s registration.';
comment on column public.evaluation_results.session_id is 'The session (copied for the per-session lists).';
comment on column public.evaluation_results.outcome is 'pass (合格), fail (不合格) or absent (缺考).';
comment on column public.evaluation_results.score is 'Overall score 0–100 when the evaluation gives one.';
comment on column public.evaluation_results.certificate_id is 'The certificate the pass issued, in the same transaction.';
comment on column public.evaluation_results.recorded_by is 'Evaluator staff member who entered it.';
comment on column public.evaluation_results.recorded_at is 'When it was entered.';

create index evaluation_results_session on public.evaluation_results (session_id);

revoke all on table public.evaluation_results from anon, authenticated;
grant select on table public.evaluation_results to authenticated;
grant all on table public.evaluation_results to service_role;
alter table public.evaluation_results enable row level security;

create policy "People can read their own results"
  on public.evaluation_results for select to authenticated
  using (exists (select 1 from public.evaluation_registrations r where r.id = registration_id and r.user_id = auth.uid()));
create policy "Evaluator staff read the results of their sessions"
  on public.evaluation_results for select to authenticated
  using (exists (select 1 from public.evaluation_sessions s where s.id = session_id and public.works_for_institution(s.institution_id)));

/* ---------------------------------------------------------------- certificate imports */

create table public.certificate_imports (
  id uuid primary key,
  institution_id uuid not null references public.institutions (id),
  created_by uuid not null references public.users (id) on delete cascade,
  partial boolean not null,
  parts_total integer not null check (parts_total between 1 and 100),
  parts_received integer not null default 0 check (parts_received between 0 and parts_total),
  status text not null default 'receiving' check (status in ('receiving', 'committed', 'rejected')),
  rows_total integer not null default 0,
  rows_rejected integer not null default 0,
  rows_imported integer not null default 0,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
comment on table public.certificate_imports is 'An upload of earlier certificate records (CSV, possibly in parts); written only when every part is in.';
comment on column public.certificate_imports.id is 'The batch id the client chose (a UUID), the same on every part.';
comment on column public.certificate_imports.institution_id is 'The evaluation institution the records belong to.';
comment on column public.certificate_imports.created_by is 'Staff member uploading it.';
comment on column public.certificate_imports.partial is 'True: write the valid rows even when some are rejected; false: all or nothing.';
comment on column public.certificate_imports.parts_total is 'How many parts the file was split into.';
comment on column public.certificate_imports.parts_received is 'Parts received so far (they arrive in order).';
comment on column public.certificate_imports.status is 'receiving, committed (rows written) or rejected (nothing written: some rows were invalid).';
comment on column public.certificate_imports.rows_total is 'Data rows received.';
comment on column public.certificate_imports.rows_rejected is 'Rows rejected so far.';
comment on column public.certificate_imports.rows_imported is 'Certificates written when it finished.';
comment on column public.certificate_imports.created_at is 'When the first part arrived.';
comment on column public.certificate_imports.finished_at is 'When the last part arrived and the import was committed or rejected.';

revoke all on table public.certificate_imports from anon, authenticated;
grant select on table public.certificate_imports to authenticated;
grant all on table public.certificate_imports to service_role;
alter table public.certificate_imports enable row level security;

create policy "Staff read the imports of their institution"
  on public.certificate_imports for select to authenticated
  using (public.works_for_institution(institution_id));

create table public.certificate_import_rows (
  import_id uuid not null references public.certificate_imports (id) on delete cascade,
  row_no integer not null check (row_no >= 2),
  part integer not null,
  certificate_no text not null default '',
  reason text,
  data jsonb,
  primary key (import_id, row_no)
);
comment on table public.certificate_import_rows is 'The rows of an import while it is received, with the reason for each rejected row.';
comment on column public.certificate_import_rows.import_id is 'The import.';
comment on column public.certificate_import_rows.row_no is 'Row number as a spreadsheet shows it (the header is row 1).';
comment on column public.certificate_import_rows.part is 'The part it came in.';
comment on column public.certificate_import_rows.certificate_no is 'The certificate number as given (normalised), for the report.';
comment on column public.certificate_import_rows.reason is 'Why the row is rejected (Chinese, for the report); null when it is fine.';
comment on column public.certificate_import_rows.data is 'The checked row (ID number sealed by the API); cleared when the import finishes.';

create index certificate_import_rows_number on public.certificate_import_rows (import_id, certificate_no);

revoke all on table public.certificate_import_rows from anon, authenticated;
grant all on table public.certificate_import_rows to service_role;
alter table public.certificate_import_rows enable row level security;

/* ---------------------------------------------------------------- rate limits */

create table public.rate_limits (
  bucket text not null check (char_length(bucket) between 1 and 200),
  window_seconds integer not null check (window_seconds between 1 and 31622400),
  hits integer not null default 0 check (hits >= 0),
  resets_at timestamptz not null,
  primary key (bucket, window_seconds)
);
comment on table public.rate_limits is 'Request counters of rate-limited endpoints, shared by every function instance (functions keep no state).';
comment on column public.rate_limits.bucket is 'What is counted, e.g. lookup:ip:<hash of the address> or lookup:user:<id>; never a plain address.';
comment on column public.rate_limits.window_seconds is 'Length of the window (60 = per minute, 86400 = per day).';
comment on column public.rate_limits.hits is 'Requests let through in the current window.';
comment on column public.rate_limits.resets_at is 'End of the current window; it starts with the first request after the previous one ended.';

create index rate_limits_expired on public.rate_limits (resets_at);

revoke all on table public.rate_limits from anon, authenticated;
grant all on table public.rate_limits to service_role;
alter table public.rate_limits enable row level security;

/*
 * Counts one request against every (bucket, window, limit) given, all or none: when any bucket is
 * at its limit nothing is counted and the answer says how long until the latest blocking window
 * ends. Buckets are locked in one order, so concurrent calls never deadlock. Service role only:
 * the API decides what to count.
 */
create or replace function public.rate_limit_take(p_buckets text[], p_windows integer[], p_limits integer[])
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_i integer;
  v_row public.rate_limits;
  v_denied boolean := false;
  v_retry double precision := 0;
  v_remaining integer;
begin
  if cardinality(p_buckets) is distinct from cardinality(p_windows) or cardinality(p_buckets) is distinct from cardinality(p_limits)
     or coalesce(cardinality(p_buckets), 0) = 0 then
    raise exception using errcode = 'PT400', message = 'invalid_rate_limit';
  end if;

  for v_i in
    select u.n from unnest(p_buckets) with ordinality as u (b, n) order by u.b, p_windows[u.n]
  loop
    insert into public.rate_limits (bucket, window_seconds, hits, resets_at)
    values (p_buckets[v_i], p_windows[v_i], 0, now() + make_interval(secs => p_windows[v_i]))
    on conflict (bucket, window_seconds) do nothing;
    select * into v_row from public.rate_limits r
    where r.bucket = p_buckets[v_i] and r.window_seconds = p_windows[v_i] for update;
    if v_row.resets_at <= now() then
      update public.rate_limits r set hits = 0, resets_at = now() + make_interval(secs => p_windows[v_i])
      where r.bucket = v_row.bucket and r.window_seconds = v_row.window_seconds
      returning * into v_row;
    end if;
    if v_row.hits >= p_limits[v_i] then
      v_denied := true;
      v_retry := greatest(v_retry, extract(epoch from v_row.resets_at - now()));
    else
      v_remaining := least(coalesce(v_remaining, p_limits[v_i]), p_limits[v_i] - v_row.hits - 1);
    end if;
  end loop;

  if not v_denied then
    update public.rate_limits r set hits = r.hits + 1
    from unnest(p_buckets, p_windows) as u (b, w)
    where r.bucket = u.b and r.window_seconds = u.w;
  end if;
  -- housekeeping: windows that ended a day ago are gone for good
  if random() < 0.02 then
    delete from public.rate_limits r where r.resets_at < now() - interval '1 day';
  end if;

  return jsonb_build_object('allowed', not v_denied,
                            'retryAfter', case when v_denied then greatest(1, ceil(v_retry))::integer else 0 end,
                            'remaining', case when v_denied then 0 else v_remaining end);
end;
$$;
revoke all on function public.rate_limit_take(text[], integer[], integer[]) from public, anon, authenticated;
grant execute on function public.rate_limit_take(text[], integer[], integer[]) to service_role;

/* ---------------------------------------------------------------- helpers */

/* Names compare without spaces and with one kind of middle dot, as shared normalizePersonName does. */
create or replace function public.normalize_person_name(p_name text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$ select translate(regexp_replace(coalesce(p_name, ''), '\s+', '', 'g'), '•・．.', '····') $$;
grant execute on function public.normalize_person_name(text) to anon, authenticated, service_role;

/* A new verification token: 24 bytes from two random UUIDs (≥ 182 random bits), base64url, 32 characters. */
create or replace function public.new_verify_token()
returns text
language sql
volatile
set search_path = ''
as $$
  select translate(encode(substr(decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'),
                                 1, 24), 'base64'), '+/', '-_');
$$;
revoke all on function public.new_verify_token() from public, anon, authenticated;

/* The caller is evaluator staff of this evaluation institution (admins are not: results are the evaluator's act). */
create or replace function public.is_evaluator_of(p_institution_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.institutions i
    where i.id = p_institution_id and i.kind = 'evaluation' and public.has_role('evaluator_staff', i.code));
$$;
revoke all on function public.is_evaluator_of(uuid) from public, anon;
grant execute on function public.is_evaluator_of(uuid) to authenticated, service_role;

/* Whether a session admits 自学/社会考生. */
create or replace function public.evaluation_allows_self_study(p_session_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select s.allows_self_study from public.evaluation_session_settings s where s.session_id = p_session_id), false);
$$;
grant execute on function public.evaluation_allows_self_study(uuid) to anon, authenticated, service_role;

/*
 * The next certificate number for an institution, type, level and issue date: locks the series'
 * counter row for the rest of the transaction, skips numbers that exist already (imported), and
 * moves the counter. Raises institution_has_no_certificate_code when the evaluator has no code.
 */
create or replace function public.allocate_certificate_no(p_institution_id uuid, p_type text, p_level text, p_issued_on date)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_inst public.institutions;
  v_series text;
  v_year smallint := extract(year from p_issued_on)::smallint;
  v_level text;
  v_serial integer;
  v_no text;
begin
  select * into v_inst from public.institutions i where i.id = p_institution_id;
  if not found or v_inst.certificate_code is null then
    raise exception using errcode = 'PT409', message = 'institution_has_no_certificate_code';
  end if;
  if p_type = 'skill_level' and p_level in ('5', '4', '3', '2', '1') then
    v_series := case when v_inst.carrier_type = 'employer' then 'Y' else 'S' end || v_inst.certificate_code || '11'
                || coalesce((select s.site_serial from public.certificate_sites s where s.institution_id = p_institution_id), '000001');
    v_level := p_level;
  elsif p_type = 'specialty' then
    v_series := 'ZX' || v_inst.certificate_code;
    v_level := 'special';
  else
    raise exception using errcode = 'PT400', message = 'invalid_certificate_type';
  end if;

  insert into public.certificate_serials (series, year, level) values (v_series, v_year, v_level)
  on conflict (series, year, level) do nothing;
  select s.last_serial into v_serial from public.certificate_serials s
  where s.series = v_series and s.year = v_year and s.level = v_level for update;
  loop
    v_serial := v_serial + 1;
    if v_serial > 999999 then
      raise exception using errcode = 'PT409', message = 'certificate_serials_exhausted';
    end if;
    v_no := case when v_level = 'special'
                 then 'ZX' || v_year::text || v_inst.certificate_code || lpad(v_serial::text, 6, '0')
                 else v_series || lpad((v_year % 100)::text, 2, '0') || v_level || lpad(v_serial::text, 6, '0') end;
    exit when not exists (select 1 from public.certificates c where c.certificate_no = v_no);
  end loop;
  update public.certificate_serials s set last_serial = v_serial
  where s.series = v_series and s.year = v_year and s.level = v_level;
  return v_no;
end;
$$;
revoke all on function public.allocate_certificate_no(uuid, text, text, date) from public, anon, authenticated;

/*
 * A certificate as JSON for one kind of viewer:
 * - public: what lookup and verification show — holder name and ID number masked, no ids;
 * - staff: the same plus its id, source and the revocation reason (issuing institution, admins);
 * - holder: the holder's own view — full name, verification token; the API adds the ID number.
 */
create or replace function public.certificate_json(c public.certificates, p_view text default 'public')
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'certificateNo', c.certificate_no,
    'type', c.type,
    'status', c.status,
    'holder', jsonb_build_object(
      'name', case when p_view = 'holder' then c.holder_name else public.mask_name(c.holder_name) end,
      'idType', c.holder_id_type,
      'idNumberMasked', c.holder_id_number_masked),
    'occupation', (select jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty)
                   from public.occupations o where o.id = c.occupation_id),
    'direction', c.direction,
    'level', c.level,
    'institution', (select jsonb_build_object('code', i.code, 'name', i.name) from public.institutions i where i.id = c.institution_id),
    'issuedOn', c.issued_on,
    'revokedAt', c.revoked_at)
  || case when p_view in ('staff', 'holder') then
       jsonb_build_object('id', c.id, 'source', c.source, 'revokeReason', c.revoke_reason, 'createdAt', c.created_at)
     else '{}'::jsonb end
  || case when p_view = 'holder' then jsonb_build_object('verifyToken', c.verify_token) else '{}'::jsonb end;
$$;
revoke all on function public.certificate_json(public.certificates, text) from public, anon, authenticated;

/* An evaluation session as registrations show it. */
create or replace function public.evaluation_session_brief(p_session_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', s.id, 'code', s.code, 'level', s.level, 'startsAt', s.starts_at, 'endsAt', s.ends_at,
    'district', s.district, 'districtName', (select d.name from public.districts d where d.code = s.district),
    'place', s.place, 'fee', s.fee, 'status', s.status,
    'signupOpensAt', s.signup_opens_at, 'signupClosesAt', s.signup_closes_at,
    'capacity', s.capacity, 'registered', s.registered,
    'allowsSelfStudy', public.evaluation_allows_self_study(s.id),
    'occupation', (select jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty)
                   from public.occupations o where o.id = s.occupation_id),
    'institution', (select jsonb_build_object('code', i.code, 'name', i.name) from public.institutions i where i.id = s.institution_id))
  from public.evaluation_sessions s
  where s.id = p_session_id;
$$;
revoke all on function public.evaluation_session_brief(uuid) from public, anon, authenticated;

/* A registration as its owner sees it: the session, the result and the certificate it brought. */
create or replace function public.evaluation_registration_json(r public.evaluation_registrations)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', r.id,
    'status', r.status,
    'basis', r.basis,
    'createdAt', r.created_at,
    'cancelledAt', r.cancelled_at,
    'canCancel', r.status = 'registered' and now() < s.starts_at,
    'session', public.evaluation_session_brief(r.session_id),
    'result', (select jsonb_build_object('outcome', x.outcome, 'score', x.score, 'recordedAt', x.recorded_at)
               from public.evaluation_results x where x.registration_id = r.id),
    'certificate', (select jsonb_build_object('id', c.id, 'certificateNo', c.certificate_no, 'status', c.status, 'issuedOn', c.issued_on)
                    from public.evaluation_results x join public.certificates c on c.id = x.certificate_id
                    where x.registration_id = r.id))
  from public.evaluation_sessions s
  where s.id = r.session_id;
$$;
revoke all on function public.evaluation_registration_json(public.evaluation_registrations) from public, anon, authenticated;

/* ---------------------------------------------------------------- evaluation sign-up */

/*
 * Signs the caller up for an evaluation session, atomically: the session is public and its sign-up
 * window open, the person has a profile and either completed a class whose project covers the
 * occupation or the session admits self-study candidates, holds no valid certificate of that
 * occupation and level and no other pending sign-up for it, and a place is left. Refusals:
 * evaluation_session_not_found, evaluation_signup_not_open, evaluation_signup_closed,
 * profile_incomplete, not_eligible_for_evaluation, already_certified, already_registered,
 * evaluation_session_full. With an idempotency key the first answer is replayed on retry.
 *
 * Locks: the idempotency key, then the person, then the session row (only for the place decision
 * and the writes), as enroll_in_class does.
 */
create or replace function public.register_for_evaluation(p_session_id uuid, p_idempotency_key text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_operation text := 'evaluation:' || p_session_id::text;
  v_replay jsonb;
  v_session public.evaluation_sessions;
  v_profile public.profiles;
  v_enrollment_id uuid;
  v_basis text;
  v_r public.evaluation_registrations;
  v_response jsonb;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  v_replay := public.idempotency_replay(p_idempotency_key, v_operation);
  if v_replay is not null then
    return v_replay || jsonb_build_object('replayed', true);
  end if;
  perform pg_advisory_xact_lock(hashtext('register_for_evaluation'), hashtext(v_uid::text));

  select * into v_session from public.evaluation_sessions s where s.id = p_session_id;
  if not found or v_session.status = 'draft' or not public.institution_is_public(v_session.institution_id) then
    raise exception using errcode = 'PT404', message = 'evaluation_session_not_found';
  end if;
  if v_session.status <> 'published' then
    raise exception using errcode = 'PT409', message = 'evaluation_signup_closed';
  end if;
  if now() < v_session.signup_opens_at then
    raise exception using errcode = 'PT409', message = 'evaluation_signup_not_open';
  end if;
  if now() >= v_session.signup_closes_at then
    raise exception using errcode = 'PT409', message = 'evaluation_signup_closed';
  end if;

  select * into v_profile from public.profiles p where p.user_id = v_uid;
  if not found or v_profile.real_name = '' or v_profile.id_number_hash = '' then
    raise exception using errcode = 'PT422', message = 'profile_incomplete';
  end if;

  select e.id into v_enrollment_id
  from public.enrollments e
  join public.classes c on c.id = e.class_id
  join public.project_occupations po on po.project_id = c.project_id
  where e.user_id = v_uid and e.status = 'completed' and po.occupation_id = v_session.occupation_id
  order by e.completed_at desc
  limit 1;
  if v_enrollment_id is not null then
    v_basis := 'training';
  elsif public.evaluation_allows_self_study(p_session_id) then
    v_basis := 'self_study';
  else
    raise exception using errcode = 'PT422', message = 'not_eligible_for_evaluation';
  end if;

  if exists (select 1 from public.certificates c
             where c.status = 'valid' and c.occupation_id = v_session.occupation_id
               and c.level is not distinct from nullif(v_session.level, 'special')
               and (c.holder_user_id = v_uid
                    or (c.holder_id_type = v_profile.id_type and c.holder_id_number_hash = v_profile.id_number_hash))) then
    raise exception using errcode = 'PT409', message = 'already_certified';
  end if;
  if exists (select 1 from public.evaluation_registrations r
             where r.user_id = v_uid and r.session_id = p_session_id and r.status in ('registered', 'evaluated'))
     or exists (select 1 from public.evaluation_registrations r join public.evaluation_sessions s on s.id = r.session_id
                where r.user_id = v_uid and r.status = 'registered' and s.status <> 'cancelled'
                  and s.occupation_id = v_session.occupation_id and s.level = v_session.level) then
    raise exception using errcode = 'PT409', message = 'already_registered';
  end if;

  /* -- the place decision, under the session row's lock */
  select * into v_session from public.evaluation_sessions s where s.id = p_session_id for update;
  if v_session.status <> 'published' or now() >= v_session.signup_closes_at then
    raise exception using errcode = 'PT409', message = 'evaluation_signup_closed';
  end if;
  if v_session.registered >= v_session.capacity then
    raise exception using errcode = 'PT409', message = 'evaluation_session_full';
  end if;
  update public.evaluation_sessions s set registered = s.registered + 1 where s.id = p_session_id;

  insert into public.evaluation_registrations (session_id, user_id, status, basis, enrollment_id)
  values (p_session_id, v_uid, 'registered', v_basis, v_enrollment_id)
  returning * into v_r;

  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (v_uid, 'evaluation.registered', 'evaluation_registration', v_r.id::text,
          jsonb_build_object('session_id', p_session_id, 'basis', v_basis));

  v_response := jsonb_build_object('registration', public.evaluation_registration_json(v_r));
  perform public.idempotency_store(p_idempotency_key, v_operation, v_response);
  return v_response || jsonb_build_object('replayed', false);
end;
$$;
revoke all on function public.register_for_evaluation(uuid, text) from public, anon;
grant execute on function public.register_for_evaluation(uuid, text) to authenticated;

/*
 * The owner cancels a registration before the session starts; the place goes back. Cancelling a
 * cancelled registration answers it unchanged (a retried request).
 */
create or replace function public.cancel_evaluation_registration(p_registration_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_r public.evaluation_registrations;
  v_session public.evaluation_sessions;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_r from public.evaluation_registrations r where r.id = p_registration_id;
  if not found or v_r.user_id <> v_uid then
    raise exception using errcode = 'PT404', message = 'evaluation_registration_not_found';
  end if;

  select * into v_session from public.evaluation_sessions s where s.id = v_r.session_id for update;
  select * into v_r from public.evaluation_registrations r where r.id = p_registration_id for update;
  if v_r.status = 'cancelled' then
    return jsonb_build_object('registration', public.evaluation_registration_json(v_r), 'changed', false);
  end if;
  if v_r.status = 'evaluated' or now() >= v_session.starts_at then
    raise exception using errcode = 'PT409', message = 'evaluation_started';
  end if;

  update public.evaluation_registrations r set status = 'cancelled', cancelled_at = now(), updated_at = now()
  where r.id = p_registration_id
  returning * into v_r;
  update public.evaluation_sessions s set registered = greatest(s.registered - 1, 0) where s.id = v_r.session_id;
  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (v_uid, 'evaluation.cancelled', 'evaluation_registration', v_r.id::text, jsonb_build_object('session_id', v_r.session_id));
  return jsonb_build_object('registration', public.evaluation_registration_json(v_r), 'changed', true);
end;
$$;
revoke all on function public.cancel_evaluation_registration(uuid) from public, anon;
grant execute on function public.cancel_evaluation_registration(uuid) to authenticated;

/* The caller's evaluation registrations, newest first (cancelled ones included). */
create or replace function public.my_evaluations()
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
    select jsonb_agg(public.evaluation_registration_json(r) order by r.created_at desc, r.seq desc)
    from public.evaluation_registrations r where r.user_id = auth.uid()), '[]'::jsonb));
end;
$$;
revoke all on function public.my_evaluations() from public, anon;
grant execute on function public.my_evaluations() to authenticated;

/* ---------------------------------------------------------------- evaluator staff: settings, candidates, results */

/* Changes a session's sign-up settings (evaluator staff of its institution, or admins). */
create or replace function public.set_evaluation_session_settings(p_session_id uuid, p_allows_self_study boolean)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_session public.evaluation_sessions;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_session from public.evaluation_sessions s where s.id = p_session_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'evaluation_session_not_found';
  end if;
  if not public.works_for_institution(v_session.institution_id) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if p_allows_self_study is null then
    raise exception using errcode = 'PT400', message = 'invalid_settings';
  end if;
  insert into public.evaluation_session_settings as x (session_id, allows_self_study, updated_by)
  values (p_session_id, p_allows_self_study, v_uid)
  on conflict (session_id) do update set allows_self_study = excluded.allows_self_study, updated_by = v_uid, updated_at = now();
  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (v_uid, 'evaluation_session.settings', 'evaluation_session', p_session_id::text,
          jsonb_build_object('allows_self_study', p_allows_self_study));
  return jsonb_build_object('session', public.evaluation_session_brief(p_session_id));
end;
$$;
revoke all on function public.set_evaluation_session_settings(uuid, boolean) from public, anon;
grant execute on function public.set_evaluation_session_settings(uuid, boolean) to authenticated;

/*
 * The candidates of a session for its evaluator staff (and admins): every registration that holds a
 * place, names and numbers masked, with the result and certificate once recorded.
 */
create or replace function public.evaluation_candidates(p_session_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_session public.evaluation_sessions;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_session from public.evaluation_sessions s where s.id = p_session_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'evaluation_session_not_found';
  end if;
  if not public.works_for_institution(v_session.institution_id) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  return jsonb_build_object(
    'session', public.evaluation_session_brief(p_session_id),
    'canRecordResults', public.is_evaluator_of(v_session.institution_id) and now() >= v_session.starts_at
                        and v_session.status <> 'cancelled',
    'items', coalesce((
      select jsonb_agg(jsonb_build_object(
               'registrationId', r.id,
               'status', r.status,
               'basis', r.basis,
               'name', public.mask_name(p.real_name),
               'idNumberMasked', p.id_number_masked,
               'createdAt', r.created_at,
               'result', (select jsonb_build_object('outcome', x.outcome, 'score', x.score, 'recordedAt', x.recorded_at,
                                                    'certificateNo', c.certificate_no)
                          from public.evaluation_results x left join public.certificates c on c.id = x.certificate_id
                          where x.registration_id = r.id))
             order by r.seq)
      from public.evaluation_registrations r
      left join public.profiles p on p.user_id = r.user_id
      where r.session_id = p_session_id and r.status in ('registered', 'evaluated')), '[]'::jsonb));
end;
$$;
revoke all on function public.evaluation_candidates(uuid) from public, anon;
grant execute on function public.evaluation_candidates(uuid) to authenticated;

/*
 * Records results for candidates of a session — only evaluator staff of the session's institution,
 * once the session has started. p_results: [{registrationId, outcome: pass|fail|absent, score?,
 * direction?}]. A pass issues the certificate in this same transaction: the next number of the
 * series, the holder's name, ID type and sealed ID number copied from the profile, a new
 * verification token; the holder is notified. All or nothing: one bad item refuses the whole call.
 * Recording the same result again changes nothing; a different one for a recorded candidate is
 * refused (result_already_recorded): corrections go through revocation.
 */
create or replace function public.record_evaluation_results(p_session_id uuid, p_results jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_session public.evaluation_sessions;
  v_item jsonb;
  v_reg_id uuid;
  v_outcome text;
  v_score numeric;
  v_direction text;
  v_r public.evaluation_registrations;
  v_existing public.evaluation_results;
  v_profile public.profiles;
  v_cert public.certificates;
  v_today date := public.beijing_today();
  v_type text;
  v_recorded integer := 0;
  v_unchanged integer := 0;
  v_out jsonb := '[]'::jsonb;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_session from public.evaluation_sessions s where s.id = p_session_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'evaluation_session_not_found';
  end if;
  if not public.is_evaluator_of(v_session.institution_id) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if jsonb_typeof(p_results) is distinct from 'array' or jsonb_array_length(p_results) = 0 or jsonb_array_length(p_results) > 500
     or (select count(distinct x ->> 'registrationId') from jsonb_array_elements(p_results) x) <> jsonb_array_length(p_results) then
    raise exception using errcode = 'PT400', message = 'invalid_results';
  end if;

  select * into v_session from public.evaluation_sessions s where s.id = p_session_id for update;
  if v_session.status = 'cancelled' then
    raise exception using errcode = 'PT409', message = 'evaluation_session_cancelled';
  end if;
  if now() < v_session.starts_at then
    raise exception using errcode = 'PT409', message = 'evaluation_not_started';
  end if;
  v_type := case when v_session.level = 'special' then 'specialty' else 'skill_level' end;

  for v_item in select x from jsonb_array_elements(p_results) x loop
    begin
      v_reg_id := (v_item ->> 'registrationId')::uuid;
      v_outcome := v_item ->> 'outcome';
      v_score := (v_item ->> 'score')::numeric;
      v_direction := nullif(btrim(coalesce(v_item ->> 'direction', '')), '');
    exception
      when invalid_text_representation or numeric_value_out_of_range then
        raise exception using errcode = 'PT400', message = 'invalid_results';
    end;
    if v_reg_id is null or v_outcome is null or v_outcome not in ('pass', 'fail', 'absent')
       or (v_score is not null and (v_score < 0 or v_score > 100 or v_score <> round(v_score, 1)))
       or (v_outcome = 'absent' and v_score is not null) or char_length(v_direction) > 40 then
      raise exception using errcode = 'PT400', message = 'invalid_results';
    end if;

    select * into v_r from public.evaluation_registrations r where r.id = v_reg_id for update;
    if not found or v_r.session_id <> p_session_id or v_r.status = 'cancelled' then
      raise exception using errcode = 'PT404', message = 'candidate_not_found';
    end if;

    select * into v_existing from public.evaluation_results x where x.registration_id = v_reg_id;
    if found then
      if v_existing.outcome = v_outcome and v_existing.score is not distinct from v_score then
        v_unchanged := v_unchanged + 1;
        v_out := v_out || jsonb_build_array(jsonb_build_object(
          'registrationId', v_reg_id, 'outcome', v_outcome, 'score', v_score, 'changed', false,
          'certificate', (select jsonb_build_object('id', c.id, 'certificateNo', c.certificate_no)
                          from public.certificates c where c.id = v_existing.certificate_id)));
        continue;
      end if;
      raise exception using errcode = 'PT409', message = 'result_already_recorded';
    end if;

    v_cert := null;
    if v_outcome = 'pass' then
      select * into v_profile from public.profiles p where p.user_id = v_r.user_id;
      if not found then
        raise exception using errcode = 'PT409', message = 'candidate_has_no_profile';
      end if;
      insert into public.certificates (certificate_no, type, holder_user_id, holder_name, holder_id_type, holder_id_number_enc,
                                       holder_id_number_hash, holder_id_number_masked, occupation_id, direction, level,
                                       institution_id, issued_on, verify_token, source)
      values (public.allocate_certificate_no(v_session.institution_id, v_type, v_session.level, v_today), v_type, v_r.user_id,
              v_profile.real_name, v_profile.id_type, v_profile.id_number_enc, v_profile.id_number_hash, v_profile.id_number_masked,
              v_session.occupation_id, v_direction, nullif(v_session.level, 'special'), v_session.institution_id, v_today,
              public.new_verify_token(), 'evaluation')
      returning * into v_cert;
      insert into public.audit_log (actor_id, action, entity, entity_id, detail)
      values (v_uid, 'certificate.issued', 'certificate', v_cert.id::text,
              jsonb_build_object('certificate_no', v_cert.certificate_no, 'registration_id', v_reg_id, 'session_id', p_session_id));
    end if;

    insert into public.evaluation_results (registration_id, session_id, outcome, score, certificate_id, recorded_by)
    values (v_reg_id, p_session_id, v_outcome, v_score, v_cert.id, v_uid);
    update public.evaluation_registrations r set status = 'evaluated', updated_at = now() where r.id = v_reg_id;
    insert into public.audit_log (actor_id, action, entity, entity_id, detail)
    values (v_uid, 'evaluation.result_recorded', 'evaluation_registration', v_reg_id::text,
            jsonb_strip_nulls(jsonb_build_object('session_id', p_session_id, 'outcome', v_outcome, 'score', v_score)));
    perform public.notify_user(v_r.user_id, 'evaluation.result',
      jsonb_strip_nulls(jsonb_build_object(
        'registrationId', v_reg_id, 'sessionCode', v_session.code, 'outcome', v_outcome, 'score', v_score,
        'occupationName', (select o.name from public.occupations o where o.id = v_session.occupation_id),
        'level', v_session.level, 'certificateNo', v_cert.certificate_no)),
      'evaluation.result:' || v_reg_id::text);

    v_recorded := v_recorded + 1;
    v_out := v_out || jsonb_build_array(jsonb_build_object(
      'registrationId', v_reg_id, 'outcome', v_outcome, 'score', v_score, 'changed', true,
      'certificate', case when v_cert.id is not null
                          then jsonb_build_object('id', v_cert.id, 'certificateNo', v_cert.certificate_no) end));
  end loop;

  return jsonb_build_object('sessionId', p_session_id, 'recorded', v_recorded, 'unchanged', v_unchanged, 'results', v_out);
end;
$$;
revoke all on function public.record_evaluation_results(uuid, jsonb) from public, anon;
grant execute on function public.record_evaluation_results(uuid, jsonb) to authenticated;

/* ---------------------------------------------------------------- revocation */

/* Revokes a certificate with a reason: evaluator staff of the issuing institution, or admins. The holder is notified. */
create or replace function public.revoke_certificate(p_certificate_id uuid, p_reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_cert public.certificates;
  v_reason text := btrim(coalesce(p_reason, ''));
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_cert from public.certificates c where c.id = p_certificate_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'certificate_not_found';
  end if;
  if not (public.is_evaluator_of(v_cert.institution_id) or public.has_role('admin')) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if char_length(v_reason) not between 2 and 200 then
    raise exception using errcode = 'PT400', message = 'invalid_reason';
  end if;
  select * into v_cert from public.certificates c where c.id = p_certificate_id for update;
  if v_cert.status = 'revoked' then
    return jsonb_build_object('certificate', public.certificate_json(v_cert, 'staff'), 'changed', false);
  end if;
  update public.certificates c set status = 'revoked', revoked_at = now(), revoked_by = v_uid, revoke_reason = v_reason
  where c.id = p_certificate_id
  returning * into v_cert;
  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (v_uid, 'certificate.revoked', 'certificate', v_cert.id::text,
          jsonb_build_object('certificate_no', v_cert.certificate_no, 'reason', v_reason));
  if v_cert.holder_user_id is not null then
    perform public.notify_user(v_cert.holder_user_id, 'certificate.revoked',
      jsonb_build_object('certificateId', v_cert.id, 'certificateNo', v_cert.certificate_no, 'reason', v_reason),
      'certificate.revoked:' || v_cert.id::text);
  end if;
  return jsonb_build_object('certificate', public.certificate_json(v_cert, 'staff'), 'changed', true);
end;
$$;
revoke all on function public.revoke_certificate(uuid, text) from public, anon;
grant execute on function public.revoke_certificate(uuid, text) to authenticated;

/* ---------------------------------------------------------------- reading certificates */

/*
 * Public lookup: the certificates whose holder name matches and whose number matches (or whose ID
 * type and keyed ID hash match), masked. A wrong name and an unknown number give the same empty
 * list by the same path. Service role only: the API rate-limits callers first.
 */
create or replace function public.lookup_certificates(p_name text, p_certificate_no text default null, p_id_type text default null,
                                                      p_id_number_hash text default null)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_name text := public.normalize_person_name(p_name);
  v_items jsonb;
begin
  if p_certificate_no is not null then
    select jsonb_agg(public.certificate_json(c, 'public') order by c.issued_on desc, c.certificate_no) into v_items
    from public.certificates c
    where c.certificate_no = upper(p_certificate_no) and public.normalize_person_name(c.holder_name) = v_name;
  else
    select jsonb_agg(public.certificate_json(c, 'public') order by c.issued_on desc, c.certificate_no) into v_items
    from public.certificates c
    where c.holder_id_type = p_id_type and c.holder_id_number_hash = p_id_number_hash
      and public.normalize_person_name(c.holder_name) = v_name;
  end if;
  return jsonb_build_object('items', coalesce(v_items, '[]'::jsonb));
end;
$$;
revoke all on function public.lookup_certificates(text, text, text, text) from public, anon, authenticated;
grant execute on function public.lookup_certificates(text, text, text, text) to service_role;

/* What the public verification page shows for a token (masked), or null. Tokens are unguessable, so anyone may ask. */
create or replace function public.verify_certificate(p_token text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select public.certificate_json(c, 'public') from public.certificates c where c.verify_token = p_token;
$$;
revoke all on function public.verify_certificate(text) from public;
grant execute on function public.verify_certificate(text) to anon, authenticated, service_role;

/*
 * A person's own certificates, newest first: issued to their account, or carrying the ID number of
 * their profile (imported records). With the sealed ID number for the API to open. Service role
 * only: the API passes the id of the verified session.
 */
create or replace function public.holder_certificates(p_user_id uuid, p_certificate_id uuid default null)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('items', coalesce(jsonb_agg(
           public.certificate_json(c, 'holder') || jsonb_build_object('holderIdNumberEnc', c.holder_id_number_enc)
           order by c.issued_on desc, c.certificate_no), '[]'::jsonb))
  from public.certificates c
  where (p_certificate_id is null or c.id = p_certificate_id)
    and (c.holder_user_id = p_user_id
         or exists (select 1 from public.profiles p
                    where p.user_id = p_user_id and p.id_type = c.holder_id_type and p.id_number_hash = c.holder_id_number_hash));
$$;
revoke all on function public.holder_certificates(uuid, uuid) from public, anon, authenticated;
grant execute on function public.holder_certificates(uuid, uuid) to service_role;

/* One certificate for staff of the issuing institution (and admins), masked; certificate_not_found for anyone else. */
create or replace function public.certificate_for_staff(p_certificate_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_cert public.certificates;
begin
  if auth.uid() is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_cert from public.certificates c where c.id = p_certificate_id;
  if not found or not public.works_for_institution(v_cert.institution_id) then
    raise exception using errcode = 'PT404', message = 'certificate_not_found';
  end if;
  return jsonb_build_object('certificate', public.certificate_json(v_cert, 'staff'));
end;
$$;
revoke all on function public.certificate_for_staff(uuid) from public, anon;
grant execute on function public.certificate_for_staff(uuid) to authenticated;

/* ---------------------------------------------------------------- trainee journey */

/*
 * The facts the 我的 timeline is built from (functions/lib/certificates/journey.ts assembles them):
 * the caller's enrollments with the occupations their project covers, first attendance and class
 * dates; evaluation registrations with results; certificates held. No personal data.
 */
create or replace function public.my_journey_facts()
returns jsonb
language plpgsql
stable
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
  select * into v_profile from public.profiles p where p.user_id = v_uid;
  return jsonb_build_object(
    'today', public.beijing_today(),
    'enrollments', coalesce((
      select jsonb_agg(jsonb_build_object(
               'id', e.id, 'status', e.status, 'createdAt', e.created_at, 'enrolledAt', e.enrolled_at,
               'cancelledAt', e.cancelled_at, 'completedAt', e.completed_at, 'droppedAt', e.dropped_at,
               'firstAttendance', (select min(a.session_date) from public.attendance a where a.enrollment_id = e.id),
               'class', jsonb_build_object('id', c.id, 'code', c.code, 'name', c.name, 'startDate', c.start_date, 'endDate', c.end_date),
               'project', jsonb_build_object('id', p.id, 'code', p.code, 'title', p.title, 'targetLevel', p.target_level),
               'occupations', coalesce((select jsonb_agg(jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty)
                                                         order by po.position)
                                        from public.project_occupations po join public.occupations o on o.id = po.occupation_id
                                        where po.project_id = p.id), '[]'::jsonb))
             order by e.created_at)
      from public.enrollments e
      join public.classes c on c.id = e.class_id
      join public.projects p on p.id = c.project_id
      where e.user_id = v_uid), '[]'::jsonb),
    'registrations', coalesce((
      select jsonb_agg(public.evaluation_registration_json(r) order by r.created_at)
      from public.evaluation_registrations r where r.user_id = v_uid), '[]'::jsonb),
    'certificates', coalesce((
      select jsonb_agg(jsonb_build_object(
               'id', c.id, 'certificateNo', c.certificate_no, 'type', c.type, 'status', c.status, 'level', c.level,
               'issuedOn', c.issued_on, 'revokedAt', c.revoked_at,
               'occupation', (select jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty)
                              from public.occupations o where o.id = c.occupation_id))
             order by c.issued_on)
      from public.certificates c
      where c.holder_user_id = v_uid
         or (v_profile.user_id is not null and c.holder_id_type = v_profile.id_type
             and c.holder_id_number_hash = v_profile.id_number_hash)), '[]'::jsonb));
end;
$$;
revoke all on function public.my_journey_facts() from public, anon;
grant execute on function public.my_journey_facts() to authenticated;

/* ---------------------------------------------------------------- import */

/* The counter a number of our own series counts on: (series, year, level, serial); none for 职业资格证书 numbers. */
create or replace function public.certificate_number_series(p_no text)
returns table (series text, year smallint, level text, serial integer)
language sql
immutable
set search_path = ''
as $$
  select left(p_no, 13), (2000 + substr(p_no, 14, 2)::integer)::smallint, substr(p_no, 16, 1), right(p_no, 6)::integer
  where p_no ~ '^[YS]\d{14}[1-5]\d{6}$'
  union all
  select 'ZX' || substr(p_no, 7, 4), substr(p_no, 3, 4)::smallint, 'special', right(p_no, 6)::integer
  where p_no ~ '^ZX\d{14}$';
$$;
revoke all on function public.certificate_number_series(text) from public, anon, authenticated;

/*
 * Receives one part of a certificate import for an evaluation institution (its evaluator staff, or
 * admins). The API has parsed the CSV, checked each row on its own (formats, ID check digit, dates)
 * and sealed the ID numbers; p_rows: [{index, certificateNo, reason?} | {index, certificateNo, type,
 * name, idType, idNumberEnc, idNumberHash, idNumberMasked, occupationCode, direction, level, issuedOn}],
 * index counting from 1 within the part. Here each row is checked against the register: known
 * occupation and level, the number's institution code is this institution's, the number is new and
 * not repeated in the file. Parts arrive in order (the last one may be sent again); when the last is
 * in, the valid rows are written — all or nothing, unless p_partial — and the answer is the report.
 */
create or replace function public.import_certificates(p_import_id uuid, p_institution_code text, p_part integer, p_parts integer,
                                                      p_partial boolean, p_rows jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_inst public.institutions;
  v_import public.certificate_imports;
  v_offset integer;
  v_row jsonb;
  v_no text;
  v_reason text;
  v_occ public.occupations;
  v_dup integer;
  v_imported integer := 0;
  v_max_serial record;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'not_authenticated';
  end if;
  select * into v_inst from public.institutions i where i.code = p_institution_code and i.kind = 'evaluation';
  if not found then
    raise exception using errcode = 'PT404', message = 'institution_not_found';
  end if;
  if not (public.is_evaluator_of(v_inst.id) or public.has_role('admin')) then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  if p_parts is null or p_parts not between 1 and 100 or p_part is null or p_part not between 1 and p_parts
     or jsonb_typeof(p_rows) is distinct from 'array' or jsonb_array_length(p_rows) > 20000 then
    raise exception using errcode = 'PT400', message = 'invalid_import';
  end if;

  -- unfinished imports are dropped after a day, with the sealed data they hold
  delete from public.certificate_imports i where i.status = 'receiving' and i.created_at < now() - interval '1 day';

  perform pg_advisory_xact_lock(hashtext('import_certificates'), hashtext(p_import_id::text));
  select * into v_import from public.certificate_imports i where i.id = p_import_id for update;
  if not found then
    if p_part <> 1 then
      raise exception using errcode = 'PT409', message = 'import_part_out_of_order';
    end if;
    insert into public.certificate_imports (id, institution_id, created_by, partial, parts_total)
    values (p_import_id, v_inst.id, v_uid, coalesce(p_partial, false), p_parts)
    returning * into v_import;
  elsif v_import.created_by <> v_uid or v_import.institution_id <> v_inst.id then
    raise exception using errcode = 'PT404', message = 'import_not_found';
  elsif v_import.parts_total <> p_parts or v_import.partial <> coalesce(p_partial, false) then
    raise exception using errcode = 'PT409', message = 'import_parts_mismatch';
  elsif v_import.status <> 'receiving' then
    if p_part = v_import.parts_total then
      return public.certificate_import_report(v_import.id); -- the last part sent again: the same answer
    end if;
    raise exception using errcode = 'PT409', message = 'import_finished';
  elsif p_part not in (v_import.parts_received, v_import.parts_received + 1) then
    raise exception using errcode = 'PT409', message = 'import_part_out_of_order';
  end if;

  -- a part sent again replaces what it brought the first time
  delete from public.certificate_import_rows r where r.import_id = p_import_id and r.part >= p_part;
  v_offset := 1 + coalesce((select max(r.row_no) - 1 from public.certificate_import_rows r where r.import_id = p_import_id), 0);

  for v_row in select x from jsonb_array_elements(p_rows) x loop
    v_no := upper(coalesce(v_row ->> 'certificateNo', ''));
    v_reason := v_row ->> 'reason';
    if v_reason is null then
      select * into v_occ from public.occupations o where o.code = v_row ->> 'occupationCode';
      if not found then
        v_reason := '职业编码不存在';
      elsif (v_row ->> 'type' = 'specialty') <> v_occ.is_specialty then
        v_reason := case when v_occ.is_specialty then '该职业为专项职业能力，应使用专项职业能力证书编号'
                         else '该职业不是专项职业能力，不能使用专项职业能力证书编号' end;
      elsif v_row ->> 'type' <> 'specialty' and not coalesce((v_row ->> 'level') = any (v_occ.levels), false) then
        v_reason := '该职业没有这个等级';
      elsif v_row ->> 'type' in ('skill_level', 'specialty')
            and (case when v_row ->> 'type' = 'skill_level' then substr(v_no, 2, 4) else substr(v_no, 7, 4) end)
                is distinct from v_inst.certificate_code then
        v_reason := '证书编号中的机构代码与本机构的代码不符';
      elsif exists (select 1 from public.certificates c where c.certificate_no = v_no) then
        v_reason := '证书编号已存在，不能重复导入';
      end if;
    end if;
    if v_reason is null and v_no <> '' then
      select min(r.row_no) into v_dup from public.certificate_import_rows r
      where r.import_id = p_import_id and r.certificate_no = v_no;
      if v_dup is not null then
        v_reason := format('与第%s行的证书编号重复', v_dup);
      end if;
    end if;
    insert into public.certificate_import_rows (import_id, row_no, part, certificate_no, reason, data)
    values (p_import_id, v_offset + (v_row ->> 'index')::integer, p_part, v_no, v_reason,
            case when v_reason is null then v_row - 'index' - 'reason' end);
  end loop;

  update public.certificate_imports i set
    parts_received = p_part,
    rows_total = (select count(*) from public.certificate_import_rows r where r.import_id = p_import_id),
    rows_rejected = (select count(*) from public.certificate_import_rows r where r.import_id = p_import_id and r.reason is not null)
  where i.id = p_import_id
  returning * into v_import;

  if p_part < v_import.parts_total then
    return public.certificate_import_report(p_import_id);
  end if;

  /* -- the last part: write the valid rows (all or nothing unless partial) */
  -- Our own series must continue after the imported numbers. Their counter rows are locked first, in
  -- one order: an issue running meanwhile finishes before (and its number is then seen as taken
  -- below) or waits for this import (and then counts on from the imported serials).
  for v_max_serial in
    select x.series, x.year, x.level
    from public.certificate_import_rows r
    cross join lateral public.certificate_number_series(r.certificate_no) x
    where r.import_id = p_import_id and r.reason is null
    group by 1, 2, 3
    order by 1, 2, 3
  loop
    insert into public.certificate_serials (series, year, level) values (v_max_serial.series, v_max_serial.year, v_max_serial.level)
    on conflict (series, year, level) do nothing;
    perform 1 from public.certificate_serials s
    where s.series = v_max_serial.series and s.year = v_max_serial.year and s.level = v_max_serial.level for update;
  end loop;
  -- numbers issued or imported since their part arrived
  update public.certificate_import_rows r set reason = '证书编号已存在，不能重复导入', data = null
  where r.import_id = p_import_id and r.reason is null
    and exists (select 1 from public.certificates c where c.certificate_no = r.certificate_no);
  update public.certificate_imports i set
    rows_rejected = (select count(*) from public.certificate_import_rows r where r.import_id = p_import_id and r.reason is not null)
  where i.id = p_import_id
  returning * into v_import;

  if v_import.rows_rejected = 0 or v_import.partial then
    update public.certificate_serials s set last_serial = greatest(s.last_serial, x.serial)
    from (select x.series, x.year, x.level, max(x.serial) as serial
          from public.certificate_import_rows r
          cross join lateral public.certificate_number_series(r.certificate_no) x
          where r.import_id = p_import_id and r.reason is null
          group by 1, 2, 3) x
    where s.series = x.series and s.year = x.year and s.level = x.level;

    begin
      insert into public.certificates (certificate_no, type, holder_user_id, holder_name, holder_id_type, holder_id_number_enc,
                                       holder_id_number_hash, holder_id_number_masked, occupation_id, direction, level,
                                       institution_id, issued_on, verify_token, source, import_id)
      select r.certificate_no, r.data ->> 'type',
             (select p.user_id from public.profiles p
              where p.id_type = r.data ->> 'idType' and p.id_number_hash = r.data ->> 'idNumberHash'),
             r.data ->> 'name', r.data ->> 'idType', r.data ->> 'idNumberEnc', r.data ->> 'idNumberHash', r.data ->> 'idNumberMasked',
             (select o.id from public.occupations o where o.code = r.data ->> 'occupationCode'),
             nullif(r.data ->> 'direction', ''), nullif(r.data ->> 'level', 'special'), v_inst.id, (r.data ->> 'issuedOn')::date,
             public.new_verify_token(), 'import', p_import_id
      from public.certificate_import_rows r
      where r.import_id = p_import_id and r.reason is null
      order by r.row_no;
      get diagnostics v_imported = row_count;
    exception
      when unique_violation then -- another import wrote one of these 职业资格证书 numbers at this very moment
        raise exception using errcode = 'PT409', message = 'import_conflict';
    end;
  end if;

  update public.certificate_imports i set
    status = case when v_import.rows_rejected = 0 or v_import.partial then 'committed' else 'rejected' end,
    rows_imported = v_imported,
    finished_at = now()
  where i.id = p_import_id;
  update public.certificate_import_rows r set data = null where r.import_id = p_import_id;
  delete from public.certificate_import_rows r where r.import_id = p_import_id and r.reason is null;

  insert into public.audit_log (actor_id, action, entity, entity_id, detail)
  values (v_uid, 'certificate.imported', 'certificate_import', p_import_id::text,
          jsonb_build_object('institution', v_inst.code, 'rows', v_import.rows_total, 'rejected', v_import.rows_rejected,
                             'imported', v_imported, 'partial', v_import.partial));
  return public.certificate_import_report(p_import_id);
end;
$$;
revoke all on function public.import_certificates(uuid, text, integer, integer, boolean, jsonb) from public, anon;
grant execute on function public.import_certificates(uuid, text, integer, integer, boolean, jsonb) to authenticated;

/* Where an import stands, with its rejected rows (the first 1000). */
create or replace function public.certificate_import_report(p_import_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'import', jsonb_build_object(
      'id', i.id, 'status', i.status, 'partial', i.partial, 'parts', i.parts_total, 'partsReceived', i.parts_received,
      'rows', i.rows_total, 'accepted', i.rows_total - i.rows_rejected, 'rejected', i.rows_rejected, 'imported', i.rows_imported,
      'createdAt', i.created_at, 'finishedAt', i.finished_at),
    'rejected', coalesce((
      select jsonb_agg(jsonb_build_object('row', r.row_no, 'certificateNo', r.certificate_no, 'reason', r.reason) order by r.row_no)
      from (select * from public.certificate_import_rows r
            where r.import_id = i.id and r.reason is not null order by r.row_no limit 1000) r), '[]'::jsonb))
  from public.certificate_imports i
  where i.id = p_import_id;
$$;
revoke all on function public.certificate_import_report(uuid) from public, anon, authenticated;
