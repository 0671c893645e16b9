/*
 * Catalog and discovery: what a worker sees first. Reference data (districts, fields, occupations),
 * the demand list (需求清单) with its enterprises, the whitelists of training and evaluation
 * institutions, the guidance catalog (指导目录: projects), classes (班次), evaluation sessions and
 * salary guidance (薪酬价位).
 *
 * Visibility: the public (anon) reads published rows only: projects that are published by a
 * whitelisted institution, their published or closed classes, demands once published, whitelisted
 * institutions, published evaluation sessions of whitelisted evaluators. Staff write within their
 * scope (institution code, evaluator code, station code, district), admins everywhere.
 *
 * Lists are served by one security definer function each (catalog_*): the planner then sees plain
 * predicates on indexed columns instead of per-row policy subqueries, and each function applies
 * exactly the visibility rules the policies express and returns only public columns.
 */

create extension if not exists pg_trgm with schema extensions;

/* ---------------------------------------------------------------- districts */

create table public.districts (
  code text primary key check (code ~ '^1101(0[1-9]|1[1-9])$'),
  name text not null unique,
  sort_order smallint not null,
  lat double precision not null check (lat between 39.4 and 41.1),
  lng double precision not null check (lng between 115.4 and 117.5)
);
comment on table public.districts is 'Beijing''s 16 districts (GB/T 2260), the places classes, demands and institutions are in.';
comment on column public.districts.code is 'GB/T 2260 code, also the first six digits of local ID numbers.';
comment on column public.districts.name is 'Name as people say it, e.g. 朝阳区.';
comment on column public.districts.sort_order is 'Order in pickers: the official order of the codes.';
comment on column public.districts.lat is 'Latitude of the district government (WGS-84), a default map centre.';
comment on column public.districts.lng is 'Longitude of the district government (WGS-84).';

revoke all on table public.districts from anon, authenticated;
grant select on table public.districts to anon, authenticated;
grant all on table public.districts to service_role;
alter table public.districts enable row level security;
create policy "Anyone can read the districts"
  on public.districts for select to anon, authenticated
  using (true);

insert into public.districts (code, name, sort_order, lat, lng) values
  ('110101', '东城区', 1, 39.9285, 116.4160),
  ('110102', '西城区', 2, 39.9123, 116.3660),
  ('110105', '朝阳区', 3, 39.9215, 116.4864),
  ('110106', '丰台区', 4, 39.8585, 116.2868),
  ('110107', '石景山区', 5, 39.9056, 116.2229),
  ('110108', '海淀区', 6, 39.9599, 116.2982),
  ('110109', '门头沟区', 7, 39.9404, 116.1020),
  ('110111', '房山区', 8, 39.7355, 116.1432),
  ('110112', '通州区', 9, 39.9094, 116.6570),
  ('110113', '顺义区', 10, 40.1300, 116.6546),
  ('110114', '昌平区', 11, 40.2207, 116.2312),
  ('110115', '大兴区', 12, 39.7269, 116.3415),
  ('110116', '怀柔区', 13, 40.3160, 116.6320),
  ('110117', '平谷区', 14, 40.1440, 117.1213),
  ('110118', '密云区', 15, 40.3766, 116.8430),
  ('110119', '延庆区', 16, 40.4565, 115.9750);

/* ---------------------------------------------------------------- fields */

create table public.fields (
  code text primary key check (code ~ '^[a-z][a-z_]{1,39}$'),
  name text not null unique,
  kind text not null check (kind in ('key_field', 'key_industry')),
  description text not null default '',
  sort_order smallint not null
);
comment on table public.fields is '重点领域: the programme''s key fields and Beijing''s key (高精尖) industries.';
comment on column public.fields.code is 'Stable code used in filters and links.';
comment on column public.fields.name is 'Name shown to people.';
comment on column public.fields.kind is 'key_field: named by the programme (康养托育…); key_industry: one of Beijing''s 高精尖 industries.';
comment on column public.fields.description is 'One line on what the field covers.';
comment on column public.fields.sort_order is 'Order in pickers.';

revoke all on table public.fields from anon, authenticated;
grant select on table public.fields to anon, authenticated;
grant all on table public.fields to service_role;
alter table public.fields enable row level security;
create policy "Anyone can read the fields"
  on public.fields for select to anon, authenticated
  using (true);

insert into public.fields (code, name, kind, description, sort_order) values
  ('care', '康养托育', 'key_field', '养老服务、医疗护理、托育与家政', 1),
  ('manufacturing', '先进制造', 'key_field', '智能制造、装备制造与工业技能', 2),
  ('services', '现代服务', 'key_field', '生活性与生产性服务业', 3),
  ('new_occupations', '新职业', 'key_field', '国家新发布的职业与工种', 4),
  ('ict', '新一代信息技术', 'key_industry', '软件、网络、人工智能与数据', 5),
  ('health', '医药健康', 'key_industry', '医药研发制造与健康服务', 6),
  ('integrated_circuits', '集成电路', 'key_industry', '芯片设计、制造与封装测试', 7),
  ('connected_vehicles', '智能网联汽车', 'key_industry', '新能源与智能网联汽车', 8),
  ('smart_equipment', '智能制造与装备', 'key_industry', '工业机器人、数控与智能装备', 9),
  ('green_energy', '绿色能源与节能环保', 'key_industry', '新能源、储能、节能与环保', 10),
  ('blockchain_computing', '区块链与先进计算', 'key_industry', '区块链与算力基础设施', 11),
  ('tech_services', '科技服务业', 'key_industry', '研发、检验检测与技术服务', 12),
  ('smart_city', '智慧城市', 'key_industry', '城市运行、物联网与安全', 13),
  ('digital_content', '信息内容消费', 'key_industry', '数字内容、电商与直播', 14);

/* ---------------------------------------------------------------- shared checks */

