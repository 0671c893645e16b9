/**
 * Bulk catalog data for the benchmark: extra institutions, projects and classes generated inside the
 * database (set-based SQL, so seeding 100,000 classes takes seconds, not minutes of round trips).
 * Rows go through the same triggers as any other write, so search columns are computed as in use.
 * Codes start at 900000 so they never collide with the sample seed.
 */

export interface BenchSize {
  institutions: number;
  projects: number;
  classesPerProject: number;
}

export const DEFAULT_SIZE: BenchSize = { institutions: 200, projects: 10_000, classesPerProject: 10 };

const TITLE_WORDS = ['岗位技能提升培训', '就业技能培训', '新职业技能培训', '技能强化班', '实操训练营', '订单式培训'];
const AREAS = ['朝阳', '海淀', '丰台', '通州', '亦庄', '顺义', '昌平', '大兴', '石景山', '房山', '西城', '东城'];

export function institutionsSql(size: BenchSize): string {
  return `
insert into public.institutions (code, name, kind, carrier_type, whitelist_status, whitelisted_on, district, districts_served,
                                 address, lat, lng, contact_phone, description)
select 'BEN-' || (900000 + g.n), (array${sqlArray(AREAS)})[1 + g.n % ${AREAS.length}] || '压测培训机构' || g.n || '（示例）',
       'training', (array['vocational_college', 'technician_college', 'enterprise_center', 'private_institution'])[1 + g.n % 4],
       case when g.n % 25 = 0 then 'suspended' else 'listed' end, current_date - 200,
       d.code, array[d.code], d.name || '压测路' || g.n || '号', d.lat, d.lng, '010-60000000', '压测数据'
from generate_series(1, ${size.institutions}) as g (n)
join lateral (select * from public.districts order by code offset g.n % 16 limit 1) d on true;`;
}

export function projectsSql(size: BenchSize, from: number, to: number): string {
  return `
with o as (
  select row_number() over (order by code) - 1 as k, id, code, name, field_code, levels, description from public.occupations
), oc as (select count(*)::int as n from o),
ins as (
  select row_number() over (order by code) - 1 as k, id from public.institutions where code like 'BEN-%'
)
insert into public.projects (code, title, project_type, institution_id, field_code, target_level, headcount, content, hours, mode,
                             audiences, funding, fee, status, published_at)
select 'XM-2099-' || (900000 + g.n),
       o.name || (array${sqlArray(TITLE_WORDS)})[1 + g.n % ${TITLE_WORDS.length}] || '第' || g.n || '项',
       (array['employment', 'upskilling', 'new_occupation', 'specialty', 'entrepreneurship'])[1 + g.n % 5],
       ins.id, o.field_code, o.levels[1 + g.n % cardinality(o.levels)], 20 + g.n % 180,
       '依据' || o.name || '国家职业技能标准组织理论与实操教学。' || o.description || '。内容包括安全规范、基本技能、综合实操与考核辅导（压测数据' || g.n || '）。',
       40 + (g.n % 8) * 20,
       (array['offline', 'offline', 'offline', 'blended', 'online'])[1 + g.n % 5],
       case g.n % 4 when 0 then array['employee', 'key_group'] when 1 then array['key_group']
            when 2 then array['student', 'key_group'] else array['employee'] end,
       case when g.n % 10 = 0 then 'fee' else 'subsidised' end, case when g.n % 10 = 0 then 1000 + (g.n % 5) * 300 else 0 end,
       case when g.n % 50 = 0 then 'draft' else 'published' end,
       case when g.n % 50 = 0 then null else now() - make_interval(hours => g.n % 5000) end
from generate_series(${from}, ${to}) as g (n)
cross join oc
join o on o.k = (g.n * 7) % oc.n
join ins on ins.k = g.n % ${size.institutions};

insert into public.project_occupations (project_id, occupation_id, position)
select p.id, o.id, 0
from public.projects p
join public.occupations o on p.title like o.name || '%'
  and not exists (select 1 from public.occupations o2 where p.title like o2.name || '%' and char_length(o2.name) > char_length(o.name))
where p.code between 'XM-2099-' || (900000 + ${from}) and 'XM-2099-' || (900000 + ${to});`;
}

export function classesSql(size: BenchSize, from: number, to: number): string {
  return `
insert into public.classes (code, project_id, institution_id, name, start_date, end_date, schedule, district, address, lat, lng,
                            capacity, enrolled, enroll_opens_at, enroll_closes_at, fee, status)
select 'BC-2099-' || (9000000 + p.n * ${size.classesPerProject} + k.k),
       p.id, p.institution_id, '压测第' || k.k || '期',
       s.start_date, s.start_date + 14, '周一至周五 9:00–16:30',
       d.code,
       case when p.mode = 'online' then '' else d.name || '压测路' || k.k || '号' end,
       case when p.mode = 'online' then null else d.lat + (((p.n * 31 + k.k * 17) % 201) - 100) * 0.0012 end,
       case when p.mode = 'online' then null else d.lng + (((p.n * 17 + k.k * 29) % 201) - 100) * 0.0016 end,
       30, case when (p.n + k.k) % 9 = 0 then 30 else (p.n * 3 + k.k) % 30 end,
       s.start_date - 30 + time '01:00', s.start_date - 2 + time '10:00',
       p.fee,
       case when (p.n + k.k) % 13 = 0 then 'closed' when (p.n + k.k) % 29 = 0 then 'draft' else 'published' end
from (select p.*, substr(p.code, 9)::integer - 900000 as n from public.projects p
      where p.code between 'XM-2099-' || (900000 + ${from}) and 'XM-2099-' || (900000 + ${to})) p
cross join generate_series(1, ${size.classesPerProject}) as k (k)
cross join lateral (select current_date + 1 + ((p.n * 13 + k.k * 37) % 180) as start_date) s
join lateral (select * from public.districts order by code offset (p.n + k.k * 3) % 16 limit 1) d on true;`;
}

function sqlArray(values: string[]): string {
  return `[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;
}
