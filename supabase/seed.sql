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

/* ==================================================================== catalog (sample data)
 * Sample catalog for development and demos: every name carries 示例 so nobody mistakes it for the
 * real lists. Dates are relative to the day the seed runs (classes and sessions over the next six
 * months). Occupation codes follow the 职业分类大典 (2022) format; ZX-… are local 专项职业能力 items.
 * INS-001 (training) and EVA-001 (evaluation) match the dev accounts' role scopes above.
 */

insert into public.occupations (code, name, field_code, levels, is_specialty, description) values
  ('4-10-01-05', '养老护理员', 'care', '{5,4,3,2,1}', false, '对老年人进行生活照料、护理服务'),
  ('4-10-01-02', '育婴员', 'care', '{5,4,3}', false, '对0-3岁婴幼儿进行生活照料、护理和教育'),
  ('4-10-01-03', '保育师', 'care', '{5,4,3}', false, '在托育机构、幼儿园协助教师保育和教育幼儿'),
  ('4-10-01-06', '家政服务员', 'care', '{5,4,3}', false, '在家庭中从事烹饪、清洁、照护等服务'),
  ('4-14-01-02', '医疗护理员', 'care', '{5,4}', false, '在医疗机构协助护士对患者进行生活照护'),
  ('4-10-01-07', '婴幼儿发展引导员', 'care', '{4,3,2}', false, '为婴幼儿早期发展提供观察评估与活动指导'),
  ('ZX-11-001', '失智老年人照护', 'care', '{special}', true, '为失智老年人提供生活照护与认知训练'),
  ('ZX-11-002', '老年人能力评估', 'care', '{special}', true, '依据标准评估老年人日常生活与认知能力'),
  ('4-14-03-06', '康复辅助技术咨询师', 'health', '{4,3,2}', false, '为功能障碍者提供康复辅助器具咨询与适配'),
  ('4-14-02-02', '健康管理师', 'health', '{3,2}', false, '从事个体和群体健康监测、评估与干预'),
  ('6-22-02-01', '药物制剂工', 'health', '{5,4,3}', false, '操作制剂设备，将原料药制成各种剂型'),
  ('6-31-01-03', '电工', 'manufacturing', '{5,4,3,2,1}', false, '从事电气设备安装、调试、运行与维修'),
  ('6-18-02-04', '焊工', 'manufacturing', '{5,4,3,2,1}', false, '使用焊接设备连接金属工件'),
  ('6-18-01-01', '车工', 'manufacturing', '{5,4,3,2,1}', false, '操作车床进行零件切削加工'),
  ('6-29-03-03', '电梯安装维修工', 'manufacturing', '{5,4,3}', false, '从事电梯安装、调试、维修与保养'),
  ('6-30-99-00', '工业机器人系统操作员', 'smart_equipment', '{4,3,2}', false, '操作工业机器人系统完成生产任务'),
  ('6-31-01-10', '工业机器人系统运维员', 'smart_equipment', '{4,3,2}', false, '对工业机器人系统进行维护、故障诊断与调试'),
  ('6-25-02-08', '半导体芯片制造工', 'integrated_circuits', '{5,4,3}', false, '操作设备完成芯片制造各道工序'),
  ('4-03-02-01', '中式烹调师', 'services', '{5,4,3,2,1}', false, '运用中式烹饪技法制作菜肴'),
  ('4-03-02-02', '中式面点师', 'services', '{5,4,3}', false, '制作中式面食与点心'),
  ('4-03-02-04', '西式面点师', 'services', '{5,4,3}', false, '制作面包、蛋糕等西式点心'),
  ('4-10-03-01', '美容师', 'services', '{5,4,3}', false, '为顾客提供皮肤护理与美容服务'),
  ('4-10-03-02', '美发师', 'services', '{5,4,3}', false, '为顾客提供剪发、烫染与造型服务'),
  ('4-03-02-07', '茶艺师', 'services', '{5,4,3}', false, '从事茶叶冲泡、品鉴与茶艺展示'),
  ('4-07-01-02', '劳动关系协调员', 'services', '{4,3,2}', false, '从事劳动合同管理与劳动争议协调'),
  ('ZX-11-004', '汽车美容', 'services', '{special}', true, '从事汽车清洗、打蜡、内饰清洁等美容服务'),
  ('4-12-01-01', '汽车维修工', 'connected_vehicles', '{5,4,3}', false, '对汽车进行检测、诊断与维修'),
  ('4-07-05-04', '消防设施操作员', 'smart_city', '{5,4,3}', false, '操作与维护建筑消防设施'),
  ('6-25-04-09', '物联网安装调试员', 'smart_city', '{5,4,3}', false, '安装、调试物联网终端与网络设备'),
  ('4-02-07-10', '网约配送员', 'new_occupations', '{5,4}', false, '通过网络平台接单并完成配送'),
  ('4-99-00-00', '无人机驾驶员', 'new_occupations', '{5,4,3}', false, '操控无人机完成航拍、巡检、植保等作业'),
  ('4-04-05-05', '人工智能训练师', 'ict', '{5,4,3,2}', false, '从事数据标注、算法调优与智能产品训练'),
  ('4-04-04-02', '网络与信息安全管理员', 'ict', '{5,4,3}', false, '从事网络与信息系统安全监测与防护'),
  ('4-04-05-01', '计算机程序设计员', 'ict', '{4,3,2}', false, '进行计算机程序设计、编码与测试'),
  ('4-04-05-06', '区块链应用操作员', 'blockchain_computing', '{4,3}', false, '运用区块链技术搭建与运维应用'),
  ('4-09-07-04', '碳排放管理员', 'green_energy', '{4,3}', false, '从事碳排放监测、核算与交易管理'),
  ('4-01-06-01', '电子商务师', 'digital_content', '{5,4,3}', false, '从事网店运营、网络营销与客户服务'),
  ('4-01-06-02', '互联网营销师', 'digital_content', '{5,4,3}', false, '通过直播、短视频等开展网络营销'),
  ('ZX-11-003', '直播销售', 'digital_content', '{special}', true, '策划并开展电商直播带货');