/* Skill levels used by the catalog: 五级…一级 ('5'…'1') and 专项职业能力 ('special'). */
create or replace function public.is_skill_level(p_level text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$ select p_level in ('5', '4', '3', '2', '1', 'special') $$;
grant execute on function public.is_skill_level(text) to anon, authenticated, service_role;

/* ---------------------------------------------------------------- occupations */

create table public.occupations (
  id bigint generated always as identity primary key,
  code text not null unique check (code ~ '^(\d-\d{2}-\d{2}-\d{2}|ZX-\d{2}-\d{3})$'),
  name text not null check (char_length(name) between 2 and 40),
  field_code text not null references public.fields (code),
  levels text[] not null check (cardinality(levels) between 1 and 5 and levels <@ array['5', '4', '3', '2', '1', 'special']),
  is_specialty boolean not null default false,
  description text not null default '',
  name_pinyin text not null default '',
  name_initials text not null default '',
  constraint occupations_specialty_has_no_level check (is_specialty = (levels = array['special']))
);
comment on table public.occupations is 'Occupations (职业分类大典 2022 codes) and 专项职业能力 items that training leads to.';
comment on column public.occupations.id is 'Row id.';
comment on column public.occupations.code is '大典 code like 4-10-01-05, or ZX-<province>-<serial> for a 专项职业能力 item.';
comment on column public.occupations.name is 'Occupation (or 专项职业能力) name.';
comment on column public.occupations.field_code is 'The key field it belongs to.';
comment on column public.occupations.levels is 'Skill levels that can be certified: ''5''…''1'', or {special} for a 专项职业能力.';
comment on column public.occupations.is_specialty is 'True for a 专项职业能力 item (certificate without level).';
comment on column public.occupations.description is 'What the work is, in one or two sentences.';
comment on column public.occupations.name_pinyin is 'Full pinyin of the name, kept by trigger (search).';
comment on column public.occupations.name_initials is 'Pinyin initials of the name, kept by trigger (search).';

revoke all on table public.occupations from anon, authenticated;
grant select on table public.occupations to anon, authenticated;
grant insert, update, delete on table public.occupations to authenticated;
grant all on table public.occupations to service_role;
alter table public.occupations enable row level security;
create policy "Anyone can read the occupations"
  on public.occupations for select to anon, authenticated
  using (true);
create policy "Admins manage the occupations"
  on public.occupations for all to authenticated
  using (public.has_role('admin')) with check (public.has_role('admin'));

/* ---------------------------------------------------------------- enterprises */

create table public.enterprises (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (char_length(name) between 2 and 80),
  credit_code text not null unique check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  district text not null references public.districts (code),
  field_code text references public.fields (code),
  address text not null default '',
  contact_name text not null default '',
  contact_phone text not null default '',
  name_pinyin text not null default '',
  name_initials text not null default '',
  created_at timestamptz not null default now()
);
comment on table public.enterprises is 'Enterprises that declare skill needs (需求清单).';
comment on column public.enterprises.id is 'Row id.';
comment on column public.enterprises.name is 'Registered name.';
comment on column public.enterprises.credit_code is '统一社会信用代码 (GB 32100-2015, checked by the API that registers it).';
comment on column public.enterprises.district is 'District of registration.';
comment on column public.enterprises.field_code is 'Main key field or industry, when known.';
comment on column public.enterprises.address is 'Business address.';
comment on column public.enterprises.contact_name is 'HR contact; not public.';
comment on column public.enterprises.contact_phone is 'HR contact phone; not public.';
comment on column public.enterprises.name_pinyin is 'Full pinyin of the name, kept by trigger (search).';
comment on column public.enterprises.name_initials is 'Pinyin initials of the name, kept by trigger (search).';
comment on column public.enterprises.created_at is 'When it was registered here.';

revoke all on table public.enterprises from anon, authenticated;
-- The public sees who is hiring, never the contact person.
grant select (id, name, district, field_code) on table public.enterprises to anon;
grant select on table public.enterprises to authenticated;
grant insert, update on table public.enterprises to authenticated;
grant all on table public.enterprises to service_role;
alter table public.enterprises enable row level security;

/* ---------------------------------------------------------------- institutions */

create table public.institutions (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[A-Z]{3}-[0-9A-Z-]{1,20}$'),
  name text not null unique check (char_length(name) between 2 and 80),
  kind text not null check (kind in ('training', 'evaluation')),
  carrier_type text not null check (carrier_type in (
    'vocational_college', 'technician_college', 'enterprise_center', 'private_institution', 'employer', 'social_org')),
  certificate_code text check (certificate_code ~ '^\d{4}$'),
  whitelist_status text not null default 'pending' check (whitelist_status in ('pending', 'listed', 'suspended', 'removed')),
  whitelisted_on date,
  district text not null references public.districts (code),
  districts_served text[] not null default '{}',
  address text not null default '',
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  contact_phone text not null default '',
  description text not null default '',
  name_pinyin text not null default '',
  name_initials text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint institutions_training_carrier check (
    kind = 'evaluation' or carrier_type in ('vocational_college', 'technician_college', 'enterprise_center', 'private_institution')),
  constraint institutions_listed_has_date check (whitelist_status <> 'listed' or whitelisted_on is not null),
  constraint institutions_both_coordinates check ((lat is null) = (lng is null))
);
comment on table public.institutions is 'Training carriers and evaluation institutions; the listed ones form the published whitelists.';
comment on column public.institutions.id is 'Row id.';
comment on column public.institutions.code is 'Stable code (INS-001, EVA-001); staff role grants use it as their scope.';
comment on column public.institutions.name is 'Registered name.';
comment on column public.institutions.kind is 'training (培训机构) or evaluation (评价机构); one body doing both has a row on each whitelist.';
comment on column public.institutions.carrier_type is '职业院校, 技工院校, 企业培训中心, 社会化培训机构; evaluators may also be an employer (用人单位) or a social organisation (社会培训评价组织).';
comment on column public.institutions.certificate_code is 'Evaluators: the 4-digit institution code inside certificate numbers.';
comment on column public.institutions.whitelist_status is 'pending, listed (on the published whitelist), suspended or removed.';
comment on column public.institutions.whitelisted_on is 'When it was (last) put on the whitelist.';
comment on column public.institutions.district is 'District of its main site.';
comment on column public.institutions.districts_served is 'Districts it runs classes or evaluations in.';
comment on column public.institutions.address is 'Address of its main site.';
comment on column public.institutions.lat is 'Latitude of the main site (WGS-84).';
comment on column public.institutions.lng is 'Longitude of the main site (WGS-84).';
comment on column public.institutions.contact_phone is 'Public enquiry phone.';
comment on column public.institutions.description is 'Short public introduction.';
comment on column public.institutions.name_pinyin is 'Full pinyin of the name, kept by trigger (search).';
comment on column public.institutions.name_initials is 'Pinyin initials of the name, kept by trigger (search).';
comment on column public.institutions.created_at is 'When the row was created.';
comment on column public.institutions.updated_at is 'When it last changed.';

create index institutions_kind_listed on public.institutions (kind, code) where whitelist_status = 'listed';

revoke all on table public.institutions from anon, authenticated;
grant select (id, code, name, kind, carrier_type, whitelist_status, whitelisted_on, district, districts_served, address,
              lat, lng, contact_phone, description)
  on table public.institutions to anon;
grant select on table public.institutions to authenticated;
grant insert on table public.institutions to authenticated;
-- Staff keep their own contact details current; the whitelist itself is the admins' (policy below).
grant update (name, carrier_type, certificate_code, whitelist_status, whitelisted_on, district, districts_served, address,
              lat, lng, contact_phone, description, updated_at)
  on table public.institutions to authenticated;
grant all on table public.institutions to service_role;
alter table public.institutions enable row level security;

/* Occupations and levels an evaluation institution is registered to certify (its 评价范围). */
create table public.institution_occupations (
  institution_id uuid not null references public.institutions (id) on delete cascade,
  occupation_id bigint not null references public.occupations (id),
  levels text[] not null check (cardinality(levels) between 1 and 5 and levels <@ array['5', '4', '3', '2', '1', 'special']),
  primary key (institution_id, occupation_id)
);
comment on table public.institution_occupations is 'What an evaluation institution may certify: occupation and levels.';
comment on column public.institution_occupations.institution_id is 'The evaluation institution.';
comment on column public.institution_occupations.occupation_id is 'The occupation or 专项职业能力 item.';
comment on column public.institution_occupations.levels is 'Levels it may certify for that occupation.';

create index institution_occupations_occupation on public.institution_occupations (occupation_id);

revoke all on table public.institution_occupations from anon, authenticated;
grant select on table public.institution_occupations to anon, authenticated;
grant insert, update, delete on table public.institution_occupations to authenticated;
grant all on table public.institution_occupations to service_role;
alter table public.institution_occupations enable row level security;

/* ---------------------------------------------------------------- demands */

create table public.demands (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^XQ-\d{4}-\d{4,6}$'),
  enterprise_id uuid not null references public.enterprises (id),
  occupation_id bigint not null references public.occupations (id),
  level text check (public.is_skill_level(level)),
  headcount integer not null check (headcount between 1 and 100000),
  skill_requirements text not null check (char_length(skill_requirements) between 2 and 2000),
  district text not null references public.districts (code),
  wanted_by date not null,
  source text not null check (source in ('notice', 'service_package', 'self_declared', 'station')),
  station_code text check (station_code ~ '^STA-\d{6}-\d{3}$'),
  status text not null default 'draft' check (status in ('draft', 'published', 'fulfilled', 'closed')),
  published_at timestamptz,
  created_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint demands_station_source check ((source = 'station') = (station_code is not null)),
  constraint demands_published_at check (status = 'draft' or published_at is not null)
);
comment on table public.demands is '需求清单: skill needs enterprises declare, which catalog projects answer.';
comment on column public.demands.id is 'Row id.';
comment on column public.demands.code is 'Public number, XQ-<year>-<serial>.';
comment on column public.demands.enterprise_id is 'The enterprise that needs the skills.';
comment on column public.demands.occupation_id is 'The occupation (拟培训职业) needed.';
comment on column public.demands.level is 'Skill level wanted, when the enterprise named one.';
comment on column public.demands.headcount is '技能岗位用工数量: how many skilled people are needed.';
comment on column public.demands.skill_requirements is '技能要求: what the people must be able to do.';
comment on column public.demands.district is 'Where the jobs are.';
comment on column public.demands.wanted_by is 'When the enterprise needs the people.';
comment on column public.demands.source is 'How it was collected: notice (征集通知), service_package (企业服务包), self_declared, station (就业服务站).';
comment on column public.demands.station_code is 'The station that collected it, for source = station.';
comment on column public.demands.status is 'draft → published → fulfilled or closed.';
comment on column public.demands.published_at is 'When it was first published.';
comment on column public.demands.created_by is 'Staff member who entered it.';
comment on column public.demands.created_at is 'When it was entered.';
comment on column public.demands.updated_at is 'When it last changed.';

create index demands_public on public.demands (status, published_at desc, id) where status <> 'draft';
create index demands_occupation on public.demands (occupation_id);
create index demands_enterprise on public.demands (enterprise_id);

revoke all on table public.demands from anon, authenticated;
grant select (id, code, enterprise_id, occupation_id, level, headcount, skill_requirements, district, wanted_by, source,
              status, published_at)
  on table public.demands to anon;
grant select, insert, update on table public.demands to authenticated;
grant all on table public.demands to service_role;
alter table public.demands enable row level security;

create policy "Anyone can read enterprises that have a published demand"
  on public.enterprises for select to anon, authenticated
  using (exists (select 1 from public.demands d where d.enterprise_id = enterprises.id and d.status <> 'draft'));

/* ---------------------------------------------------------------- projects (指导目录) */

create table public.projects (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^XM-\d{4}-\d{4,6}$'),
  title text not null check (char_length(title) between 4 and 80),
  project_type text not null check (project_type in ('employment', 'upskilling', 'new_occupation', 'specialty', 'entrepreneurship')),
  institution_id uuid not null references public.institutions (id),
  field_code text not null references public.fields (code),
  target_level text not null check (public.is_skill_level(target_level)),
  headcount integer not null check (headcount between 1 and 100000),
  content text not null check (char_length(content) between 10 and 4000),
  hours integer not null check (hours between 1 and 2000),
  mode text not null check (mode in ('offline', 'online', 'blended')),
  audiences text[] not null check (cardinality(audiences) >= 1 and audiences <@ array['employee', 'student', 'key_group']),
  funding text not null check (funding in ('subsidised', 'fee')),
  fee numeric(10, 2) not null default 0 check (fee >= 0),
  status text not null default 'draft' check (status in ('draft', 'published', 'suspended', 'closed')),
  published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search_text text not null default '',
  search_pinyin text not null default '',
  search_initials text not null default '',
  search_latin text not null default '',
  search_enc text not null default '',
  constraint projects_published_at check (status = 'draft' or published_at is not null),
  constraint projects_fee_fits_funding check (funding = 'fee' or fee = 0)
);
comment on table public.projects is '指导目录: training projects carriers offer against the demand list.';
comment on column public.projects.id is 'Row id.';
comment on column public.projects.code is 'Public number, XM-<year>-<serial>.';
comment on column public.projects.title is 'Project name as listed.';
comment on column public.projects.project_type is '培训项目类型: employment (就业技能), upskilling (岗位技能提升), new_occupation (新职业), specialty (专项职业能力), entrepreneurship (创业).';
comment on column public.projects.institution_id is 'The training institution that developed and runs it.';
comment on column public.projects.field_code is 'Key field it serves.';
comment on column public.projects.target_level is 'Level the training prepares for (''5''…''1'') or ''special'' (专项职业能力).';
comment on column public.projects.headcount is '培训人数: people the project plans to train.';
comment on column public.projects.content is '培训内容: outline of what is taught.';
comment on column public.projects.hours is '培训时长 in class hours.';
comment on column public.projects.mode is '培训方式: offline (线下), online (线上) or blended (线上线下结合).';
comment on column public.projects.audiences is 'Who it is for: employee (企业职工), student (高校学生), key_group (重点就业群体).';
comment on column public.projects.funding is 'subsidised (free for eligible people) or fee.';
comment on column public.projects.fee is 'Fee in yuan when funding = fee, else 0.';
comment on column public.projects.status is 'draft → published; suspended or closed take it off the catalog.';
comment on column public.projects.published_at is 'When it was first published.';
comment on column public.projects.created_at is 'When it was created.';
comment on column public.projects.updated_at is 'When it last changed.';
comment on column public.projects.search_text is 'Normalised title|occupation names|institution name|content (search; kept by trigger).';
comment on column public.projects.search_pinyin is 'Full pinyin of title|occupations|institution (search; kept by trigger).';
comment on column public.projects.search_initials is 'Pinyin initials of title|occupations|institution (search; kept by trigger).';
comment on column public.projects.search_latin is 'All of the above in one string, trigram-indexed for latin-letter queries.';
comment on column public.projects.search_enc is 'search_text encoded for pg_trgm (search_encode), trigram-indexed for Chinese queries.';

-- Catalog filters and short pinyin queries read only this index (index-only scans).
create index projects_listed on public.projects (institution_id, id)
  include (field_code, mode, target_level, audiences, search_pinyin, search_initials)
  where status = 'published';
create index projects_field on public.projects (field_code) where status = 'published';
create index projects_search_enc on public.projects using gin (search_enc extensions.gin_trgm_ops);
create index projects_search_latin on public.projects using gin (search_latin extensions.gin_trgm_ops);

revoke all on table public.projects from anon, authenticated;
grant select (id, code, title, project_type, institution_id, field_code, target_level, headcount, content, hours, mode,
              audiences, funding, fee, status, published_at)
  on table public.projects to anon;
grant select on table public.projects to authenticated;
grant insert (code, title, project_type, institution_id, field_code, target_level, headcount, content, hours, mode, audiences,
              funding, fee, status, published_at)
  on table public.projects to authenticated;
grant update (title, project_type, field_code, target_level, headcount, content, hours, mode, audiences, funding, fee, status,
              published_at, updated_at)
  on table public.projects to authenticated;
grant all on table public.projects to service_role;
alter table public.projects enable row level security;

create table public.project_occupations (
  project_id uuid not null references public.projects (id) on delete cascade,
  occupation_id bigint not null references public.occupations (id),
  position smallint not null default 0 check (position between 0 and 9),
  primary key (project_id, occupation_id),
  unique (project_id, position)
);
comment on table public.project_occupations is 'Occupations a project trains for (拟培训职业); position 0 is the main one.';
comment on column public.project_occupations.project_id is 'The project.';
comment on column public.project_occupations.occupation_id is 'An occupation it trains for.';
comment on column public.project_occupations.position is 'Order; 0 = main occupation (its salary guide and evaluation path are shown).';

create index project_occupations_occupation on public.project_occupations (occupation_id, project_id);

revoke all on table public.project_occupations from anon, authenticated;
grant select on table public.project_occupations to anon, authenticated;
grant insert, update, delete on table public.project_occupations to authenticated;
grant all on table public.project_occupations to service_role;
alter table public.project_occupations enable row level security;

create table public.project_demands (
  project_id uuid not null references public.projects (id) on delete cascade,
  demand_id uuid not null references public.demands (id) on delete cascade,
  primary key (project_id, demand_id)
);
comment on table public.project_demands is 'Which demands a project answers.';
comment on column public.project_demands.project_id is 'The project.';
comment on column public.project_demands.demand_id is 'A demand it answers.';

create index project_demands_demand on public.project_demands (demand_id);

revoke all on table public.project_demands from anon, authenticated;
grant select on table public.project_demands to anon, authenticated;
grant insert, delete on table public.project_demands to authenticated;
grant all on table public.project_demands to service_role;
alter table public.project_demands enable row level security;

/* ---------------------------------------------------------------- classes (班次) */

create table public.classes (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^BC-\d{4}-\d{4,7}$'),
  project_id uuid not null references public.projects (id) on delete cascade,
  institution_id uuid not null references public.institutions (id),
  name text not null check (char_length(name) between 2 and 60),
  start_date date not null,
  end_date date not null,
  schedule text not null default '',
  sessions jsonb not null default '[]'::jsonb check (jsonb_typeof(sessions) = 'array'),
  district text not null references public.districts (code),
  address text not null default '',
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  capacity integer not null check (capacity between 1 and 10000),
  enrolled integer not null default 0 check (enrolled >= 0),
  enroll_opens_at timestamptz not null,
  enroll_closes_at timestamptz not null,
  fee numeric(10, 2) not null default 0 check (fee >= 0),
  status text not null default 'draft' check (status in ('draft', 'published', 'closed', 'cancelled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint classes_dates check (end_date >= start_date),
  constraint classes_enrollment_window check (enroll_closes_at > enroll_opens_at),
  constraint classes_not_over_capacity check (enrolled <= capacity),
  constraint classes_both_coordinates check ((lat is null) = (lng is null))
);
comment on table public.classes is '培训班次: one run of a project at a place and time that people enroll in.';
comment on column public.classes.id is 'Row id.';
comment on column public.classes.code is 'Public number, BC-<year>-<serial>.';
comment on column public.classes.project_id is 'The project this class runs.';
comment on column public.classes.institution_id is 'Institution running it (the project''s, or a partner site).';
comment on column public.classes.name is 'Name shown, e.g. 2026年第3期（周末班）.';
comment on column public.classes.start_date is 'First day of training.';
comment on column public.classes.end_date is 'Last day of training.';
comment on column public.classes.schedule is 'Schedule in words, e.g. 每周六、周日 9:00–16:30.';
comment on column public.classes.sessions is 'Session list [{date, start, end}] (times in Beijing time), used for attendance.';
comment on column public.classes.district is 'District the class is held in (for online classes: the organiser''s).';
comment on column public.classes.address is 'Where it is held; empty for online classes.';
comment on column public.classes.lat is 'Latitude of the venue (WGS-84); null for online classes.';
comment on column public.classes.lng is 'Longitude of the venue (WGS-84); null for online classes.';
comment on column public.classes.capacity is 'Seats.';
comment on column public.classes.enrolled is 'Seats taken; changed only by the enrollment functions.';
comment on column public.classes.enroll_opens_at is 'When enrollment opens.';
comment on column public.classes.enroll_closes_at is 'When enrollment closes.';
comment on column public.classes.fee is 'Fee in yuan for a person not covered by the subsidy; 0 when free.';
comment on column public.classes.status is 'draft → published; closed = enrollment closed early; cancelled = not held.';
comment on column public.classes.created_at is 'When it was created.';
comment on column public.classes.updated_at is 'When it last changed.';

-- Per-project aggregates (next start, seats, nearest venue) read only the index.
create index classes_project_start on public.classes (project_id, start_date)
  include (status, district, capacity, enrolled, enroll_opens_at, enroll_closes_at, lat, lng);
-- The soonest-first walk and date windows over public classes.
create index classes_public_start on public.classes (start_date, project_id)
  where status in ('published', 'closed');
create index classes_public_district on public.classes (district, start_date, project_id)
  where status in ('published', 'closed');
-- Enrollment open now: published classes whose window has not closed.
create index classes_public_enrolling on public.classes (enroll_opens_at)
  include (enroll_closes_at, capacity, enrolled, start_date, district, project_id)
  where status = 'published';
-- Nearest first: k-nearest-neighbour walk on the venue, longitude scaled to Beijing's latitude.
create index classes_public_venue on public.classes using gist (point(lng * 0.766, lat))
  where status in ('published', 'closed') and lat is not null;
create index classes_institution on public.classes (institution_id, start_date);

revoke all on table public.classes from anon, authenticated;
grant select (id, code, project_id, institution_id, name, start_date, end_date, schedule, sessions, district, address, lat, lng,
              capacity, enrolled, enroll_opens_at, enroll_closes_at, fee, status)
  on table public.classes to anon;
grant select on table public.classes to authenticated;
grant insert (code, project_id, institution_id, name, start_date, end_date, schedule, sessions, district, address, lat, lng,
              capacity, enroll_opens_at, enroll_closes_at, fee, status)
  on table public.classes to authenticated;
grant update (name, start_date, end_date, schedule, sessions, district, address, lat, lng, capacity, enroll_opens_at,
              enroll_closes_at, fee, status, updated_at)
  on table public.classes to authenticated;
grant all on table public.classes to service_role;
alter table public.classes enable row level security;

/* ---------------------------------------------------------------- evaluation sessions */

create table public.evaluation_sessions (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^PJ-\d{4}-\d{4,7}$'),
  institution_id uuid not null references public.institutions (id),
  occupation_id bigint not null references public.occupations (id),
  level text not null check (public.is_skill_level(level)),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  district text not null references public.districts (code),
  place text not null check (char_length(place) between 2 and 200),
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  capacity integer not null check (capacity between 1 and 10000),
  registered integer not null default 0 check (registered >= 0),
  signup_opens_at timestamptz not null,
  signup_closes_at timestamptz not null,
  fee numeric(10, 2) not null default 0 check (fee >= 0),
  status text not null default 'draft' check (status in ('draft', 'published', 'closed', 'cancelled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint evaluation_sessions_times check (ends_at > starts_at and signup_closes_at > signup_opens_at and signup_closes_at <= starts_at),
  constraint evaluation_sessions_not_over_capacity check (registered <= capacity),
  constraint evaluation_sessions_both_coordinates check ((lat is null) = (lng is null))
);
comment on table public.evaluation_sessions is 'Evaluation sittings (职业技能等级认定 or 专项职业能力考核) people sign up for.';
comment on column public.evaluation_sessions.id is 'Row id.';
comment on column public.evaluation_sessions.code is 'Public number, PJ-<year>-<serial>.';
comment on column public.evaluation_sessions.institution_id is 'The evaluation institution holding it.';
comment on column public.evaluation_sessions.occupation_id is 'Occupation or 专项职业能力 item evaluated.';
comment on column public.evaluation_sessions.level is 'Level evaluated (''5''…''1'') or ''special''.';
comment on column public.evaluation_sessions.starts_at is 'When the sitting starts.';
comment on column public.evaluation_sessions.ends_at is 'When it ends.';
comment on column public.evaluation_sessions.district is 'District of the venue.';
comment on column public.evaluation_sessions.place is 'Venue address and room.';
comment on column public.evaluation_sessions.lat is 'Latitude of the venue (WGS-84).';
comment on column public.evaluation_sessions.lng is 'Longitude of the venue (WGS-84).';
comment on column public.evaluation_sessions.capacity is 'Places.';
comment on column public.evaluation_sessions.registered is 'Places taken; changed only by the sign-up functions.';
comment on column public.evaluation_sessions.signup_opens_at is 'When sign-up opens.';
comment on column public.evaluation_sessions.signup_closes_at is 'When sign-up closes (at the latest when it starts).';
comment on column public.evaluation_sessions.fee is 'Evaluation fee in yuan; 0 when free.';
comment on column public.evaluation_sessions.status is 'draft → published; closed = sign-up closed early; cancelled = not held.';
comment on column public.evaluation_sessions.created_at is 'When it was created.';
comment on column public.evaluation_sessions.updated_at is 'When it last changed.';

create index evaluation_sessions_public on public.evaluation_sessions (occupation_id, level, starts_at)
  where status in ('published', 'closed');
create index evaluation_sessions_upcoming on public.evaluation_sessions (starts_at, id)
  where status in ('published', 'closed');
create index evaluation_sessions_institution on public.evaluation_sessions (institution_id, starts_at);

revoke all on table public.evaluation_sessions from anon, authenticated;
grant select (id, code, institution_id, occupation_id, level, starts_at, ends_at, district, place, lat, lng, capacity, registered,
              signup_opens_at, signup_closes_at, fee, status)
  on table public.evaluation_sessions to anon;
grant select on table public.evaluation_sessions to authenticated;
grant insert (code, institution_id, occupation_id, level, starts_at, ends_at, district, place, lat, lng, capacity,
              signup_opens_at, signup_closes_at, fee, status)
  on table public.evaluation_sessions to authenticated;
grant update (starts_at, ends_at, district, place, lat, lng, capacity, signup_opens_at, signup_closes_at, fee, status, updated_at)
  on table public.evaluation_sessions to authenticated;
grant all on table public.evaluation_sessions to service_role;
alter table public.evaluation_sessions enable row level security;

/* ---------------------------------------------------------------- salary guidance */

create table public.salary_guides (
  id bigint generated always as identity primary key,
  year smallint not null check (year between 2000 and 2100),
  occupation_id bigint not null references public.occupations (id),
  level text not null check (public.is_skill_level(level)),
  p10 integer not null check (p10 > 0),
  p25 integer not null,
  p50 integer not null,
  p75 integer not null,
  p90 integer not null,
  unit text not null check (unit in ('yuan_per_month', 'yuan_per_year')),
  source text not null default '',
  constraint salary_guides_once unique (year, occupation_id, level),
  constraint salary_guides_monotonic check (p10 <= p25 and p25 <= p50 and p50 <= p75 and p75 <= p90)
);
comment on table public.salary_guides is '薪酬价位: published pay percentiles per occupation and level, by year.';
comment on column public.salary_guides.id is 'Row id.';
comment on column public.salary_guides.year is 'Year the figures describe.';
comment on column public.salary_guides.occupation_id is 'The occupation.';
comment on column public.salary_guides.level is 'Skill level (''5''…''1''), or ''special'' for a 专项职业能力 item.';
comment on column public.salary_guides.p10 is '10th percentile pay.';
comment on column public.salary_guides.p25 is '25th percentile pay.';
comment on column public.salary_guides.p50 is 'Median pay.';
comment on column public.salary_guides.p75 is '75th percentile pay.';
comment on column public.salary_guides.p90 is '90th percentile pay.';
comment on column public.salary_guides.unit is 'yuan_per_month (元/月) or yuan_per_year (元/年).';
comment on column public.salary_guides.source is 'Where the figures come from.';

revoke all on table public.salary_guides from anon, authenticated;
grant select on table public.salary_guides to anon, authenticated;
grant insert, update, delete on table public.salary_guides to authenticated;
grant all on table public.salary_guides to service_role;
alter table public.salary_guides enable row level security;
create policy "Anyone can read the salary guidance"
  on public.salary_guides for select to anon, authenticated
  using (true);
create policy "Admins manage the salary guidance"
  on public.salary_guides for all to authenticated
  using (public.has_role('admin')) with check (public.has_role('admin'));

/* ---------------------------------------------------------------- visibility rules */

/* One definition of "the public may see it", shared by the policies below and the catalog functions. */
create or replace function public.institution_is_public(p_institution_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.institutions i where i.id = p_institution_id and i.whitelist_status = 'listed');
$$;
grant execute on function public.institution_is_public(uuid) to anon, authenticated, service_role;

create or replace function public.project_is_public(p_project_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.projects p
    join public.institutions i on i.id = p.institution_id
    where p.id = p_project_id and p.status = 'published' and i.whitelist_status = 'listed'
  );
$$;
grant execute on function public.project_is_public(uuid) to anon, authenticated, service_role;

/* Staff scope checks: the caller works for the institution (by its code) or is an admin. */
create or replace function public.works_for_institution(p_institution_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select public.has_role('admin') or exists (
    select 1 from public.institutions i
    where i.id = p_institution_id
      and public.has_role(case i.kind when 'training' then 'institution_staff' else 'evaluator_staff' end, i.code)
  );
$$;
revoke all on function public.works_for_institution(uuid) from public, anon;
grant execute on function public.works_for_institution(uuid) to authenticated, service_role;

create policy "Anyone can read whitelisted institutions"
  on public.institutions for select to anon, authenticated
  using (whitelist_status = 'listed');
create policy "Staff can read their own institution"
  on public.institutions for select to authenticated
  using (public.works_for_institution(id));
create policy "Admins add institutions"
  on public.institutions for insert to authenticated
  with check (public.has_role('admin'));
create policy "Staff update their own institution, admins any"
  on public.institutions for update to authenticated
  using (public.works_for_institution(id))
  with check (public.works_for_institution(id));

create policy "Anyone can read the evaluation scope of whitelisted evaluators"
  on public.institution_occupations for select to anon, authenticated
  using (public.institution_is_public(institution_id));
create policy "Admins manage evaluation scopes"
  on public.institution_occupations for all to authenticated
  using (public.has_role('admin')) with check (public.has_role('admin'));

create policy "Anyone can read published demands"
  on public.demands for select to anon, authenticated
  using (status <> 'draft');
create policy "Stations, reviewers and admins read demands they handle"
  on public.demands for select to authenticated
  using (public.has_role('admin') or public.has_role('reviewer', district)
         or (station_code is not null and public.has_role('station_staff', station_code)));
create policy "Stations, reviewers and admins enter demands"
  on public.demands for insert to authenticated
  with check (public.has_role('admin') or public.has_role('reviewer', district)
              or (station_code is not null and public.has_role('station_staff', station_code)));
create policy "Stations, reviewers and admins update demands they handle"
  on public.demands for update to authenticated
  using (public.has_role('admin') or public.has_role('reviewer', district)
         or (station_code is not null and public.has_role('station_staff', station_code)))
  with check (public.has_role('admin') or public.has_role('reviewer', district)
              or (station_code is not null and public.has_role('station_staff', station_code)));

create policy "Staff who enter demands can read all enterprises"
  on public.enterprises for select to authenticated
  using (public.has_role('admin') or public.has_role('reviewer') or public.has_role('station_staff'));
create policy "Staff who enter demands register enterprises"
  on public.enterprises for insert to authenticated
  with check (public.has_role('admin') or public.has_role('reviewer') or public.has_role('station_staff'));
create policy "Admins update enterprises"
  on public.enterprises for update to authenticated
  using (public.has_role('admin')) with check (public.has_role('admin'));

create policy "Anyone can read published projects of whitelisted institutions"
  on public.projects for select to anon, authenticated
  using (status = 'published' and public.institution_is_public(institution_id));
create policy "Institution staff read their own projects"
  on public.projects for select to authenticated
  using (public.works_for_institution(institution_id));
create policy "Institution staff add projects for their institution"
  on public.projects for insert to authenticated
  with check (public.works_for_institution(institution_id));
create policy "Institution staff update their own projects"
  on public.projects for update to authenticated
  using (public.works_for_institution(institution_id))
  with check (public.works_for_institution(institution_id));

create policy "Anyone can read the occupations of public projects"
  on public.project_occupations for select to anon, authenticated
  using (public.project_is_public(project_id));
create policy "Institution staff manage their projects' occupations"
  on public.project_occupations for all to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and public.works_for_institution(p.institution_id)))
  with check (exists (select 1 from public.projects p where p.id = project_id and public.works_for_institution(p.institution_id)));

create policy "Anyone can read which published demands public projects answer"
  on public.project_demands for select to anon, authenticated
  using (public.project_is_public(project_id)
         and exists (select 1 from public.demands d where d.id = demand_id and d.status <> 'draft'));
create policy "Institution staff link their projects to demands"
  on public.project_demands for all to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and public.works_for_institution(p.institution_id)))
  with check (exists (select 1 from public.projects p where p.id = project_id and public.works_for_institution(p.institution_id)));

create policy "Anyone can read published classes of public projects"
  on public.classes for select to anon, authenticated
  using (status in ('published', 'closed') and public.project_is_public(project_id));
create policy "Institution staff read their own classes"
  on public.classes for select to authenticated
  using (public.works_for_institution(institution_id));
create policy "Institution staff add classes to their projects"
  on public.classes for insert to authenticated
  with check (public.works_for_institution(institution_id)
              and exists (select 1 from public.projects p where p.id = project_id and public.works_for_institution(p.institution_id)));
create policy "Institution staff update their own classes"
  on public.classes for update to authenticated
  using (public.works_for_institution(institution_id))
  with check (public.works_for_institution(institution_id));

create policy "Anyone can read published sessions of whitelisted evaluators"
  on public.evaluation_sessions for select to anon, authenticated
  using (status in ('published', 'closed') and public.institution_is_public(institution_id));
create policy "Evaluator staff read their own sessions"
  on public.evaluation_sessions for select to authenticated
  using (public.works_for_institution(institution_id));
create policy "Evaluator staff add sessions for their institution"
  on public.evaluation_sessions for insert to authenticated
  with check (public.works_for_institution(institution_id)
              and exists (select 1 from public.institutions i where i.id = institution_id and i.kind = 'evaluation'));
create policy "Evaluator staff update their own sessions"
  on public.evaluation_sessions for update to authenticated
  using (public.works_for_institution(institution_id))
  with check (public.works_for_institution(institution_id));

/* ---------------------------------------------------------------- search upkeep */

/* Names keep their pinyin and initials, whoever writes them (seed, staff, functions). */
create or replace function public.keep_name_pinyin()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v record;
begin
  select * into v from public.search_pinyin(new.name);
  new.name_pinyin := v.full_pinyin;
  new.name_initials := v.initials;
  return new;
end;
$$;

create trigger occupations_name_pinyin before insert or update of name on public.occupations
  for each row execute function public.keep_name_pinyin();
create trigger enterprises_name_pinyin before insert or update of name on public.enterprises
  for each row execute function public.keep_name_pinyin();
create trigger institutions_name_pinyin before insert or update of name on public.institutions
  for each row execute function public.keep_name_pinyin();

/*
 * The searchable text of a project: normalised title, occupation names, institution name and content
 * (Chinese substring search), pinyin and initials of the first three, and the index terms. Security
 * definer: it reads names the writing staff member may not see through RLS.
 */
create or replace function public.project_search_doc(
  p_project_id uuid, p_title text, p_content text, p_institution_id uuid,
  out search_text text, out search_pinyin text, out search_initials text, out search_latin text, out search_enc text)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_occupations text;
  v_occupations_pinyin text;
  v_occupations_initials text;
  v_institution public.institutions;
  v_title record;
begin
  select coalesce(string_agg(public.search_normalize(o.name), '/' order by po.position), ''),
         coalesce(string_agg(o.name_pinyin, '/' order by po.position), ''),
         coalesce(string_agg(o.name_initials, '/' order by po.position), '')
    into v_occupations, v_occupations_pinyin, v_occupations_initials
  from public.project_occupations po
  join public.occupations o on o.id = po.occupation_id
  where po.project_id = p_project_id;
  select * into v_institution from public.institutions i where i.id = p_institution_id;
  select * into v_title from public.search_pinyin(p_title);

  -- '|' separates the parts (normalised text never holds one), so a match never spans two
  search_text := concat_ws('|', public.search_normalize(p_title), v_occupations,
                           coalesce(public.search_normalize(v_institution.name), ''), public.search_normalize(p_content));
  search_pinyin := concat_ws('|', v_title.full_pinyin, v_occupations_pinyin, coalesce(v_institution.name_pinyin, ''));
  search_initials := concat_ws('|', v_title.initials, v_occupations_initials, coalesce(v_institution.name_initials, ''));
  search_latin := concat_ws('|', search_text, search_pinyin, search_initials);
  search_enc := public.search_encode(search_text);
end;
$$;
revoke all on function public.project_search_doc(uuid, text, text, uuid) from public, anon, authenticated;

/* Trigger functions run as their owner: the search helpers they call are not the writers' to call. */
create or replace function public.keep_project_search()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v record;
begin
  select * into v from public.project_search_doc(new.id, new.title, new.content, new.institution_id);
  new.search_text := v.search_text;
  new.search_pinyin := v.search_pinyin;
  new.search_initials := v.search_initials;
  new.search_latin := v.search_latin;
  new.search_enc := v.search_enc;
  return new;
end;
$$;

create trigger projects_search before insert or update of title, content, institution_id on public.projects
  for each row execute function public.keep_project_search();

/* Recomputes the searchable text of the given projects (after their occupations or names changed). */
create or replace function public.refresh_project_search(p_project_ids uuid[])
returns void
language sql
security definer
set search_path = ''
as $$
  update public.projects p
  set (search_text, search_pinyin, search_initials, search_latin, search_enc) = (
    select d.search_text, d.search_pinyin, d.search_initials, d.search_latin, d.search_enc
    from public.project_search_doc(p.id, p.title, p.content, p.institution_id) d)
  where p.id = any (p_project_ids);
$$;
revoke all on function public.refresh_project_search(uuid[]) from public, anon, authenticated;

create or replace function public.project_occupations_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    perform public.refresh_project_search(array(select distinct project_id from old_rows));
  else
    perform public.refresh_project_search(array(select distinct project_id from new_rows));
  end if;
  return null;
end;
$$;

create trigger project_occupations_inserted after insert on public.project_occupations
  referencing new table as new_rows for each statement execute function public.project_occupations_changed();
create trigger project_occupations_updated after update on public.project_occupations
  referencing new table as new_rows for each statement execute function public.project_occupations_changed();
create trigger project_occupations_deleted after delete on public.project_occupations
  referencing old table as old_rows for each statement execute function public.project_occupations_changed();

create or replace function public.names_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_table_name = 'institutions' then
    perform public.refresh_project_search(array(select p.id from public.projects p where p.institution_id = new.id));
  else
    perform public.refresh_project_search(array(
      select po.project_id from public.project_occupations po where po.occupation_id = new.id));
  end if;
  return null;
end;
$$;

create trigger institutions_name_changed after update of name on public.institutions
  for each row when (old.name is distinct from new.name) execute function public.names_changed();
create trigger occupations_name_changed after update of name on public.occupations
  for each row when (old.name is distinct from new.name) execute function public.names_changed();

/* Only admins (or trusted server code) change who is on a whitelist. */
create or replace function public.guard_whitelist()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.whitelist_status, new.whitelisted_on, new.kind, new.code) is distinct from
     (old.whitelist_status, old.whitelisted_on, old.kind, old.code)
     and coalesce(auth.role(), '') in ('anon', 'authenticated') and not public.has_role('admin') then
    raise exception using errcode = 'PT403', message = 'not_allowed';
  end if;
  return new;
end;
$$;

create trigger institutions_guard_whitelist before update on public.institutions
  for each row execute function public.guard_whitelist();

/* ---------------------------------------------------------------- catalog reads: helpers */

/* Today in Beijing, whatever the session's time zone (PostgREST sessions run in UTC). */
create or replace function public.beijing_today()
returns date
language sql
stable
parallel safe
set search_path = ''
as $$ select (now() at time zone 'Asia/Shanghai')::date $$;
grant execute on function public.beijing_today() to anon, authenticated, service_role;

/* Straight-line distance in km on Beijing's scale (equirectangular; the same measure the venue index orders by). */
create or replace function public.catalog_distance_km(p_lat double precision, p_lng double precision, p_from_lat double precision, p_from_lng double precision)
returns double precision
language sql
immutable
parallel safe
set search_path = ''
as $$ select (point(p_lng * 0.766, p_lat) <-> point(p_from_lng * 0.766, p_from_lat)) * 111.0 $$;
grant execute on function public.catalog_distance_km(double precision, double precision, double precision, double precision)
  to anon, authenticated, service_role;

/* Where a class's enrollment stands now: not_open, open, full or closed. */
create or replace function public.class_enrollment_state(c public.classes)
returns text
language sql
stable
set search_path = ''
as $$
  select case
    when c.status <> 'published' or now() >= c.enroll_closes_at then 'closed'
    when now() < c.enroll_opens_at then 'not_open'
    when c.enrolled >= c.capacity then 'full'
    else 'open'
  end;
$$;
grant execute on function public.class_enrollment_state(public.classes) to anon, authenticated, service_role;

/* Seats a person could still take: only while the class is enrolling or about to. */
create or replace function public.class_seats_left(c public.classes)
returns integer
language sql
stable
set search_path = ''
as $$ select case when c.status = 'published' and now() < c.enroll_closes_at then c.capacity - c.enrolled else 0 end $$;
grant execute on function public.class_seats_left(public.classes) to anon, authenticated, service_role;

/* A class as lists show it (public columns only); distance when a position is given. */
create or replace function public.catalog_class_json(c public.classes, p_lat double precision default null, p_lng double precision default null)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', c.id,
    'code', c.code,
    'name', c.name,
    'startDate', c.start_date,
    'endDate', c.end_date,
    'schedule', c.schedule,
    'district', c.district,
    'districtName', (select d.name from public.districts d where d.code = c.district),
    'address', c.address,
    'lat', c.lat,
    'lng', c.lng,
    'online', c.lat is null,
    'capacity', c.capacity,
    'seatsLeft', public.class_seats_left(c),
    'enrollOpensAt', c.enroll_opens_at,
    'enrollClosesAt', c.enroll_closes_at,
    'enrollment', public.class_enrollment_state(c),
    'fee', c.fee,
    'distanceKm', case when p_lat is not null and c.lat is not null
                       then round(public.catalog_distance_km(c.lat, c.lng, p_lat, p_lng)::numeric, 1) end
  );
