import { parseStationScene, sceneQuery, type SceneTarget } from '@jz/shared';
import { throwDbError } from '../../lib/dbErrors';
import { ApiError, badRequest } from '../../lib/errors';
import { ok, parseQuery, route } from '../../lib/http';
import { anonDb } from '../../lib/supabase';

/** Turns a mini-program code's `scene` (launch options) into the station code and the class or project to open. */
export default route(
  {
    GET: async (req) => {
      const { scene } = parseQuery(req, sceneQuery);
      const parsed = parseStationScene(scene);
      if (!parsed) throw badRequest('这个小程序码无法识别', { scene: '不是服务站的小程序码' }, 'scene_invalid');
      const db = anonDb();
      const [station, cls, project] = await Promise.all([
        db.from('stations').select('code').eq('code', parsed.stationCode).maybeSingle(),
        parsed.classCode ? db.from('classes').select('id').eq('code', parsed.classCode).maybeSingle() : null,
        parsed.projectCode ? db.from('projects').select('id').eq('code', parsed.projectCode).maybeSingle() : null,
      ]);
      for (const r of [station, cls, project]) if (r?.error) throwDbError(r.error, 'scene');
      if (!station.data) throw new ApiError(404, 'station_not_found', '找不到这个服务站');
      if (parsed.classCode && !cls?.data) throw new ApiError(404, 'class_not_found', '找不到这个班次，它可能已下架');
      if (parsed.projectCode && !project?.data) throw new ApiError(404, 'project_not_found', '找不到这个培训项目');
      const body: SceneTarget = {
        stationCode: parsed.stationCode,
        classId: (cls?.data?.id as string | undefined) ?? null,
        projectId: (project?.data?.id as string | undefined) ?? null,
      };
      return ok(body);
    },
  },
  'stations/scene',
);
