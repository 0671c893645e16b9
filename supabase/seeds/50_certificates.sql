/*
 * Development seed: a past evaluation session of EVA-001 (the dev account 演示评价机构's scope) with
 * 演示学员 passed and certified, and a few sample certificates — a 专项职业能力证书, a revoked one and
 * an imported 职业资格证书 — so 我的证书, lookup and verification have something to show. Numbers
 * come from the same counters issuing uses. Not for production.
 *
 * Sample holders have no real ID number: the seed cannot encrypt (the key lives outside the
 * database), so their sealed ID number opens to nothing and their ID hash matches no lookup; find
 * them by certificate number and name. Fixed verification tokens make the public page easy to try:
 * /api/verify/SAMPLE-valid-skill-level-certificate-01 (and …-specialty-…, …-revoked-…).
 */

-- 评价场次 that took place 40 days ago: 养老护理员 四级 at EVA-001.
insert into public.evaluation_sessions (code, institution_id, occupation_id, level, starts_at, ends_at, district, place,
                                        capacity, registered, signup_opens_at, signup_closes_at, fee, status)
select 'PJ-' || to_char(current_date, 'YYYY') || '-9001', i.id, o.id, '4',
       ((current_date - 40) + time '09:00') at time zone 'Asia/Shanghai',
       ((current_date - 40) + time '12:00') at time zone 'Asia/Shanghai',
       i.district, '朝阳区示例考点1号楼（已结束的示例场次）', 30, 1,
       ((current_date - 80) + time '09:00') at time zone 'Asia/Shanghai',
       ((current_date - 42) + time '17:00') at time zone 'Asia/Shanghai',
       0, 'closed'
from public.institutions i, public.occupations o
where i.code = 'EVA-001' and o.code = '4-10-01-05'
on conflict (code) do nothing;

-- 演示学员 sat it (as a self-study candidate), passed with 86 and holds the certificate.
with reg as (
  insert into public.evaluation_registrations (session_id, user_id, status, basis, created_at, updated_at)
  select s.id, u.id, 'evaluated', 'self_study', s.signup_opens_at + interval '3 days', s.starts_at + interval '5 days'
  from public.evaluation_sessions s, public.users u
  where s.code = 'PJ-' || to_char(current_date, 'YYYY') || '-9001' and u.openid = 'dev:演示学员'
  returning id, session_id, user_id
), cert as (
  insert into public.certificates (certificate_no, type, holder_user_id, holder_name, holder_id_type, holder_id_number_enc,
                                   holder_id_number_hash, holder_id_number_masked, occupation_id, direction, level, institution_id,
                                   issued_on, verify_token, source)
  select public.allocate_certificate_no(s.institution_id, 'skill_level', '4', current_date - 35), 'skill_level', reg.user_id,
         '演示学员', 'resident', 'sample:not-encrypted', 'sample:no-lookup:1', '110105********002X', s.occupation_id, null, '4',
         s.institution_id, current_date - 35, 'SAMPLE-valid-skill-level-certificate-01', 'evaluation'
  from reg join public.evaluation_sessions s on s.id = reg.session_id
  returning id
)
insert into public.evaluation_results (registration_id, session_id, outcome, score, certificate_id, recorded_at)
select reg.id, reg.session_id, 'pass', 86, cert.id, now() - interval '35 days'
from reg, cert;

-- Sample people without accounts: a 专项职业能力证书, a revoked level certificate, an imported 职业资格证书.
insert into public.certificates (certificate_no, type, holder_name, holder_id_type, holder_id_number_enc, holder_id_number_hash,
                                 holder_id_number_masked, occupation_id, direction, level, institution_id, issued_on, status,
                                 revoked_at, revoke_reason, verify_token, source)
select public.allocate_certificate_no(i.id, x.type, x.level, current_date - x.days_ago), x.type, x.holder, 'resident',
       'sample:not-encrypted', 'sample:no-lookup:' || x.n, x.masked, o.id, x.direction, nullif(x.level, 'special'), i.id,
       current_date - x.days_ago, x.status, case when x.status = 'revoked' then now() - interval '3 days' end,
       case when x.status = 'revoked' then '示例：考核材料不实，证书已撤销' end, x.token, 'evaluation'
from (values
  (2, 'EVA-001', 'ZX-11-001', 'specialty', 'special', '李示例', '110101********0017', null, 'valid', 60, 'SAMPLE-valid-specialty-certificate-0002'),
  (3, 'EVA-003', '6-31-01-03', 'skill_level', '5', '赵示例', '110108********0035', '低压电工', 'revoked', 90, 'SAMPLE-revoked-skill-level-certificate-03')
) as x (n, institution, occupation, type, level, holder, masked, direction, status, days_ago, token)
join public.institutions i on i.code = x.institution
join public.occupations o on o.code = x.occupation;

insert into public.certificates (certificate_no, type, holder_name, holder_id_type, holder_id_number_enc, holder_id_number_hash,
                                 holder_id_number_masked, occupation_id, level, institution_id, issued_on, verify_token, source)
select '1511000000300123', 'qualification', '李示例', 'resident', 'sample:not-encrypted', 'sample:no-lookup:2',
       '110101********0017', o.id, '4', i.id, date '2016-06-30', 'SAMPLE-imported-qualification-certificate-04', 'import'
from public.institutions i, public.occupations o
where i.code = 'EVA-001' and o.code = '4-10-01-06'
on conflict (certificate_no) do nothing;