insert into public.institutions (code, name, kind, carrier_type, certificate_code, whitelist_status, whitelisted_on, district,
                                 districts_served, address, lat, lng, contact_phone, description)
select v.code, v.name, v.kind, v.carrier, v.cert, v.status,
       case when v.status in ('listed', 'suspended') then current_date - (100 + v.n * 9) end,
       v.district, v.served::text[], d.name || v.street, round((d.lat + ((v.n * 37) % 21 - 10) * 0.0021)::numeric, 6),
       round((d.lng + ((v.n * 53) % 21 - 10) * 0.0027)::numeric, 6), '010-' || (62000000 + v.n * 1357)::text, v.about
from (values
  (1, 'INS-001', '京华康养职业技能培训学校（示例）', 'training', 'private_institution', null, 'listed', '110105', '{110105,110101,110112}', '朝阳北路示例大厦3层', '养老护理、失智照护等康养类培训'),
  (2, 'INS-002', '北京示例技师学院', 'training', 'technician_college', null, 'listed', '110108', '{110108,110114}', '西三旗示例路88号', '电工、焊工、工业机器人等技能人才培养'),
  (3, 'INS-003', '首都示例健康职业学院', 'training', 'vocational_college', null, 'listed', '110106', '{110106,110102}', '丰台科技园示例路6号', '保育、医疗护理与健康管理'),
  (4, 'INS-004', '亦庄示例智能制造企业培训中心', 'training', 'enterprise_center', null, 'listed', '110115', '{110115}', '经济技术开发区示例街12号', '工业机器人运维、数控加工、芯片制造'),
  (5, 'INS-005', '燕园示例家政服务培训学校', 'training', 'private_institution', null, 'listed', '110102', '{110102,110101}', '西直门外示例胡同5号', '家政、育婴与老年人能力评估'),
  (6, 'INS-006', '通州示例技工学校', 'training', 'technician_college', null, 'listed', '110112', '{110112,110105}', '运河东大街示例号', '电梯、电工与物联网安装调试'),
  (7, 'INS-007', '中关村示例数字技能培训学院', 'training', 'private_institution', null, 'listed', '110108', '{110108,110102,110105}', '中关村大街示例1号', '人工智能训练、网络安全与程序设计'),
  (8, 'INS-008', '顺义示例汽车工业培训中心', 'training', 'enterprise_center', null, 'listed', '110113', '{110113}', '空港示例路20号', '汽车维修与汽车美容'),
  (9, 'INS-009', '西山示例烹饪职业技能学校', 'training', 'private_institution', null, 'listed', '110107', '{110107,110108}', '鲁谷示例路3号', '中式烹调、中西式面点'),
  (10, 'INS-010', '昌平示例职业学校', 'training', 'vocational_college', null, 'listed', '110114', '{110114,110108}', '回龙观示例街9号', '无人机、区块链与电子商务'),
  (11, 'INS-011', '良乡示例新能源企业培训中心', 'training', 'enterprise_center', null, 'listed', '110111', '{110111,110106}', '良乡示例工业园2号', '碳排放管理、电工与消防设施操作'),
  (12, 'INS-012', '东城示例美容美发培训学校', 'training', 'private_institution', null, 'listed', '110101', '{110101,110102}', '东四示例胡同18号', '美容、美发与茶艺'),
  (13, 'INS-013', '丰台示例物流配送培训中心', 'training', 'enterprise_center', null, 'listed', '110106', '{110106,110115}', '南四环示例物流园', '网约配送、互联网营销与直播销售'),
  (14, 'INS-014', '怀柔示例职业技能培训学校', 'training', 'private_institution', null, 'listed', '110116', '{110116,110118}', '雁栖示例路7号', '养老护理、烹饪与家政'),
  (15, 'INS-015', '密云示例职业技能培训学校', 'training', 'private_institution', null, 'listed', '110118', '{110118,110117}', '鼓楼示例街11号', '茶艺、养老护理与互联网营销'),
  (16, 'INS-016', '延庆示例职业技能培训学校', 'training', 'private_institution', null, 'listed', '110119', '{110119,110109}', '妫水示例路4号', '劳动关系协调、婴幼儿发展引导、康复辅助'),
  (17, 'INS-090', '示例待审培训机构', 'training', 'private_institution', null, 'pending', '110105', '{110105}', '示例路1号', '尚未列入白名单'),
  (18, 'INS-091', '示例暂停培训机构', 'training', 'private_institution', null, 'suspended', '110108', '{110108}', '示例路2号', '已暂停白名单资格'),
  (21, 'EVA-001', '北京示例职业技能评价中心', 'evaluation', 'social_org', '0001', 'listed', '110105', '{110105,110101,110102,110112}', '朝阳门外示例大街10号', '康养、现代服务类职业技能等级认定'),
  (22, 'EVA-002', '示例康养职业技能等级认定站', 'evaluation', 'social_org', '0002', 'listed', '110108', '{110108,110114,110106}', '学院路示例号', '养老护理、保育、健康管理等认定'),
  (23, 'EVA-003', '示例技师学院评价中心', 'evaluation', 'technician_college', '0003', 'listed', '110108', '{110108,110114}', '西三旗示例路90号', '电工、焊工、车工等认定'),
  (24, 'EVA-004', '亦庄示例制造企业技能等级认定中心', 'evaluation', 'employer', '0004', 'listed', '110115', '{110115}', '经济技术开发区示例街30号', '智能制造与集成电路企业自主评价'),
  (25, 'EVA-005', '示例数字经济技能评价中心', 'evaluation', 'social_org', '0005', 'listed', '110105', '{110105,110108}', '望京示例路5号', '人工智能、电子商务、互联网营销等认定'),
  (26, 'EVA-006', '示例现代服务业评价中心', 'evaluation', 'social_org', '0006', 'listed', '110106', '{110106,110107,110111}', '方庄示例路8号', '烹饪、美容美发、茶艺等认定'),
  (27, 'EVA-007', '示例汽车行业技能评价中心', 'evaluation', 'employer', '0007', 'listed', '110113', '{110113}', '顺义示例汽车城', '汽车维修与汽车美容'),
  (28, 'EVA-008', '示例城市运行技能评价中心', 'evaluation', 'social_org', '0008', 'listed', '110112', '{110112,110105,110116,110117,110118,110119}', '通州示例路16号', '消防设施、物联网、碳排放等认定'),
  (29, 'EVA-090', '示例暂停评价机构', 'evaluation', 'social_org', '0090', 'suspended', '110105', '{110105}', '示例路3号', '已暂停白名单资格')
) as v (n, code, name, kind, carrier, cert, status, district, served, street, about)
join public.districts d on d.code = v.district;