$$;
-- a building block of the security definer reads below, not an API of its own
revoke all on function public.catalog_class_json(public.classes, double precision, double precision) from public, anon, authenticated;

/* Raises the stable error the API turns into a 400 naming the parameter. */
create or replace function public.catalog_bad_filter(p_code text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = 'PT400', message = p_code;
end;
$$;
revoke all on function public.catalog_bad_filter(text) from public, anon, authenticated;

/*
 * Checks the project filters every catalog query shares and answers the occupation's id (null when
 * no occupation is given); a bad value raises its own code, which the API reports on its field.
 */
create or replace function public.catalog_check_filters(
  p_field text, p_district text, p_occupation text, p_mode text, p_level text, p_audience text,
  p_starts_after date, p_starts_before date)
returns bigint
language plpgsql
stable
set search_path = ''
as $$
declare
  v_occupation_id bigint;
begin
  if p_field is not null and not exists (select 1 from public.fields f where f.code = p_field) then
    perform public.catalog_bad_filter('unknown_field');
  end if;
  if p_district is not null and not exists (select 1 from public.districts d where d.code = p_district) then
    perform public.catalog_bad_filter('unknown_district');
  end if;
  if p_occupation is not null then
    select o.id into v_occupation_id from public.occupations o where o.code = p_occupation;
    if v_occupation_id is null then perform public.catalog_bad_filter('unknown_occupation'); end if;
  end if;
  if p_mode is not null and p_mode not in ('offline', 'online', 'blended') then perform public.catalog_bad_filter('bad_mode'); end if;
  if p_level is not null and not public.is_skill_level(p_level) then perform public.catalog_bad_filter('bad_level'); end if;
  if p_audience is not null and p_audience not in ('employee', 'student', 'key_group') then
    perform public.catalog_bad_filter('bad_audience');
  end if;
  if p_starts_after > p_starts_before then perform public.catalog_bad_filter('bad_date_range'); end if;
  return v_occupation_id;
end;
$$;
revoke all on function public.catalog_check_filters(text, text, text, text, text, text, date, date) from public, anon, authenticated;

/* The parts of a project every list and detail shows (public columns only). */
create or replace function public.catalog_project_json(p public.projects)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', p.id,
    'code', p.code,
    'title', p.title,
    'projectType', p.project_type,
    'field', (select jsonb_build_object('code', f.code, 'name', f.name) from public.fields f where f.code = p.field_code),
    'occupations', coalesce((
      select jsonb_agg(jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty) order by po.position)
      from public.project_occupations po join public.occupations o on o.id = po.occupation_id
      where po.project_id = p.id), '[]'::jsonb),
    'level', p.target_level,
    'mode', p.mode,
    'audiences', to_jsonb(p.audiences),
    'hours', p.hours,
    'headcount', p.headcount,
    'funding', p.funding,
    'fee', p.fee,
    'institution', (select jsonb_build_object('id', i.id, 'code', i.code, 'name', i.name, 'district', i.district)
                    from public.institutions i where i.id = p.institution_id),
    'publishedAt', p.published_at
  );
