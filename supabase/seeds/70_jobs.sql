/*
 * Development seed: 20 sample jobs (岗位) from the sample enterprises, posted by the sample stations,
 * by 演示审核员 (who reviews every district) or made from published demands. Pay is set around the
 * salary guide so the "高于/低于本职业中位数" line varies. Every title carries 示例. Not for production.
 */
insert into public.jobs (enterprise_id, title, occupation_id, level, openings, pay_min, pay_max, district, address, benefits,
                         description, contact_name, contact_phone, valid_until, source, station_code, created_by, created_at)
select e.id, v.title || '（示例）', o.id, v.level, v.openings, v.pay_min, v.pay_max, v.district,
       d.name || '示例路' || v.n || '号', v.benefits, v.description, '示例联系人', '1390000' || lpad((100 + v.n)::text, 4, '0'),
       current_date + v.days_left,
       case when v.station is null then 'enterprise' else 'station' end, v.station,
       (select u.id from public.users u where u.openid = case when v.station is null then 'dev:演示审核员' else 'dev:演示服务站' end),
       now() - make_interval(days => v.age_days, hours => v.n)
from (values
  (1, '养老护理员', '4-10-01-05', '4', '北京示例康养服务有限公司', '110105', 6, 6500, 8500, 60, 2, 'STA-110105-001',
   array['五险一金', '包午餐', '带薪年假'], '负责老人日常起居照护、协助康复训练，做二休一。'),
  (2, '养老护理员（夜班）', '4-10-01-05', '5', '示例颐年养老院有限公司', '110108', 4, 5500, 7000, 45, 5, null,
   array['五险', '包食宿', '夜班补贴'], '夜间巡视与照护，需持五级及以上证书。'),
  (3, '育婴员', '4-10-01-02', '4', '示例宝贝托育服务有限公司', '110106', 5, 7000, 9000, 30, 1, 'STA-110106-001',
   array['五险一金', '节日福利'], '托育中心0–3岁婴幼儿生活照料与早期发展活动。'),
  (4, '家政服务员', '4-10-01-06', null, '示例安心家政服务有限公司', '110102', 10, 5000, 7500, 90, 8, null,
   array['培训上岗', '时间灵活'], '住家或白班家政服务，有证书者优先派单。'),
  (5, '医疗护理员', '4-14-01-02', '5', '示例仁和医院管理有限公司', '110101', 8, 5200, 6500, 40, 3, null,
   array['五险一金', '包午餐'], '协助护士做好住院患者生活照护。'),
  (6, '电工', '6-31-01-03', '4', '示例电气安装工程有限公司', '110112', 5, 8000, 11000, 50, 2, 'STA-110112-001',
   array['五险一金', '交通补贴', '年终奖'], '楼宇低压配电安装与维护，持证上岗。'),
  (7, '维修电工', '6-31-01-03', '3', '示例精密机械制造有限公司', '110115', 3, 10000, 13000, 75, 6, 'STA-110115-001',
   array['五险一金', '包住宿'], '生产线设备电气故障排查与保养。'),
  (8, '焊工', '6-18-02-04', '4', '示例精密机械制造有限公司', '110115', 6, 9000, 12000, 60, 4, 'STA-110115-001',
   array['五险一金', '包食宿', '加班费'], '钢结构焊接，熟悉二氧化碳保护焊。'),
  (9, '电梯安装维修工', '6-29-03-03', '4', '示例电梯工程有限公司', '110106', 4, 8500, 10500, 30, 0, 'STA-110106-001',
   array['五险一金', '工具补贴'], '负责片区电梯日常维保与故障抢修。'),
  (10, '工业机器人系统运维员', '6-31-01-10', '3', '示例智能装备科技有限公司', '110115', 3, 11000, 15000, 90, 9, null,
   array['六险一金', '带薪年假', '股票期权'], '机器人工作站调试、点检与维护。'),
  (11, '中式烹调师', '4-03-02-01', '4', '示例餐饮管理有限公司', '110105', 5, 7000, 9500, 45, 1, 'STA-110105-002',
   array['包食宿', '五险'], '中餐厅热菜岗位，能独立出品。'),
  (12, '中式面点师', '4-03-02-02', null, '示例烘焙食品有限公司', '110108', 3, 5500, 7000, 30, 7, 'STA-110108-001',
   array['包午餐', '五险'], '中式面点制作，早班。'),
  (13, '美容师', '4-10-03-01', '5', '示例美业连锁有限公司', '110101', 6, 5000, 9000, 60, 10, null,
   array['提成', '带薪培训'], '门店皮肤护理服务，底薪加提成。'),
  (14, '汽车维修工', '4-12-01-01', '4', '示例汽车销售服务有限公司', '110113', 4, 7500, 10000, 50, 3, null,
   array['五险一金', '包午餐'], '4S店机电维修，熟悉新能源车优先。'),
  (15, '消防设施操作员', '4-07-05-04', '4', '示例物业管理有限公司', '110112', 8, 6000, 7500, 90, 2, 'STA-110112-001',
   array['五险一金', '包住宿'], '消防控制室值班，需持四级及以上证书。'),
  (16, '网约配送员', '4-02-07-10', null, '示例即时配送有限公司', '110106', 30, 7000, 12000, 120, 0, null,
   array['多劳多得', '意外险'], '城区即时配送，时间灵活。'),
  (17, '人工智能训练师', '4-04-05-05', '4', '示例人工智能科技有限公司', '110108', 10, 8000, 12000, 60, 4, 'STA-110108-001',
   array['六险一金', '弹性工作'], '数据标注质检与模型效果评测。'),
  (18, '网络与信息安全管理员', '4-04-04-02', '3', '示例网络安全技术有限公司', '110108', 2, 12000, 16000, 75, 12, null,
   array['六险一金', '年终奖'], '企业网络安全运维与应急响应。'),
  (19, '电子商务师', '4-01-06-01', null, '示例电商运营有限公司', '110112', 4, 6000, 8000, 30, 14, 'STA-110112-001',
   array['五险', '提成'], '店铺日常运营与活动策划。'),
  (20, '直播销售员', 'ZX-11-003', 'special', '示例直播文化传媒有限公司', '110105', 5, 6000, 15000, 45, 2, 'STA-110105-001',
   array['底薪加提成', '培训上岗'], '农产品直播带货，持专项职业能力证书优先。')
) as v (n, title, occupation, level, enterprise, district, openings, pay_min, pay_max, days_left, age_days, station, benefits, description)
join public.enterprises e on e.name = v.enterprise
join public.occupations o on o.code = v.occupation
join public.districts d on d.code = v.district
where not exists (select 1 from public.jobs j where j.title = v.title || '（示例）');

insert into public.job_events (job_id, actor_id, action, created_at)
select j.id, j.created_by, 'posted', j.created_at from public.jobs j
where not exists (select 1 from public.job_events ev where ev.job_id = j.id);