-- What each evaluator may certify: the occupations of its fields, at every level they have.
insert into public.institution_occupations (institution_id, occupation_id, levels)
select i.id, o.id, o.levels
from (values
  ('EVA-001', array['care', 'services']),
  ('EVA-002', array['care', 'health']),
  ('EVA-003', array['manufacturing', 'smart_equipment']),
  ('EVA-004', array['manufacturing', 'smart_equipment', 'integrated_circuits']),
  ('EVA-005', array['ict', 'digital_content', 'blockchain_computing', 'new_occupations']),
  ('EVA-006', array['services']),
  ('EVA-007', array['connected_vehicles', 'services']),
  ('EVA-008', array['smart_city', 'green_energy']),
  ('EVA-090', array['care'])
) as s (code, fields)
join public.institutions i on i.code = s.code
join public.occupations o on o.field_code = any (s.fields);

-- Enterprises with valid sample 统一社会信用代码 (check character computed per GB 32100).
insert into public.enterprises (name, credit_code, district, field_code, address, contact_name, contact_phone)
select v.name, cc.code, v.district, v.field, d.name || '示例路' || v.n || '号', '示例联系人', '1390000' || lpad(v.n::text, 4, '0')
from (values
  (1, '北京示例康养服务有限公司', '110105', 'care'), (2, '示例颐年养老院有限公司', '110108', 'care'),
  (3, '示例宝贝托育服务有限公司', '110106', 'care'), (4, '示例安心家政服务有限公司', '110102', 'care'),
  (5, '示例仁和医院管理有限公司', '110101', 'care'), (6, '示例精密机械制造有限公司', '110115', 'manufacturing'),
  (7, '示例电气安装工程有限公司', '110112', 'manufacturing'), (8, '示例智能装备科技有限公司', '110115', 'smart_equipment'),
  (9, '示例芯片制造有限公司', '110115', 'integrated_circuits'), (10, '示例电梯工程有限公司', '110106', 'manufacturing'),
  (11, '示例餐饮管理有限公司', '110105', 'services'), (12, '示例烘焙食品有限公司', '110108', 'services'),
  (13, '示例美业连锁有限公司', '110101', 'services'), (14, '示例茶文化传播有限公司', '110118', 'services'),
  (15, '示例人力资源服务有限公司', '110105', 'services'), (16, '示例汽车销售服务有限公司', '110113', 'connected_vehicles'),
  (17, '示例新能源汽车科技有限公司', '110113', 'connected_vehicles'), (18, '示例物业管理有限公司', '110112', 'smart_city'),
  (19, '示例物联网技术有限公司', '110108', 'smart_city'), (20, '示例即时配送有限公司', '110106', 'new_occupations'),
  (21, '示例航空科技有限公司', '110114', 'new_occupations'), (22, '示例人工智能科技有限公司', '110108', 'ict'),
  (23, '示例网络安全技术有限公司', '110108', 'ict'), (24, '示例软件开发有限公司', '110105', 'ict'),
  (25, '示例区块链科技有限公司', '110108', 'blockchain_computing'), (26, '示例低碳能源有限公司', '110111', 'green_energy'),
  (27, '示例电商运营有限公司', '110112', 'digital_content'), (28, '示例直播文化传媒有限公司', '110105', 'digital_content'),
  (29, '示例医药科技有限公司', '110114', 'health'), (30, '示例健康管理有限公司', '110107', 'health')
) as v (n, name, district, field)
join public.districts d on d.code = v.district
cross join lateral (
  select '9111' || substr(v.district, 3, 4) || 'MA0' || lpad(v.n::text, 5, '0') || 'X' as base
) b
cross join lateral (
  select b.base || substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
           ((31 - sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(b.base, t.i::integer, 1)) - 1) * t.w) % 31) % 31)::integer + 1, 1) as code
  from unnest(array[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]) with ordinality as t (w, i)
) cc;