$$;
revoke all on function public.catalog_project_json(public.projects) from public, anon, authenticated;

/* ---------------------------------------------------------------- catalog: project list */

/*
 * One page of one relevance bucket of the catalog list, ordered by (sort key, id) after the given
 * position: ids and keys of up to p_need projects. Internal to catalog_projects, which builds the
 * predicates (SQL text with literals, so never callable by clients).
 *
 * Keys: soonest = days from 2000-01-01 to the next matching class; seats = minus the seats left in
 * matching classes; nearest = km to the nearest matching venue; 1e9 when there is no such class.
 *
 * Plans: a big bucket sorted soonest or nearest is walked along the class indexes in key order
 * ((start_date, project) or the venue's k-nearest-neighbour order) in small batches, stopping as
 * soon as the page is full, so the first screen never touches every class. Small buckets, the seats
 * sort, the tail of projects without classes and walks that run past their bound aggregate the
 * matching classes of every candidate instead (index-only scans on classes_project_start).
 */
create or replace function public.catalog_bucket_page(
  p_pf text, p_cf text, p_has_cf boolean, p_sort text, p_lat double precision, p_lng double precision,
  p_size bigint, p_after_key double precision, p_after_id uuid, p_need integer,
  out ids uuid[], out keys double precision[])
language plpgsql
stable
set search_path = ''
as $$
declare
  c_none constant double precision := 1e9;
  c_dense constant integer := 200;
  c_walk_batch constant integer := 100;
  c_walk_bound constant integer := 6400;
  v_cf text := replace(p_cf, '#', 'c');
  v_seats text := 'case when c.status = ''published'' and c.enroll_closes_at > now() then c.capacity - c.enrolled else 0 end';
  v_dist text := case when p_lat is null then 'null::double precision'
                      else format('public.catalog_distance_km(c.lat, c.lng, %s, %s)', p_lat, p_lng) end;
  v_rec record;
  v_rows integer := 0;
  v_walked_rows integer := 0;
  v_batch integer;
  v_from_date date;
  v_from_id uuid;
  v_seen uuid[] := '{}';
  v_tail uuid[];
  v_walked boolean := false;
