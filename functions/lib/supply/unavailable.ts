/** Why a class is not (or no longer) in the catalog, in plain words for the person who opened an old link or poster. */
import { throwDbError } from '../dbErrors';
import { anonDb } from '../supabase';

const MESSAGES: Record<string, string> = {
  cancelled: '这个班次已经取消，不再开班。可以看看同一项目的其他班次',
  institution_suspended: '开班的培训机构目前暂停了白名单资格，这个班次暂时不能报名；已经报名的不受影响',
  project_unavailable: '这个培训项目已经暂停或结束，班次暂时不能报名',
};
const FALLBACK = '找不到这个班次，它可能已下架';

export async function classUnavailableMessage(classId: string): Promise<string> {
  const { data, error } = await anonDb().rpc('catalog_class_unavailable_reason', { p_class_id: classId });
  if (error) throwDbError(error, 'catalog_class_unavailable_reason');
  return (typeof data === 'string' && MESSAGES[data]) || FALLBACK;
}