-- 需求清单: 36 demands; a few still drafts, some fulfilled or closed.
insert into public.demands (code, enterprise_id, occupation_id, level, headcount, skill_requirements, district, wanted_by, source,
                            station_code, status, published_at)
select 'XQ-' || to_char(current_date, 'YYYY') || '-' || lpad(g.n::text, 4, '0'),
       e.id, o.id,
       case when o.is_specialty then 'special' else o.levels[1 + g.n % cardinality(o.levels)] end,
       5 + (g.n * 17) % 60,
       '熟悉' || o.name || '岗位操作规范，' || (array['能独立完成日常工作任务', '具备一年以上相关工作经验者优先',
         '能适应轮班工作', '持有相应职业技能等级证书者优先'])[1 + g.n % 4] || '；' || o.description || '。',
       e.district,
       current_date + 30 + (g.n * 13) % 150,
       s.source,
       case when s.source = 'station' then 'STA-' || e.district || '-001' end,
       case when g.n % 9 = 0 then 'draft' when g.n % 7 = 0 then 'fulfilled' when g.n % 11 = 0 then 'closed' else 'published' end,
       case when g.n % 9 = 0 then null else now() - make_interval(days => 60 - g.n, hours => g.n % 5) end
from generate_series(1, 36) as g (n)
cross join lateral (select (array['notice', 'service_package', 'self_declared', 'station'])[1 + g.n % 4] as source) s
join lateral (select * from public.enterprises order by credit_code offset (g.n - 1) % 30 limit 1) e on true
join lateral (
  select * from public.occupations o
  where o.field_code = e.field_code
  order by o.code offset g.n % (select count(*) from public.occupations x where x.field_code = e.field_code) limit 1
) o on true;