begin
  ids := '{}';
  keys := '{}';

  if p_sort = 'soonest' and p_size > c_dense and coalesce(p_after_key, 0) < c_none then
    v_from_date := case when p_after_key is null then public.beijing_today() - 1 else date '2000-01-01' + p_after_key::integer end;
    v_from_id := coalesce(p_after_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid);
    v_batch := c_walk_batch;
    <<walk>>
    loop
      v_rows := 0;
      -- The inner LIMIT fences the plan into an ordered index walk whatever the search predicates'
      -- estimates; each row says whether it is the first matching class of a bucket project.
      for v_rec in execute format(
        'select w.project_id, w.start_date,
                (%2$s and not exists (select 1 from public.classes c2 where c2.project_id = w.project_id and %5$s
                                      and c2.start_date < w.start_date)) as ok
         from (select c.project_id, c.start_date from public.classes c
               where %1$s and (c.start_date, c.project_id) > (%3$L::date, %4$L::uuid)
               order by c.start_date, c.project_id limit %6$s) w
         join public.projects p on p.id = w.project_id
         join public.institutions i on i.id = p.institution_id
         order by w.start_date, w.project_id',
        v_cf, p_pf, v_from_date, v_from_id, replace(p_cf, '#', 'c2'), v_batch)
      loop
        v_rows := v_rows + 1;
        v_walked_rows := v_walked_rows + 1;
        v_from_date := v_rec.start_date;
        v_from_id := v_rec.project_id;
        continue when not v_rec.ok or v_rec.project_id = any (ids);
        ids := ids || v_rec.project_id;
        keys := keys || (v_rec.start_date - date '2000-01-01')::double precision;
        exit walk when cardinality(ids) >= p_need;
      end loop;
      exit when v_rows < v_batch or v_walked_rows >= c_walk_bound;
      v_batch := least(v_batch * 2, 1600);
    end loop;
    v_walked := cardinality(ids) >= p_need or v_walked_rows < c_walk_bound;
  elsif p_sort = 'nearest' and p_size > c_dense and coalesce(p_after_key, 0) < c_none then
    v_batch := c_walk_batch;
    <<knn>>
    loop
      v_rows := 0;
      ids := '{}';
      keys := '{}';
      v_seen := '{}';
      for v_rec in execute format(
        'select w.project_id, w.k, (%2$s) as ok
         from (select c.project_id, public.catalog_distance_km(c.lat, c.lng, %3$s, %4$s) as k
               from public.classes c
               where %1$s and c.lat is not null
               order by point(c.lng * 0.766, c.lat) <-> point(%4$s * 0.766, %3$s)
               limit %5$s) w
         join public.projects p on p.id = w.project_id
         join public.institutions i on i.id = p.institution_id
         order by w.k',
        v_cf, p_pf, p_lat, p_lng, v_batch)
      loop
        v_rows := v_rows + 1;
        -- past the page and past every tie of its last key: done
        exit knn when cardinality(ids) >= p_need and v_rec.k > keys[cardinality(keys)];
        continue when not v_rec.ok or v_rec.project_id = any (ids) or v_rec.project_id = any (v_seen);
        v_seen := v_seen || v_rec.project_id;
        continue when p_after_id is not null and (v_rec.k, v_rec.project_id) <= (p_after_key, p_after_id);
        ids := ids || v_rec.project_id;
        keys := keys || v_rec.k;
      end loop;
      exit when v_rows < v_batch or v_batch >= c_walk_bound;
      v_batch := v_batch * 4;
    end loop;
    v_walked := cardinality(ids) >= p_need or v_rows < v_batch;
    if v_walked then
      select coalesce(array_agg(x.id order by x.k, x.id), '{}'), coalesce(array_agg(x.k order by x.k, x.id), '{}')
        into ids, keys
      from (select u.id, u.k from unnest(ids, keys) as u (id, k) order by u.k, u.id limit p_need) x;
    end if;
  end if;

  if v_walked then
    if cardinality(ids) < p_need then
      -- the walk ran out: projects without a matching class (or venue) follow, by id
      execute format(
        'select coalesce(array_agg(id order by id), ''{}'') from (
           select p.id from public.projects p join public.institutions i on i.id = p.institution_id
           where %1$s %2$s and not exists (select 1 from public.classes c where c.project_id = p.id and %3$s %4$s)
           order by p.id limit %5$s) x',
        p_pf,
        case when p_has_cf then format('and exists (select 1 from public.classes c where c.project_id = p.id and %s)', v_cf)
             else '' end,
        v_cf, case when p_sort = 'nearest' then 'and c.lat is not null' else '' end,
        p_need - cardinality(ids))
        into v_tail;
      -- (no class at all when class filters are set: the bucket has none of those)
      ids := ids || v_tail;
      keys := keys || array_fill(c_none, array[cardinality(v_tail)]);
    end if;
    return;
  end if;

  execute format(
    'with cand as materialized (
       select p.id from public.projects p join public.institutions i on i.id = p.institution_id where %1$s
     ), per_project as (
       select c.project_id, count(*) as n, min(c.start_date) as next_start, sum(%2$s) as seats, min(%3$s) as dist
       from public.classes c
       where %4$s and c.project_id in (select cand.id from cand)
       group by c.project_id
     ), keyed as (
       select cand.id, %5$s as k
       from cand left join per_project s on s.project_id = cand.id
       where %6$s
     )
     select coalesce(array_agg(id order by k, id), ''{}''), coalesce(array_agg(k order by k, id), ''{}'')
     from (select id, k from keyed where %7$s order by k, id limit %8$s) x',
    p_pf, v_seats, v_dist, v_cf,
    case p_sort
      when 'soonest' then format('coalesce((s.next_start - date ''2000-01-01'')::double precision, %s)', c_none)
      when 'seats' then '-coalesce(s.seats, 0)::double precision'
      else format('coalesce(s.dist, %s)', c_none) end,
    case when p_has_cf then 's.n is not null' else 'true' end,
    case when p_after_id is null then 'true'
         else format('(k, id) > (%s::double precision, %L::uuid)', p_after_key, p_after_id) end,
    p_need)
    into ids, keys;
end;
$$;
revoke all on function public.catalog_bucket_page(text, text, boolean, text, double precision, double precision, bigint,
  double precision, uuid, integer) from public, anon, authenticated;

/*
 * The catalog list: one call returns a page of projects, the total and the keyset position of the
 * last row. Order: relevance (when searching), then the sort key (soonest next class, most seats
 * left, or nearest venue), then id, so pages never repeat or skip a row even with ties.
 *
 * Filters on projects (field, occupation, mode, level, audience, search) and on their classes
 * (district, open for enrollment now, start window) combine; with class filters a project is listed
 * only when one of its public classes matches, and its next class, seats and distance are computed
 * from the matching classes only. Classes count when public and starting today or later.
 *
 * Search: the query is normalised like the stored text. Queries with Chinese characters match the
 * hex-encoded text (search_encode) through its pg_trgm index, which works whatever the locale;
 * latin queries of three or more letters a pg_trgm index over text, pinyin and initials; shorter
 * ones (dg, hg) the pinyin and initials in the covering index. Relevance: 1 title, 2 occupation, 3 institution, 4 content (the part of the first Chinese
 * or latin substring hit), 5 full pinyin, 6 initials. Each relevance bucket is paged by
 * catalog_bucket_page.
 *
 * Security definer: the function applies the public-visibility rules itself (published project of a
 * whitelisted institution; published or closed class) and returns public columns only; every value
 * reaches the SQL text through format's %L/%s after validation.
 */
