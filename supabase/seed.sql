/*
 * Development seed: one sample account for each role, so every screen can be tried with the dev
 * login (name as below). Scopes use the sample codes the catalog seed uses. Not for production.
 */
insert into public.users (openid, display_name) values
  ('dev:演示学员', '演示学员'),
  ('dev:演示服务站', '演示服务站'),
  ('dev:演示培训机构', '演示培训机构'),
  ('dev:演示评价机构', '演示评价机构'),
  ('dev:演示审核员', '演示审核员'),
  ('dev:演示管理员', '演示管理员')
on conflict (openid) do nothing;

insert into public.role_grants (user_id, role, scope)
select u.id, g.role, g.scope
from (values
  ('dev:演示服务站', 'station_staff', 'STA-110105-001'),
  ('dev:演示培训机构', 'institution_staff', 'INS-001'),
  ('dev:演示评价机构', 'evaluator_staff', 'EVA-001'),
  ('dev:演示审核员', 'reviewer', '110105'),
  ('dev:演示管理员', 'admin', null)
) as g (openid, role, scope)
join public.users u on u.openid = g.openid
on conflict do nothing;
