/*
 * Development seed: sample employment service stations (基层就业服务站) across districts, and a few
 * referral visits so the station workbench has something to show. STA-110105-001 is the dev
 * account 演示服务站's scope (seed.sql). Every name carries 示例. Not for production.
 */
insert into public.stations (code, name, district, street, address, contact_name, contact_phone) values
  ('STA-110105-001', '朝阳区小关街道就业服务站（示例）', '110105', '小关街道', '朝阳区示例路1号', '张老师', '010-00000001'),
  ('STA-110105-002', '朝阳区望京街道就业服务站（示例）', '110105', '望京街道', '朝阳区示例大街2号', '李老师', '010-00000002'),
  ('STA-110108-001', '海淀区中关村街道就业服务站（示例）', '110108', '中关村街道', '海淀区示例路3号', '王老师', '010-00000003'),
  ('STA-110106-001', '丰台区卢沟桥街道就业服务站（示例）', '110106', '卢沟桥街道', '丰台区示例园区4号', '赵老师', '010-00000004'),
  ('STA-110112-001', '通州区永顺镇就业服务站（示例）', '110112', '永顺镇', '通州区示例路5号', '刘老师', '010-00000005'),
  ('STA-110114-001', '昌平区回龙观街道就业服务站（示例）', '110114', '回龙观街道', '昌平区示例大街6号', '陈老师', '010-00000006'),
  ('STA-110115-001', '大兴区黄村镇就业服务站（示例）', '110115', '黄村镇', '大兴区示例园区7号', '杨老师', '010-00000007')
on conflict (code) do nothing;

-- Referral visits to STA-110105-001 over the last few weeks, on published classes of the sample catalog.
insert into public.station_visits (station_id, class_id, project_id, visited_at)
select s.id, c.id, c.project_id, now() - make_interval(days => ((g.n * 3 + c.rn) % 40)::integer, hours => g.n % 9)
from public.stations s
cross join (
  select c.*, row_number() over (order by c.code) as rn
  from public.classes c where c.status = 'published' order by c.code limit 6
) c
cross join generate_series(1, 5) as g (n)
where s.code = 'STA-110105-001';