create or replace function public.catalog_projects(
  p_q text default null,
  p_field text default null,
  p_district text default null,
  p_occupation text default null,
  p_mode text default null,
  p_level text default null,
  p_audience text default null,
  p_open boolean default false,
  p_starts_after date default null,
  p_starts_before date default null,
  p_sort text default 'soonest',
  p_lat double precision default null,
  p_lng double precision default null,
  p_after_rank integer default null,
  p_after_key double precision default null,
  p_after_id uuid default null,
  p_limit integer default 20
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_q text := nullif(public.search_normalize(p_q), '');
  v_today date := public.beijing_today();
  v_occupation_id bigint;
  v_has_cf boolean := p_district is not null or coalesce(p_open, false)
                      or p_starts_after is not null or p_starts_before is not null;
  v_pf text;
  v_cf text;
  v_rank text := '0';
  v_seats text := 'case when c.status = ''published'' and c.enroll_closes_at > now() then c.capacity - c.enrolled else 0 end';
  v_dist text;
  v_bucket_ranks integer[];
  v_bucket_sizes bigint[];
  v_total bigint;
  v_take integer := p_limit + 1;
  v_page record;
  v_ids uuid[] := '{}';
  v_ranks integer[] := '{}';
  v_keys double precision[] := '{}';
  v_items jsonb;
  v_next jsonb;
begin
  /* -- validation: every bad filter names itself */
  if p_limit is null or p_limit < 1 or p_limit > 50 then perform public.catalog_bad_filter('bad_limit'); end if;
  if p_sort is null or p_sort not in ('soonest', 'nearest', 'seats') then perform public.catalog_bad_filter('bad_sort'); end if;
  if (p_lat is null) <> (p_lng is null) or p_lat not between -90 and 90 or p_lng not between -180 and 180 then
    perform public.catalog_bad_filter('bad_position');
  end if;
  if p_sort = 'nearest' and p_lat is null then perform public.catalog_bad_filter('position_required'); end if;
  v_occupation_id := public.catalog_check_filters(p_field, p_district, p_occupation, p_mode, p_level, p_audience,
                                                  p_starts_after, p_starts_before);
  if (p_after_id is null) <> (p_after_key is null) or (p_after_id is null) <> (p_after_rank is null) then
    perform public.catalog_bad_filter('bad_cursor');
  end if;

  /* -- predicates, as SQL text with literals so each call is planned for its own values */
  v_pf := 'p.status = ''published'' and i.whitelist_status = ''listed''';
  if p_field is not null then v_pf := v_pf || format(' and p.field_code = %L', p_field); end if;
  if p_mode is not null then v_pf := v_pf || format(' and p.mode = %L', p_mode); end if;
  if p_level is not null then v_pf := v_pf || format(' and p.target_level = %L', p_level); end if;
  if p_audience is not null then v_pf := v_pf || format(' and p.audiences @> array[%L]', p_audience); end if;
  if v_occupation_id is not null then
    v_pf := v_pf || format(
      ' and exists (select 1 from public.project_occupations po where po.project_id = p.id and po.occupation_id = %s)',
      v_occupation_id);
  end if;
  if v_q is not null then
    if v_q ~ '[㐀-鿿]' then
      v_pf := v_pf || format(' and p.search_enc like %L', '%' || public.search_encode(v_q) || '%');
      v_rank := format('cardinality(string_to_array(left(p.search_text, strpos(p.search_text, %L)), ''|''))', v_q);
    elsif char_length(v_q) < 3 then
      -- too short for trigrams (dg, hg): pinyin and initials only, read from the narrow covering index
      v_pf := v_pf || format(' and (p.search_pinyin like %1$L or p.search_initials like %1$L)', '%' || v_q || '%');
      v_rank := format('case when strpos(p.search_pinyin, %L) > 0 then 5 else 6 end', v_q);
    else
      v_pf := v_pf || format(' and p.search_latin like %L', '%' || v_q || '%');
      v_rank := format(
        'case when strpos(p.search_text, %1$L) > 0
              then cardinality(string_to_array(left(p.search_text, strpos(p.search_text, %1$L)), ''|''))
              when strpos(p.search_pinyin, %1$L) > 0 then 5 else 6 end', v_q);
    end if;
  end if;

  -- '#' stands for the class alias
  v_cf := format('#.status in (''published'', ''closed'') and #.start_date >= %L', greatest(v_today, p_starts_after));
  if p_starts_before is not null then v_cf := v_cf || format(' and #.start_date <= %L', p_starts_before); end if;
  if p_district is not null then v_cf := v_cf || format(' and #.district = %L', p_district); end if;
  if coalesce(p_open, false) then
    v_cf := v_cf || ' and #.status = ''published'' and #.enroll_opens_at <= now() and #.enroll_closes_at > now()'
                    ' and #.enrolled < #.capacity';
  end if;
  v_dist := case when p_lat is null then 'null::double precision'
                 else format('public.catalog_distance_km(c.lat, c.lng, %s, %s)', p_lat, p_lng) end;

  /* -- relevance buckets and their sizes (the total) */
  execute format(
    'select coalesce(array_agg(r order by r), ''{}''), coalesce(array_agg(n order by r), ''{}'') from (
       select %1$s as r, count(*) as n
       from public.projects p join public.institutions i on i.id = p.institution_id
       where %2$s %3$s
       group by 1) x',
    v_rank, v_pf,
    case when v_has_cf then format('and exists (select 1 from public.classes c where c.project_id = p.id and %s)',
                                   replace(v_cf, '#', 'c')) else '' end)
    into v_bucket_ranks, v_bucket_sizes;
  select coalesce(sum(n), 0) into v_total from unnest(v_bucket_sizes) as n;

  /* -- the page: bucket after bucket from the position on */
  for i in 1 .. cardinality(v_bucket_ranks) loop
    continue when p_after_rank is not null and v_bucket_ranks[i] < p_after_rank;
    select * into v_page from public.catalog_bucket_page(
      v_pf || case when v_q is null then '' else format(' and %s = %s', v_rank, v_bucket_ranks[i]) end,
      v_cf, v_has_cf, p_sort, p_lat, p_lng, v_bucket_sizes[i],
      case when v_bucket_ranks[i] = p_after_rank then p_after_key end,
      case when v_bucket_ranks[i] = p_after_rank then p_after_id end,
      v_take - cardinality(v_ids));
    v_ids := v_ids || v_page.ids;
    v_keys := v_keys || v_page.keys;
    v_ranks := v_ranks || array_fill(v_bucket_ranks[i], array[cardinality(v_page.ids)]);
    exit when cardinality(v_ids) >= v_take;
  end loop;

  /* -- items, with their matching classes summarised (one statement: the JSON is built inline,
        as catalog_project_json and catalog_class_json build it for the details) */
  execute format(
    $items$
    select coalesce(jsonb_agg(jsonb_build_object(
        'id', p.id,
        'code', p.code,
        'title', p.title,
        'projectType', p.project_type,
        'field', jsonb_build_object('code', f.code, 'name', f.name),
        'occupations', occ.list,
        'level', p.target_level,
        'mode', p.mode,
        'audiences', to_jsonb(p.audiences),
        'hours', p.hours,
        'headcount', p.headcount,
        'funding', p.funding,
        'fee', p.fee,
        'institution', jsonb_build_object('id', i.id, 'code', i.code, 'name', i.name, 'district', i.district),
        'publishedAt', p.published_at,
        'nextClass', nc.j,
        'classCount', s.n,
        'seatsLeft', coalesce(s.seats, 0),
        'distanceKm', round(s.dist::numeric, 1),
        'match', (array['title', 'occupation', 'institution', 'content', 'pinyin', 'initials'])[u.r]
      ) order by u.ord), '[]'::jsonb)
    from unnest($1, $2) with ordinality as u (id, r, ord)
    join public.projects p on p.id = u.id
    join public.institutions i on i.id = p.institution_id
    join public.fields f on f.code = p.field_code
    cross join lateral (
      select coalesce(jsonb_agg(jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty)
                                order by po.position), '[]'::jsonb) as list
      from public.project_occupations po join public.occupations o on o.id = po.occupation_id
      where po.project_id = p.id) occ
    cross join lateral (
      select count(*) as n, sum(%4$s) as seats, min(%5$s) as dist
      from public.classes c where c.project_id = p.id and %3$s) s
    left join lateral (
      select jsonb_build_object(
        'id', c.id, 'code', c.code, 'name', c.name, 'startDate', c.start_date, 'endDate', c.end_date,
        'schedule', c.schedule, 'district', c.district, 'districtName', d.name, 'address', c.address,
        'lat', c.lat, 'lng', c.lng, 'online', c.lat is null, 'capacity', c.capacity,
        'seatsLeft', %4$s,
        'enrollOpensAt', c.enroll_opens_at, 'enrollClosesAt', c.enroll_closes_at,
        'enrollment', case when c.status <> 'published' or now() >= c.enroll_closes_at then 'closed'
                           when now() < c.enroll_opens_at then 'not_open'
                           when c.enrolled >= c.capacity then 'full' else 'open' end,
        'fee', c.fee,
        'distanceKm', round((%5$s)::numeric, 1)) as j
      from public.classes c join public.districts d on d.code = c.district
      where c.project_id = p.id and %3$s
      order by c.start_date, c.id
      limit 1) nc on true
    where u.ord <= %6$s
    $items$,
    null, null, replace(v_cf, '#', 'c'), v_seats, v_dist, p_limit)
    into v_items using v_ids, v_ranks;

  if cardinality(v_ids) > p_limit then
    v_next := jsonb_build_object('rank', v_ranks[p_limit], 'key', v_keys[p_limit], 'id', v_ids[p_limit]);
  end if;
  return jsonb_build_object('items', v_items, 'total', v_total, 'next', v_next);
end;
$$;
grant execute on function public.catalog_projects(text, text, text, text, text, text, text, boolean, date, date, text,
  double precision, double precision, integer, double precision, uuid, integer) to anon, authenticated, service_role;

/* ---------------------------------------------------------------- catalog: details */

/* An institution as the public sees it. */
create or replace function public.catalog_institution_json(i public.institutions)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', i.id,
    'code', i.code,
    'name', i.name,
    'kind', i.kind,
    'carrierType', i.carrier_type,
    'whitelistedOn', i.whitelisted_on,
    'district', i.district,
    'districtName', (select d.name from public.districts d where d.code = i.district),
    'districtsServed', to_jsonb(i.districts_served),
    'address', i.address,
    'lat', i.lat,
    'lng', i.lng,
    'contactPhone', i.contact_phone,
    'description', i.description
  );
$$;
revoke all on function public.catalog_institution_json(public.institutions) from public, anon, authenticated;

/* An evaluation session as lists show it. */
create or replace function public.catalog_session_json(s public.evaluation_sessions, p_lat double precision default null,
                                                       p_lng double precision default null)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', s.id,
    'code', s.code,
    'institution', (select jsonb_build_object('id', i.id, 'code', i.code, 'name', i.name)
                    from public.institutions i where i.id = s.institution_id),
    'occupation', (select jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty)
                   from public.occupations o where o.id = s.occupation_id),
    'level', s.level,
    'startsAt', s.starts_at,
    'endsAt', s.ends_at,
    'district', s.district,
    'districtName', (select d.name from public.districts d where d.code = s.district),
    'place', s.place,
    'lat', s.lat,
    'lng', s.lng,
    'capacity', s.capacity,
    'seatsLeft', case when s.status = 'published' and now() < s.signup_closes_at then s.capacity - s.registered else 0 end,
    'signupOpensAt', s.signup_opens_at,
    'signupClosesAt', s.signup_closes_at,
    'signup', case
      when s.status <> 'published' or now() >= s.signup_closes_at then 'closed'
      when now() < s.signup_opens_at then 'not_open'
      when s.registered >= s.capacity then 'full'
      else 'open' end,
    'fee', s.fee,
    'distanceKm', case when p_lat is not null and s.lat is not null
                       then round(public.catalog_distance_km(s.lat, s.lng, p_lat, p_lng)::numeric, 1) end
  );
