/** Postgres functions raise stable codes; this maps them to HTTP and a Chinese message. */
import { ApiError } from './errors';

const KNOWN: Record<string, [number, string]> = {
  not_authenticated: [401, '请先登录'],
  not_allowed: [403, '您没有权限进行这个操作'],
  id_number_taken: [409, '这个证件号码已绑定在另一个账号上，如有疑问请联系就近的就业服务站'],
  user_not_found: [404, '找不到这个用户'],
  invalid_scope: [400, '角色的适用范围不正确'],
  idempotency_key_invalid: [400, 'Idempotency-Key 格式不对'],
  idempotency_key_reused: [422, '这个操作编号已用于另一项操作，请刷新后重试'],
  // enrollment (20261125000400_enrollment.sql)
  class_not_found: [404, '找不到这个班次，它可能已下架'],
  enrollment_not_open: [409, '这个班次还没有开始报名，请在报名开始后再来'],
  enrollment_closed: [409, '这个班次的报名已经截止或已停止招生'],
  class_full: [409, '这个班次名额已满，也不再接受候补，请看看其他班次'],
  already_enrolled: [409, '您已经报名（或正在候补）这个班次，无需重复报名'],
  profile_incomplete: [422, '报名前请先到“我的资料”填写真实姓名、证件号码和手机号'],
  not_in_audience: [422, '这个班次只招收特定人群（如重点就业群体、企业职工或高校学生），您的人员类别不在招收范围内；如类别有误，请在“我的资料”中更正'],
  too_young: [422, '参加培训需在开班时年满16周岁'],
  schedule_clash: [409, '这个班次与您已报名（或候补）的另一个班次上课时间冲突'],
  enrollment_not_found: [404, '找不到这条报名记录'],
  class_started: [409, '班次已经开课，不能再取消报名；如有特殊情况请联系培训机构'],
  invalid_transition: [409, '这条报名当前的状态不允许这个操作'],
  invalid_reason: [400, '请填写原因（2到200个字）'],
  not_enrolled: [409, '这条报名不是“已报名”状态，不能签到'],
  wrong_class: [403, '这个签到码属于另一个班次'],
  invalid_session_date: [422, '签到日期不是这个班次已到来的上课日'],
  class_not_finished: [409, '班次还没有结束，最后一次课之后才能办理结业'],
  class_not_started: [409, '班次还没有开课，未开课的报名请由学员自行取消'],
  invalid_settings: [400, '班次设置不正确'],
  station_not_found: [404, '找不到这个服务站'],
  project_not_found: [404, '找不到这个培训项目'],
  invalid_weeks: [400, '统计周数应为1到104'],
  // evaluation and certificates (20261125000500_certificates.sql)
  evaluation_session_not_found: [404, '找不到这个评价场次，它可能已取消或下架'],
  evaluation_signup_not_open: [409, '这个评价场次还没有开始报名，请在报名开始后再来'],
  evaluation_signup_closed: [409, '这个评价场次的报名已经截止或已停止报名'],
  evaluation_session_full: [409, '这个评价场次的名额已满，请选择其他场次'],
  not_eligible_for_evaluation: [422, '报名评价需先在本平台完成该职业的培训并结业；这个场次不接受自学（社会）考生报名'],
  already_certified: [409, '您已取得这个职业（等级）的有效证书，无需再次报名'],
  already_registered: [409, '您已报名这个职业（等级）的评价，无需重复报名；如需换场次，请先取消原来的报名'],
  evaluation_registration_not_found: [404, '找不到这条评价报名记录'],
  evaluation_started: [409, '评价已经开始或已出结果，不能再取消报名'],
  evaluation_not_started: [409, '评价还没有开始，开考后才能录入结果'],
  evaluation_session_cancelled: [409, '这个评价场次已取消，不能录入结果'],
  invalid_results: [400, '录入的评价结果有误：每位考生一条，结果为合格、不合格或缺考，成绩在0到100之间'],
  candidate_not_found: [404, '名单中找不到这位考生（可能已取消报名，或不属于这个场次）'],
  result_already_recorded: [409, '这位考生的结果已经录入，不能改为另一个结果；如需更正，请撤销已发的证书后联系管理员'],
  candidate_has_no_profile: [409, '这位考生没有实名信息，无法发证'],
  institution_has_no_certificate_code: [409, '本评价机构尚未登记证书编码（4位机构代码），暂时无法发证，请联系管理员'],
  certificate_serials_exhausted: [409, '本年度这个系列的证书流水号已用完，请联系管理员'],
  invalid_certificate_type: [400, '证书类型不正确'],
  certificate_not_found: [404, '找不到这张证书'],
  institution_not_found: [404, '找不到这个评价机构'],
  invalid_import: [400, '导入参数有误'],
  import_not_found: [404, '找不到这次导入（batch）'],
  import_parts_mismatch: [409, '这次导入的分段数或“只导入合格行”的选择与第一段不一致'],
  import_part_out_of_order: [409, '请按顺序上传各段（从第1段开始）'],
  import_finished: [409, '这次导入已经结束，请用新的 batch 重新上传'],
  import_conflict: [409, '另一次导入刚刚写入了其中的证书编号，请重新上传最后一段'],
  invalid_rate_limit: [400, '限流参数有误'],
  // subsidies (20261125000600_subsidies.sql); the API answers subsidy_rule_* with the pure rule's own explanation
  subsidy_rules_missing: [409, '补贴标准尚未设置，请稍后再试'],
  subsidy_rule_certificate_valid: [422, '这张证书已被撤销，不能申请补助'],
  subsidy_rule_person_category: [422, '补助对象为农村转移就业劳动者、离校未就业高校毕业生、登记失业人员和就业困难人员，您的人员类别不在其中'],
  subsidy_rule_age: [422, '申请补助需年满16周岁'],
  subsidy_rule_no_pension: [422, '已按月领取养老金的人员不能申请本补助'],
  subsidy_rule_deadline: [422, '已超过证书发证之日起的申请期限'],
  subsidy_rule_one_per_certificate: [422, '这张证书已申请过补贴，每张证书只能享受一项补贴'],
  subsidy_rule_same_occupation_level: [422, '同一职业同一等级只补贴一次'],
  subsidy_rule_lower_level: [422, '您已申请过同一职业更高等级的补贴，不再补贴较低等级'],
  subsidy_rule_annual_cap: [422, '今年申请补贴的次数已达上限'],
  subsidy_rule_amount: [422, '这个等级的证书不在补助范围内'],
  invalid_bank_account: [400, '社保卡金融账户不正确'],
  subsidy_application_not_found: [404, '找不到这条补贴申请'],
  invalid_subsidy_transition: [409, '这条补贴申请当前的状态不允许这个操作'],
  subsidy_reason_required: [400, '不通过时请填写原因（2到200个字）'],
  payment_reference_required: [400, '登记发放时请填写转账流水号（最多64个字符）'],
  publicity_not_over: [409, '公示期还没有结束，公示期满后才能发放'],
  not_ready_for_payment: [409, '只有公示中的申请才能导出发放清单'],
  invalid_batch: [400, '请选择1到500条申请'],
  invalid_claim_date: [400, '领取日期应在发证日期之后、今天或以前'],
  // supply side: demand declarations and whitelists (20261125000700_supply.sql)
  invalid_credit_code: [400, '统一社会信用代码校验位不对'],
  invalid_demand: [400, '需求内容有误，请检查后重新提交'],
  demand_wanted_by_past: [400, '用工时间不能早于今天'],
  demand_unknown_district: [400, '用工所在区不正确'],
  demand_unknown_occupation: [400, '找不到这个职业，请从职业列表中选择'],
  enterprise_name_taken: [409, '这个企业名称已登记在另一个统一社会信用代码下，请核对企业名称和代码'],
  demand_not_found: [404, '找不到这条需求'],
  demand_not_editable: [409, '只有草稿和被退回的需求可以修改'],
  invalid_demand_transition: [409, '这条需求当前的状态不允许这个操作'],
  demand_reason_required: [400, '退回时请填写原因（2到200个字）'],
  whitelist_institution_not_found: [404, '找不到这个机构'],
  invalid_whitelist_transition: [409, '这个机构当前的名单状态不允许这个操作'],
  whitelist_reason_required: [400, '暂停时请填写原因（2到200个字）'],
};

interface PostgrestLikeError {
  code?: string;
  message?: string;
  details?: string | null;
  hint?: string | null;
}

/** Throws the matching ApiError, or a plain Error (→ 500, logged) for anything unexpected. */
export function throwDbError(error: PostgrestLikeError, context: string): never {
  const known = error.message ? KNOWN[error.message] : undefined;
  if (known) throw new ApiError(known[0], error.message!, known[1]);
  throw new Error(`${context}: ${error.code ?? ''} ${error.message ?? ''} ${error.details ?? ''}`.trim());
}