-- 指导目录: three projects per whitelisted training institution, plus drafts and projects of institutions off the whitelist.
with plan (n, institution, occupation, level, project_type, mode, audiences, funding, fee, status) as (
  values
  (1, 'INS-001', '4-10-01-05', '4', 'upskilling', 'offline', '{employee,key_group}', 'subsidised', 0, 'published'),
  (2, 'INS-001', '4-10-01-05', '5', 'employment', 'offline', '{key_group}', 'subsidised', 0, 'published'),
  (3, 'INS-001', 'ZX-11-001', 'special', 'specialty', 'blended', '{employee}', 'subsidised', 0, 'published'),
  (4, 'INS-002', '6-31-01-03', '4', 'upskilling', 'offline', '{employee,student}', 'subsidised', 0, 'published'),
  (5, 'INS-002', '6-18-02-04', '3', 'upskilling', 'offline', '{employee}', 'subsidised', 0, 'published'),
  (6, 'INS-002', '6-30-99-00', '4', 'new_occupation', 'offline', '{student,key_group}', 'subsidised', 0, 'published'),
  (7, 'INS-003', '4-10-01-03', '4', 'employment', 'blended', '{student,key_group}', 'subsidised', 0, 'published'),
  (8, 'INS-003', '4-14-01-02', '5', 'employment', 'offline', '{key_group}', 'subsidised', 0, 'published'),
  (9, 'INS-003', '4-14-02-02', '3', 'upskilling', 'blended', '{employee}', 'fee', 2400, 'published'),
  (10, 'INS-004', '6-31-01-10', '3', 'upskilling', 'offline', '{employee}', 'subsidised', 0, 'published'),
  (11, 'INS-004', '6-18-01-01', '4', 'upskilling', 'offline', '{employee}', 'subsidised', 0, 'published'),
  (12, 'INS-004', '6-25-02-08', '4', 'employment', 'offline', '{student,key_group}', 'subsidised', 0, 'published'),
  (13, 'INS-005', '4-10-01-06', '5', 'employment', 'offline', '{key_group}', 'subsidised', 0, 'published'),
  (14, 'INS-005', '4-10-01-02', '4', 'employment', 'offline', '{key_group,employee}', 'subsidised', 0, 'published'),
  (15, 'INS-005', 'ZX-11-002', 'special', 'specialty', 'blended', '{employee}', 'subsidised', 0, 'published'),
  (16, 'INS-006', '6-29-03-03', '4', 'upskilling', 'offline', '{employee}', 'subsidised', 0, 'published'),
  (17, 'INS-006', '6-31-01-03', '5', 'employment', 'offline', '{key_group,student}', 'subsidised', 0, 'published'),
  (18, 'INS-006', '6-25-04-09', '4', 'new_occupation', 'offline', '{student}', 'subsidised', 0, 'published'),
  (19, 'INS-007', '4-04-05-05', '4', 'new_occupation', 'blended', '{student,key_group}', 'subsidised', 0, 'published'),
  (20, 'INS-007', '4-04-04-02', '4', 'upskilling', 'online', '{employee}', 'subsidised', 0, 'published'),
  (21, 'INS-007', '4-04-05-01', '3', 'upskilling', 'online', '{employee,student}', 'fee', 3000, 'published'),
  (22, 'INS-008', '4-12-01-01', '4', 'upskilling', 'offline', '{employee}', 'subsidised', 0, 'published'),
  (23, 'INS-008', 'ZX-11-004', 'special', 'specialty', 'offline', '{key_group}', 'subsidised', 0, 'published'),
  (24, 'INS-008', '4-12-01-01', '3', 'upskilling', 'offline', '{employee}', 'fee', 1800, 'published'),
  (25, 'INS-009', '4-03-02-01', '4', 'upskilling', 'offline', '{employee,key_group}', 'subsidised', 0, 'published'),
  (26, 'INS-009', '4-03-02-02', '5', 'employment', 'offline', '{key_group}', 'subsidised', 0, 'published'),
  (27, 'INS-009', '4-03-02-04', '4', 'employment', 'offline', '{key_group,student}', 'fee', 1200, 'published'),
  (28, 'INS-010', '4-99-00-00', '4', 'new_occupation', 'blended', '{student}', 'subsidised', 0, 'published'),
  (29, 'INS-010', '4-04-05-06', '4', 'new_occupation', 'online', '{student,employee}', 'subsidised', 0, 'published'),
  (30, 'INS-010', '4-01-06-01', '4', 'employment', 'online', '{student,key_group}', 'subsidised', 0, 'published'),
  (31, 'INS-011', '4-09-07-04', '4', 'new_occupation', 'blended', '{employee}', 'subsidised', 0, 'published'),
  (32, 'INS-011', '6-31-01-03', '3', 'upskilling', 'offline', '{employee}', 'subsidised', 0, 'published'),
  (33, 'INS-011', '4-07-05-04', '4', 'employment', 'offline', '{key_group}', 'subsidised', 0, 'published'),
  (34, 'INS-012', '4-10-03-01', '5', 'employment', 'offline', '{key_group}', 'subsidised', 0, 'published'),
  (35, 'INS-012', '4-10-03-02', '4', 'upskilling', 'offline', '{employee}', 'fee', 1500, 'published'),
  (36, 'INS-012', '4-03-02-07', '4', 'upskilling', 'offline', '{employee,key_group}', 'fee', 800, 'published'),
  (37, 'INS-013', '4-02-07-10', '5', 'employment', 'blended', '{key_group}', 'subsidised', 0, 'published'),
  (38, 'INS-013', '4-01-06-02', '4', 'new_occupation', 'online', '{student,key_group}', 'subsidised', 0, 'published'),
  (39, 'INS-013', 'ZX-11-003', 'special', 'specialty', 'online', '{key_group,student}', 'subsidised', 0, 'published'),
  (40, 'INS-014', '4-10-01-05', '4', 'upskilling', 'offline', '{employee}', 'subsidised', 0, 'published'),
  (41, 'INS-014', '4-03-02-01', '5', 'employment', 'offline', '{key_group}', 'subsidised', 0, 'published'),
  (42, 'INS-014', '4-10-01-06', '4', 'upskilling', 'offline', '{employee,key_group}', 'subsidised', 0, 'published'),
  (43, 'INS-015', '4-03-02-07', '5', 'employment', 'offline', '{key_group}', 'subsidised', 0, 'published'),
  (44, 'INS-015', '4-10-01-05', '5', 'employment', 'offline', '{key_group}', 'subsidised', 0, 'published'),
  (45, 'INS-015', '4-01-06-02', '5', 'employment', 'online', '{key_group}', 'subsidised', 0, 'published'),
  (46, 'INS-016', '4-07-01-02', '3', 'upskilling', 'blended', '{employee}', 'subsidised', 0, 'published'),
  (47, 'INS-016', '4-10-01-07', '4', 'new_occupation', 'offline', '{employee,key_group}', 'subsidised', 0, 'published'),
  (48, 'INS-016', '4-14-03-06', '4', 'upskilling', 'offline', '{employee}', 'subsidised', 0, 'published'),
  (49, 'INS-001', '4-10-01-05', '3', 'upskilling', 'offline', '{employee}', 'subsidised', 0, 'draft'),
  (50, 'INS-002', '6-18-02-04', '2', 'upskilling', 'offline', '{employee}', 'subsidised', 0, 'draft'),
  (51, 'INS-007', '4-04-05-05', '3', 'upskilling', 'online', '{employee}', 'subsidised', 0, 'draft'),
  (52, 'INS-090', '4-10-01-05', '4', 'upskilling', 'offline', '{employee}', 'subsidised', 0, 'published'),
  (53, 'INS-091', '6-31-01-03', '4', 'upskilling', 'offline', '{employee}', 'subsidised', 0, 'published')
), modules (field_code, outline) as (
  values
  ('care', '职业道德与服务礼仪；生活照护与清洁照护；基础护理与用药协助；康复服务与活动组织；心理支持与沟通技巧；安全防护与应急处置'),
  ('health', '医学基础知识；健康信息采集与评估；康复辅助器具适配；健康干预方案；职业安全与质量管理'),
  ('manufacturing', '安全生产规范；识图与工艺文件；设备操作与调试；质量检验与测量；常见故障诊断与维修'),
  ('smart_equipment', '工业机器人基础；示教编程与离线编程；PLC控制与系统集成；视觉与传感器应用；维护保养与故障排除'),
  ('integrated_circuits', '半导体基础；洁净室规范；光刻、刻蚀与薄膜工艺；设备操作与参数监控；良率与质量控制'),
  ('services', '行业规范与食品安全；原料与工具；基本技法训练；综合实操；服务礼仪与顾客沟通'),
  ('connected_vehicles', '汽车构造与原理；电控系统检测；新能源汽车高压安全；故障诊断仪使用；维修作业规范'),
  ('smart_city', '法规与标准；设施设备原理；安装与调试；巡检维护；应急处置与记录'),
  ('new_occupations', '行业政策与平台规则；安全规范；核心操作技能；案例实训；职业发展与权益保障'),
  ('ict', '基础理论；工具与平台使用；数据处理与分析；项目实训；信息安全与合规'),
  ('blockchain_computing', '区块链原理；智能合约基础；应用部署与运维；典型场景实训；安全与合规'),
  ('green_energy', '双碳政策解读；碳排放核算方法；监测与报告；碳交易实务；案例分析'),
  ('digital_content', '平台规则与法律法规；选品与运营；内容策划与拍摄剪辑；直播实操；数据复盘')
)
insert into public.projects (code, title, project_type, institution_id, field_code, target_level, headcount, content, hours, mode,
                             audiences, funding, fee, status, published_at)