$$;
revoke all on function public.catalog_session_json(public.evaluation_sessions, double precision, double precision)
  from public, anon, authenticated;

/* The latest salary guide for an occupation and level, or null. */
create or replace function public.catalog_salary_json(p_occupation_id bigint, p_level text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('year', g.year, 'level', g.level, 'unit', g.unit, 'p10', g.p10, 'p25', g.p25, 'p50', g.p50,
                            'p75', g.p75, 'p90', g.p90, 'source', g.source)
  from public.salary_guides g
  where g.occupation_id = p_occupation_id and g.level = p_level
  order by g.year desc
  limit 1;
$$;
revoke all on function public.catalog_salary_json(bigint, text) from public, anon, authenticated;

/*
 * After training, the way to a certificate: 职业技能等级证书 for a level, 专项职业能力证书 for a
 * specialty; the whitelisted evaluators registered for it and its next public sessions.
 */
create or replace function public.catalog_evaluation_path_json(p_occupation_id bigint, p_level text,
                                                               p_lat double precision default null,
                                                               p_lng double precision default null)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'certificate', case when p_level = 'special' then 'specialty' else 'skill_level' end,
    'occupation', jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty),
    'level', p_level,
    'institutions', coalesce((
      select jsonb_agg(jsonb_build_object('id', i.id, 'code', i.code, 'name', i.name, 'district', i.district,
                                          'districtName', (select d.name from public.districts d where d.code = i.district))
                       order by i.code)
      from public.institution_occupations io
      join public.institutions i on i.id = io.institution_id
      where io.occupation_id = o.id and p_level = any (io.levels)
        and i.kind = 'evaluation' and i.whitelist_status = 'listed'), '[]'::jsonb),
    'sessions', coalesce((
      select jsonb_agg(public.catalog_session_json(s, p_lat, p_lng) order by s.starts_at, s.id)
      from (
        select s.* from public.evaluation_sessions s
        join public.institutions i on i.id = s.institution_id
        where s.occupation_id = o.id and s.level = p_level and s.status in ('published', 'closed')
          and s.starts_at >= now() and i.whitelist_status = 'listed'
        order by s.starts_at, s.id
        limit 5) s), '[]'::jsonb)
  )
  from public.occupations o
  where o.id = p_occupation_id;
$$;
revoke all on function public.catalog_evaluation_path_json(bigint, text, double precision, double precision)
  from public, anon, authenticated;

/* A demand as the public sees it. */
create or replace function public.catalog_demand_json(d public.demands)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', d.id,
    'code', d.code,
    'enterprise', (select jsonb_build_object('id', e.id, 'name', e.name) from public.enterprises e where e.id = d.enterprise_id),
    'occupation', jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty),
    'field', (select jsonb_build_object('code', f.code, 'name', f.name) from public.fields f where f.code = o.field_code),
    'level', d.level,
    'headcount', d.headcount,
    'skillRequirements', d.skill_requirements,
    'district', d.district,
    'districtName', (select x.name from public.districts x where x.code = d.district),
    'wantedBy', d.wanted_by,
    'source', d.source,
    'status', d.status,
    'publishedAt', d.published_at,
    'projectCount', (select count(*) from public.project_demands pd
                     join public.projects p on p.id = pd.project_id
                     join public.institutions i on i.id = p.institution_id
                     where pd.demand_id = d.id and p.status = 'published' and i.whitelist_status = 'listed')
  )
  from public.occupations o
  where o.id = d.occupation_id;
$$;
revoke all on function public.catalog_demand_json(public.demands) from public, anon, authenticated;

/* One public project with its classes (current and upcoming), institution, demands, evaluation path and salary; null if not public. */
create or replace function public.catalog_project_detail(p_id uuid, p_lat double precision default null,
                                                         p_lng double precision default null)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select public.catalog_project_json(p) || jsonb_build_object(
    'content', p.content,
    'institution', public.catalog_institution_json(i),
    'classes', coalesce((
      select jsonb_agg(public.catalog_class_json(c, p_lat, p_lng) order by c.start_date, c.id)
      from public.classes c
      where c.project_id = p.id and c.status in ('published', 'closed') and c.end_date >= public.beijing_today()), '[]'::jsonb),
    'demands', coalesce((
      select jsonb_agg(public.catalog_demand_json(d) order by d.published_at desc, d.id)
      from public.project_demands pd join public.demands d on d.id = pd.demand_id
      where pd.project_id = p.id and d.status <> 'draft'), '[]'::jsonb),
    'evaluationPath', (
      select public.catalog_evaluation_path_json(po.occupation_id, p.target_level, p_lat, p_lng)
      from public.project_occupations po where po.project_id = p.id order by po.position limit 1),
    'salary', (
      select public.catalog_salary_json(po.occupation_id, p.target_level)
      from public.project_occupations po where po.project_id = p.id order by po.position limit 1)
  )
  from public.projects p
  join public.institutions i on i.id = p.institution_id
  where p.id = p_id and p.status = 'published' and i.whitelist_status = 'listed';
$$;
grant execute on function public.catalog_project_detail(uuid, double precision, double precision) to anon, authenticated, service_role;

/* One public class with its sessions, project and the institution running it; null if not public. */
create or replace function public.catalog_class_detail(p_id uuid, p_lat double precision default null,
                                                       p_lng double precision default null)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select public.catalog_class_json(c, p_lat, p_lng) || jsonb_build_object(
    'sessions', c.sessions,
    'project', public.catalog_project_json(p),
    'institution', public.catalog_institution_json(ci)
  )
  from public.classes c
  join public.projects p on p.id = c.project_id
  join public.institutions i on i.id = p.institution_id
  join public.institutions ci on ci.id = c.institution_id
  where c.id = p_id and c.status in ('published', 'closed') and p.status = 'published'
    and i.whitelist_status = 'listed' and ci.whitelist_status = 'listed';
$$;
grant execute on function public.catalog_class_detail(uuid, double precision, double precision) to anon, authenticated, service_role;

/* ---------------------------------------------------------------- catalog: other lists */

