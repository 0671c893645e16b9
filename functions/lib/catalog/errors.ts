/** The catalog functions raise `PT400` with a stable code per bad filter; this names the parameter in Chinese. */
import { throwDbError } from '../dbErrors';
import { badRequest } from '../errors';

const FILTERS: Record<string, [string, string]> = {
  bad_limit: ['limit', '每页条数应为 1 到 50 的整数'],
  bad_sort: ['sort', '排序方式应为 soonest、nearest 或 seats'],
  bad_position: ['lat', '位置需要同时提供有效的纬度 lat 和经度 lng'],
  position_required: ['lat', '按距离排序需要提供您的位置（lat、lng）'],
  unknown_field: ['field', '没有这个领域'],
  unknown_district: ['district', '请选择北京市的一个区'],
  unknown_occupation: ['occupation', '没有这个职业（工种）'],
  unknown_institution: ['institution', '没有这个评价机构，或它不在白名单上'],
  bad_mode: ['mode', '培训方式应为 offline、online 或 blended'],
  bad_level: ['level', '等级应为 5、4、3、2、1 或 special（专项职业能力）'],
  bad_audience: ['audience', '培训对象应为 employee、student 或 key_group'],
  bad_kind: ['kind', '机构类型应为 training 或 evaluation'],
  bad_status: ['status', '状态应为 published、fulfilled、closed 或 all'],
  bad_source: ['source', '来源应为 notice、service_package、self_declared 或 station'],
  bad_date_range: ['startsAfter', '开始日期不能晚于结束日期'],
  bad_cursor: ['cursor', '翻页标记无效，请从第一页重新查询'],
};

interface PostgrestLikeError {
  code?: string;
  message?: string;
  details?: string | null;
  hint?: string | null;
}

export function throwCatalogError(error: PostgrestLikeError, context: string): never {
  const known = error.message ? FILTERS[error.message] : undefined;
  if (known) throw badRequest('查询条件有误', { [known[0]]: known[1] });
  throwDbError(error, context);
}