select 'XM-' || to_char(current_date, 'YYYY') || '-' || lpad(p.n::text, 4, '0'),
       o.name || case when p.level = 'special' then '专项职业能力培训'
                      else '（' || (array['一级/高级技师', '二级/技师', '三级/高级工', '四级/中级工', '五级/初级工'])[p.level::integer] || '）' ||
                           case p.project_type when 'employment' then '就业技能培训' when 'upskilling' then '岗位技能提升培训'
                                               when 'new_occupation' then '新职业技能培训' else '创业培训' end end
         || case when p.status = 'draft' then '（筹备中）' else '' end,
       p.project_type, i.id, o.field_code, p.level,
       30 + (p.n * 23) % 170,
       '面向' || (select string_agg(case a when 'employee' then '企业职工' when 'student' then '高校学生' else '重点就业群体' end, '、')
                  from unnest(p.audiences::text[]) a)
         || '，依据' || o.name || case when p.level = 'special' then '专项职业能力考核规范' else '国家职业技能标准' end
         || '组织理论与实操教学。主要内容：' || m.outline || '。' || o.description || '。结业后可参加'
         || case when p.level = 'special' then '专项职业能力考核' else '职业技能等级认定' end || '。',
       case p.level when '5' then 80 when '4' then 120 when '3' then 160 when '2' then 200 else 48 end + (p.n % 3) * 8,
       p.mode, p.audiences::text[], p.funding, p.fee, p.status,
       case when p.status = 'published' then now() - make_interval(days => 90 - p.n) end