/* Published demands, newest first; keyset on (published_at, id). */
create or replace function public.catalog_demands(
  p_q text default null,
  p_district text default null,
  p_occupation text default null,
  p_field text default null,
  p_source text default null,
  p_status text default 'published',
  p_after_published_at timestamptz default null,
  p_after_id uuid default null,
  p_limit integer default 20
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_q text := nullif(public.search_normalize(p_q), '');
  v_ids uuid[];
  v_total bigint;
begin
  if p_limit is null or p_limit < 1 or p_limit > 50 then perform public.catalog_bad_filter('bad_limit'); end if;
  if p_district is not null and not exists (select 1 from public.districts d where d.code = p_district) then
    perform public.catalog_bad_filter('unknown_district');
  end if;
  if p_occupation is not null and not exists (select 1 from public.occupations o where o.code = p_occupation) then
    perform public.catalog_bad_filter('unknown_occupation');
  end if;
  if p_field is not null and not exists (select 1 from public.fields f where f.code = p_field) then
    perform public.catalog_bad_filter('unknown_field');
  end if;
  if p_status is null or p_status not in ('published', 'fulfilled', 'closed', 'all') then
    perform public.catalog_bad_filter('bad_status');
  end if;
  if p_source is not null and p_source not in ('notice', 'service_package', 'self_declared', 'station') then
    perform public.catalog_bad_filter('bad_source');
  end if;
  if (p_after_id is null) <> (p_after_published_at is null) then perform public.catalog_bad_filter('bad_cursor'); end if;

  with matching as (
    select d.*
    from public.demands d
    join public.enterprises e on e.id = d.enterprise_id
    join public.occupations o on o.id = d.occupation_id
    where d.status <> 'draft'
      and (p_status = 'all' or d.status = p_status)
      and (p_district is null or d.district = p_district)
      and (p_occupation is null or o.code = p_occupation)
      and (p_field is null or o.field_code = p_field)
      and (p_source is null or d.source = p_source)
      and (v_q is null
           or strpos(concat_ws('/', public.search_normalize(e.name), public.search_normalize(o.name),
                                public.search_normalize(d.skill_requirements)), v_q) > 0
           or strpos(concat_ws('/', e.name_pinyin, e.name_initials, o.name_pinyin, o.name_initials), v_q) > 0)
  )
  select (select count(*) from matching),
         (select coalesce(array_agg(m.id order by m.published_at desc, m.id desc), '{}') from (
            select * from matching m
            where p_after_id is null or (m.published_at, m.id) < (p_after_published_at, p_after_id)
            order by m.published_at desc, m.id desc
            limit p_limit + 1) m)
    into v_total, v_ids;

  return jsonb_build_object(
    'items', coalesce((select jsonb_agg(public.catalog_demand_json(d) order by u.n)
                       from unnest(v_ids[1:p_limit]) with ordinality as u (id, n)
                       join public.demands d on d.id = u.id), '[]'::jsonb),
    'total', v_total,
    'next', case when cardinality(v_ids) > p_limit then (
                 select jsonb_build_object('publishedAt', d.published_at, 'id', d.id)
                 from public.demands d where d.id = v_ids[p_limit]) end);
end;
$$;
grant execute on function public.catalog_demands(text, text, text, text, text, text, timestamptz, uuid, integer)
  to anon, authenticated, service_role;

/* The whitelists: listed institutions by relevance (when searching) then code; keyset on (rank, code). */
create or replace function public.catalog_institutions(
  p_kind text default null,
  p_district text default null,
  p_q text default null,
  p_occupation text default null,
  p_after_rank integer default null,
  p_after_code text default null,
  p_limit integer default 20
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_q text := nullif(public.search_normalize(p_q), '');
  v_occupation_id bigint;
  v_codes text[];
  v_ranks integer[];
  v_total bigint;
begin
  if p_limit is null or p_limit < 1 or p_limit > 50 then perform public.catalog_bad_filter('bad_limit'); end if;
  if p_kind is not null and p_kind not in ('training', 'evaluation') then perform public.catalog_bad_filter('bad_kind'); end if;
  if p_district is not null and not exists (select 1 from public.districts d where d.code = p_district) then
    perform public.catalog_bad_filter('unknown_district');
  end if;
  if p_occupation is not null then
    select o.id into v_occupation_id from public.occupations o where o.code = p_occupation;
    if v_occupation_id is null then perform public.catalog_bad_filter('unknown_occupation'); end if;
  end if;
  if (p_after_code is null) <> (p_after_rank is null) then perform public.catalog_bad_filter('bad_cursor'); end if;

  with matching as (
    select i.code,
           case when v_q is null then 0
                when strpos(public.search_normalize(i.name), v_q) > 0 then 1
                when strpos(i.name_pinyin, v_q) > 0 then 2
                when strpos(i.name_initials, v_q) > 0 then 3
                else 4 end as r
    from public.institutions i
    where i.whitelist_status = 'listed'
      and (p_kind is null or i.kind = p_kind)
      and (p_district is null or i.district = p_district or p_district = any (i.districts_served))
      and (v_occupation_id is null
           or exists (select 1 from public.institution_occupations io
                      where io.institution_id = i.id and io.occupation_id = v_occupation_id)
           or exists (select 1 from public.projects p join public.project_occupations po on po.project_id = p.id
                      where p.institution_id = i.id and p.status = 'published' and po.occupation_id = v_occupation_id))
  )
  select (select count(*) from matching where r < 4),
         (select coalesce(array_agg(m.code order by m.r, m.code), '{}') from (
            select * from matching m
            where m.r < 4 and (p_after_code is null or (m.r, m.code) > (p_after_rank, p_after_code))
            order by m.r, m.code limit p_limit + 1) m),
         (select coalesce(array_agg(m.r order by m.r, m.code), '{}') from (
            select * from matching m
            where m.r < 4 and (p_after_code is null or (m.r, m.code) > (p_after_rank, p_after_code))
            order by m.r, m.code limit p_limit + 1) m)
    into v_total, v_codes, v_ranks;

  return jsonb_build_object(
    'items', coalesce((
      select jsonb_agg(public.catalog_institution_json(i) || jsonb_build_object(
               'projectCount', (select count(*) from public.projects p where p.institution_id = i.id and p.status = 'published'),
               'occupations', coalesce((
                 select jsonb_agg(jsonb_build_object('code', o.code, 'name', o.name, 'levels', to_jsonb(io.levels)) order by o.code)
                 from public.institution_occupations io join public.occupations o on o.id = io.occupation_id
                 where io.institution_id = i.id), '[]'::jsonb))
             order by u.n)
      from unnest(v_codes[1:p_limit]) with ordinality as u (code, n)
      join public.institutions i on i.code = u.code), '[]'::jsonb),
    'total', v_total,
    'next', case when cardinality(v_codes) > p_limit then
                 jsonb_build_object('rank', v_ranks[p_limit], 'code', v_codes[p_limit]) end);
end;
$$;
grant execute on function public.catalog_institutions(text, text, text, text, integer, text, integer) to anon, authenticated, service_role;

/* Upcoming public evaluation sessions, soonest first; keyset on (starts_at, id). */
create or replace function public.catalog_evaluation_sessions(
  p_occupation text default null,
  p_level text default null,
  p_district text default null,
  p_institution text default null,
  p_open boolean default false,
  p_lat double precision default null,
  p_lng double precision default null,
  p_after_starts_at timestamptz default null,
  p_after_id uuid default null,
  p_limit integer default 20
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_occupation_id bigint;
  v_ids uuid[];
  v_total bigint;
begin
  if p_limit is null or p_limit < 1 or p_limit > 50 then perform public.catalog_bad_filter('bad_limit'); end if;
  if p_occupation is not null then
    select o.id into v_occupation_id from public.occupations o where o.code = p_occupation;
    if v_occupation_id is null then perform public.catalog_bad_filter('unknown_occupation'); end if;
  end if;
  if p_level is not null and not public.is_skill_level(p_level) then perform public.catalog_bad_filter('bad_level'); end if;
  if p_district is not null and not exists (select 1 from public.districts d where d.code = p_district) then
    perform public.catalog_bad_filter('unknown_district');
  end if;
  if p_institution is not null and not exists (
    select 1 from public.institutions i where i.code = p_institution and i.kind = 'evaluation' and i.whitelist_status = 'listed') then
    perform public.catalog_bad_filter('unknown_institution');
  end if;
  if (p_lat is null) <> (p_lng is null) or p_lat not between -90 and 90 or p_lng not between -180 and 180 then
    perform public.catalog_bad_filter('bad_position');
  end if;
  if (p_after_id is null) <> (p_after_starts_at is null) then perform public.catalog_bad_filter('bad_cursor'); end if;

  with matching as (
    select s.id, s.starts_at
    from public.evaluation_sessions s
    join public.institutions i on i.id = s.institution_id
    where s.status in ('published', 'closed') and i.whitelist_status = 'listed' and s.starts_at >= now()
      and (v_occupation_id is null or s.occupation_id = v_occupation_id)
      and (p_level is null or s.level = p_level)
      and (p_district is null or s.district = p_district)
      and (p_institution is null or i.code = p_institution)
      and (not coalesce(p_open, false) or (s.status = 'published' and s.signup_opens_at <= now()
                                           and s.signup_closes_at > now() and s.registered < s.capacity))
  )
  select (select count(*) from matching),
         (select coalesce(array_agg(m.id order by m.starts_at, m.id), '{}') from (
            select * from matching m
            where p_after_id is null or (m.starts_at, m.id) > (p_after_starts_at, p_after_id)
            order by m.starts_at, m.id limit p_limit + 1) m)
    into v_total, v_ids;

  return jsonb_build_object(
    'items', coalesce((select jsonb_agg(public.catalog_session_json(s, p_lat, p_lng) order by u.n)
                       from unnest(v_ids[1:p_limit]) with ordinality as u (id, n)
                       join public.evaluation_sessions s on s.id = u.id), '[]'::jsonb),
    'total', v_total,
    'next', case when cardinality(v_ids) > p_limit then (
                 select jsonb_build_object('startsAt', s.starts_at, 'id', s.id)
                 from public.evaluation_sessions s where s.id = v_ids[p_limit]) end);
end;
$$;
grant execute on function public.catalog_evaluation_sessions(text, text, text, text, boolean, double precision, double precision,
  timestamptz, uuid, integer) to anon, authenticated, service_role;

/* Salary guidance: the latest year (or the given one) per occupation and level. */
create or replace function public.catalog_salary(p_occupation text default null, p_level text default null,
                                                 p_field text default null, p_year integer default null)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if p_occupation is not null and not exists (select 1 from public.occupations o where o.code = p_occupation) then
    perform public.catalog_bad_filter('unknown_occupation');
  end if;
  if p_level is not null and not public.is_skill_level(p_level) then perform public.catalog_bad_filter('bad_level'); end if;
  if p_field is not null and not exists (select 1 from public.fields f where f.code = p_field) then
    perform public.catalog_bad_filter('unknown_field');
  end if;

  return (
    with latest as (
      select distinct on (g.occupation_id, g.level) g.*
      from public.salary_guides g
      join public.occupations o on o.id = g.occupation_id
      where (p_occupation is null or o.code = p_occupation)
        and (p_level is null or g.level = p_level)
        and (p_field is null or o.field_code = p_field)
        and (p_year is null or g.year = p_year)
      order by g.occupation_id, g.level, g.year desc
    )
    select jsonb_build_object(
      'items', coalesce(jsonb_agg(jsonb_build_object(
          'year', l.year,
          'occupation', jsonb_build_object('code', o.code, 'name', o.name, 'isSpecialty', o.is_specialty, 'fieldCode', o.field_code),
          'level', l.level, 'unit', l.unit,
          'p10', l.p10, 'p25', l.p25, 'p50', l.p50, 'p75', l.p75, 'p90', l.p90, 'source', l.source)
        order by o.code, array_position(array['5', '4', '3', '2', '1', 'special'], l.level)), '[]'::jsonb),
      'total', count(*))
    from latest l
    join public.occupations o on o.id = l.occupation_id
  );
end;
$$;
grant execute on function public.catalog_salary(text, text, text, integer) to anon, authenticated, service_role;

/*
 * Facet counts for the catalog filters: for each value of each filter, how many public projects would
 * match if that value were chosen with every other current filter kept (a filter never narrows its
 * own counts). Same parameters and validation as catalog_projects.
 */
create or replace function public.catalog_facets(
  p_q text default null,
  p_field text default null,
  p_district text default null,
  p_occupation text default null,
  p_mode text default null,
  p_level text default null,
  p_audience text default null,
  p_open boolean default false,
  p_starts_after date default null,
  p_starts_before date default null
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_q text := nullif(public.search_normalize(p_q), '');
  v_occupation_id bigint;
  v_search text := 'true';
  v_cf text;
  v_district text := 'true';
  v_open text := 'true';
  v_open_cond text := '#.status = ''published'' and #.enroll_opens_at <= now() and #.enroll_closes_at > now() and #.enrolled < #.capacity';
  v_result jsonb;
begin
  v_occupation_id := public.catalog_check_filters(p_field, p_district, p_occupation, p_mode, p_level, p_audience,
                                                  p_starts_after, p_starts_before);

  if v_q is not null then
    v_search := case when v_q ~ '[㐀-鿿]' then format('p.search_enc like %L', '%' || public.search_encode(v_q) || '%')
      when char_length(v_q) < 3 then format('(p.search_pinyin like %1$L or p.search_initials like %1$L)', '%' || v_q || '%')
      else format('p.search_latin like %L', '%' || v_q || '%') end;
  end if;
  v_cf := format('#.status in (''published'', ''closed'') and #.start_date >= %L', greatest(public.beijing_today(), p_starts_after));
  if p_starts_before is not null then v_cf := v_cf || format(' and #.start_date <= %L', p_starts_before); end if;
  if p_district is not null then v_district := format('#.district = %L', p_district); end if;
  if coalesce(p_open, false) then v_open := v_open_cond; end if;

  execute format($sql$
    with cls as (
      -- one pass over the upcoming public classes: what each project offers under the class filters
      select c.project_id,
             array_agg(distinct c.district) filter (where %8$s) as dists,
             bool_or(%9$s and %8$s) as any_match,
             bool_or(%9$s and %10$s) as has_open
      from public.classes c
      where %7$s
      group by c.project_id
    ), base as (
      select p.id, p.field_code, p.mode, p.target_level, p.audiences,
             %1$L::text is null or p.field_code = %1$L as mf,
             %2$L::text is null or p.mode = %2$L as mm,
             %3$L::text is null or p.target_level = %3$L as ml,
             %4$L::text is null or p.audiences @> array[%4$L] as ma,
             %5$L::bigint is null or exists (select 1 from public.project_occupations po
                                              where po.project_id = p.id and po.occupation_id = %5$L::bigint) as mo,
             %6$s as mc,
             coalesce(cls.dists, '{}') as dists,
             coalesce(cls.has_open, false) as has_open
      from public.projects p
      join public.institutions i on i.id = p.institution_id
      left join cls on cls.project_id = p.id
      where p.status = 'published' and i.whitelist_status = 'listed' and %11$s
    )
    select jsonb_build_object(
      'total', (select count(*) from base where mf and mm and ml and ma and mo and mc),
      'fields', (select jsonb_agg(jsonb_build_object('code', f.code, 'name', f.name, 'count', coalesce(x.n, 0)) order by f.sort_order)
                 from public.fields f
                 left join (select field_code, count(*) as n from base where mm and ml and ma and mo and mc group by 1) x
                   on x.field_code = f.code),
      'districts', (select jsonb_agg(jsonb_build_object('code', d.code, 'name', d.name, 'count', coalesce(x.n, 0)) order by d.sort_order)
                    from public.districts d
                    left join (select dist, count(*) as n from base, unnest(dists) as dist
                               where mf and mm and ml and ma and mo group by 1) x on x.dist = d.code),
      'occupations', (select coalesce(jsonb_agg(jsonb_build_object('code', o.code, 'name', o.name, 'fieldCode', o.field_code,
                        'count', coalesce(x.n, 0)) order by o.code), '[]'::jsonb)
                      from public.occupations o
                      left join (select po.occupation_id, count(*) as n from base b
                                 join public.project_occupations po on po.project_id = b.id
                                 where mf and mm and ml and ma and mc group by 1) x on x.occupation_id = o.id),
      'modes', (select jsonb_agg(jsonb_build_object('code', u.m, 'count', coalesce(x.n, 0)) order by u.k)
                from unnest(array['offline', 'online', 'blended']) with ordinality as u (m, k)
                left join (select mode, count(*) as n from base where mf and ml and ma and mo and mc group by 1) x on x.mode = u.m),
      'levels', (select jsonb_agg(jsonb_build_object('code', u.l, 'count', coalesce(x.n, 0)) order by u.k)
                 from unnest(array['5', '4', '3', '2', '1', 'special']) with ordinality as u (l, k)
                 left join (select target_level, count(*) as n from base where mf and mm and ma and mo and mc group by 1) x
                   on x.target_level = u.l),
      'audiences', (select jsonb_agg(jsonb_build_object('code', u.a, 'count', coalesce(x.n, 0)) order by u.k)
                    from unnest(array['employee', 'student', 'key_group']) with ordinality as u (a, k)
                    left join (select aud, count(*) as n from base, unnest(audiences) as aud
                               where mf and mm and ml and mo and mc group by 1) x on x.aud = u.a),
      'open', (select count(*) from base where mf and mm and ml and ma and mo and has_open)
    )
  $sql$,
    p_field, p_mode, p_level, p_audience, v_occupation_id,
    case when p_district is not null or coalesce(p_open, false) or p_starts_after is not null or p_starts_before is not null
         then 'coalesce(cls.any_match, false)' else 'true' end,
    replace(v_cf, '#', 'c'), replace(v_open, '#', 'c'), replace(v_district, '#', 'c'), replace(v_open_cond, '#', 'c'),
    v_search)
    into v_result;
  return v_result;
end;
$$;
grant execute on function public.catalog_facets(text, text, text, text, text, text, text, boolean, date, date)
  to anon, authenticated, service_role;