from plan p
join public.institutions i on i.code = p.institution
join public.occupations o on o.code = p.occupation
join modules m on m.field_code = o.field_code;

insert into public.project_occupations (project_id, occupation_id, position)
select p.id, o.id, 0
from public.projects p
join public.occupations o on p.title like o.name || '%'
where p.code like 'XM-%'
  and not exists (select 1 from public.occupations o2 where p.title like o2.name || '%' and char_length(o2.name) > char_length(o.name));

-- Projects answer the published demands for their main occupation.
insert into public.project_demands (project_id, demand_id)
select distinct on (d.id) p.id, d.id
from public.demands d
join public.project_occupations po on po.occupation_id = d.occupation_id
join public.projects p on p.id = po.project_id and p.status = 'published'
where d.status <> 'draft'
order by d.id, p.code;

-- 班次: four per project over the next six months (one already running for some), with sessions.
insert into public.classes (code, project_id, institution_id, name, start_date, end_date, schedule, sessions, district, address,
                            lat, lng, capacity, enrolled, enroll_opens_at, enroll_closes_at, fee, status)
select 'BC-' || to_char(current_date, 'YYYY') || '-' || lpad((pn.n * 10 + k.k)::text, 5, '0'),
       p.id, p.institution_id,
       to_char(x.start_date, 'YYYY') || '年第' || k.k || '期' || case x.pattern when 'weekend' then '（周末班）' when 'evening' then '（晚班）' else '' end,
       x.start_date, x.end_date,
       case x.pattern when 'weekend' then '每周六、周日 9:00–16:30' when 'evening' then '每周二、四 19:00–21:00（线上直播）'
                      else '周一至周五 9:00–16:30' end,
       coalesce((select jsonb_agg(jsonb_build_object('date', day::date, 'start', case x.pattern when 'evening' then '19:00' else '09:00' end,
                                                     'end', case x.pattern when 'evening' then '21:00' else '16:30' end) order by day)
                 from generate_series(x.start_date, x.end_date, interval '1 day') as day
                 where case x.pattern when 'weekend' then extract(isodow from day) in (6, 7)
                                      when 'evening' then extract(isodow from day) in (2, 4)
                                      else extract(isodow from day) between 1 and 5 end), '[]'::jsonb),
       v.district,
       case when p.mode = 'online' then '' else d.name || (array['示例路', '示例大街', '示例园区'])[1 + k.k % 3] || (pn.n + k.k) || '号' end,
       case when p.mode = 'online' then null else round((d.lat + ((pn.n * 7 + k.k * 13) % 31 - 15) * 0.0019)::numeric, 6) end,
       case when p.mode = 'online' then null else round((d.lng + ((pn.n * 11 + k.k * 5) % 31 - 15) * 0.0025)::numeric, 6) end,
       x.capacity,
       case when (pn.n + k.k) % 7 = 0 then x.capacity else ((pn.n * 13 + k.k * 7) % x.capacity) end,
       ((x.start_date - 30) + time '09:00') at time zone 'Asia/Shanghai',
       ((x.start_date - 2) + time '18:00') at time zone 'Asia/Shanghai',
       p.fee,
       case when p.status = 'draft' then 'draft' when (pn.n + k.k) % 11 = 0 then 'closed' when (pn.n * 3 + k.k) % 23 = 0 then 'cancelled'
            else 'published' end
from (select p.*, row_number() over (order by p.code) as n from public.projects p where p.code like 'XM-%') pn
join public.projects p on p.id = pn.id
join public.institutions i on i.id = p.institution_id
cross join generate_series(1, 4) as k (k)
cross join lateral (
  select case when k.k = 1 and pn.n % 5 = 0 then current_date - 10 else current_date + 3 + ((pn.n * 37 + k.k * 41) % 175)::integer end as start_date,
         case when p.mode = 'online' then 'evening' when (pn.n + k.k) % 3 = 0 then 'weekend' else 'weekday' end as pattern,
         20 + ((pn.n * 7 + k.k * 11) % 5) * 10 as capacity
) s
cross join lateral (
  select s.start_date, s.pattern, s.capacity,
         s.start_date + case s.pattern when 'weekday' then greatest(p.hours / 7, 5) else greatest(p.hours / 3, 14) end as end_date
) x
cross join lateral (
  select coalesce(i.districts_served[1 + (pn.n + k.k) % greatest(cardinality(i.districts_served), 1)], i.district) as district
) v
join public.districts d on d.code = v.district;

-- 评价场次: 40 sittings of whitelisted evaluators over the next six months, plus drafts and a suspended evaluator's.
insert into public.evaluation_sessions (code, institution_id, occupation_id, level, starts_at, ends_at, district, place, lat, lng,
                                        capacity, registered, signup_opens_at, signup_closes_at, fee, status)
select 'PJ-' || to_char(current_date, 'YYYY') || '-' || lpad(g.n::text, 4, '0'),
       s.institution_id, s.occupation_id, s.level,
       ((current_date + 4 + (g.n * 29) % 176) + time '09:00') at time zone 'Asia/Shanghai',
       ((current_date + 4 + (g.n * 29) % 176) + time '12:00') at time zone 'Asia/Shanghai',
       i.district, d.name || '示例考点' || (1 + g.n % 4) || '号楼',
       round((d.lat + (g.n % 9 - 4) * 0.003)::numeric, 6), round((d.lng + (g.n % 7 - 3) * 0.004)::numeric, 6),
       30 + (g.n % 4) * 10,
       case when g.n % 6 = 0 then 30 + (g.n % 4) * 10 else (g.n * 7) % 30 end,
       ((current_date - 36 + (g.n * 29) % 176) + time '09:00') at time zone 'Asia/Shanghai',
       ((current_date + (g.n * 29) % 176) + time '17:00') at time zone 'Asia/Shanghai',
       case when s.level = 'special' then 200 else 0 end,
       case when g.n > 42 then 'published' when g.n > 40 then 'draft' when g.n % 13 = 0 then 'closed' else 'published' end
from generate_series(1, 44) as g (n)
cross join lateral (
  select io.institution_id, io.occupation_id, io.levels[1 + g.n % cardinality(io.levels)] as level
  from public.institution_occupations io
  join public.institutions i on i.id = io.institution_id
  where i.whitelist_status = 'listed' or g.n > 42
  order by (i.whitelist_status = 'listed') = (g.n <= 42) desc, io.institution_id, io.occupation_id
  offset (g.n * 7) % 60 limit 1
) s
join public.institutions i on i.id = s.institution_id
join public.districts d on d.code = i.district;

-- 薪酬价位 (annual, 元/年): medians by level as Beijing's report (初级 9.2万 … 高级技师 13.9万), varied per occupation.
insert into public.salary_guides (year, occupation_id, level, p10, p25, p50, p75, p90, unit, source)
select extract(year from current_date)::integer - 1, o.id, l.level,
       round(m.median * 0.62 / 100) * 100, round(m.median * 0.79 / 100) * 100, round(m.median / 100) * 100,
       round(m.median * 1.27 / 100) * 100, round(m.median * 1.63 / 100) * 100,
       'yuan_per_year', '示例数据（参照北京市人力资源市场薪酬大数据报告结构）'
from public.occupations o
cross join lateral unnest(o.levels) as l (level)
cross join lateral (
  select (case l.level when '5' then 92000 when '4' then 123000 when '3' then 128000 when '2' then 132000 when '1' then 139000
                       else 86000 end)
         * (0.86 + (abs(hashtext(o.code)) % 29) / 100.0) as median
) m;
