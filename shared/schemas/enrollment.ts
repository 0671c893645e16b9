import { z } from 'zod';

/** Station codes as printed on QR posters: STA-<district code>-<serial>. */
export const STATION_CODE = /^STA-\d{6}-\d{3}$/;
export const CLASS_CODE = /^BC-\d{4}-\d{4,7}$/;
export const PROJECT_CODE = /^XM-\d{4}-\d{4,6}$/;

export const ENROLLMENT_STATUSES = {
  enrolled: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
  completed: '已结业',
  dropped: '未结业',
} as const;
export type EnrollmentStatus = keyof typeof ENROLLMENT_STATUSES;

/** Attendance share needed to complete a class when the class sets none (80%). */
export const DEFAULT_ATTENDANCE_THRESHOLD = 0.8;
/** How long a check-in QR code shown in 我的报名 stays valid. */
export const CHECKIN_TOKEN_TTL_SECONDS = 600;

const uuid = (message: string) => z.uuid({ error: message });
const stationCode = z.string({ error: '服务站编码格式不对' }).trim().regex(STATION_CODE, '服务站编码格式不对');
const isoDate = z
  .string({ error: '请填写日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '日期不存在');

/** POST /api/enrollments (with an Idempotency-Key header). */
export const enrollInput = z.strictObject({
  classId: uuid('班次编号格式不对'),
  stationCode: stationCode.optional(),
});
export type EnrollInput = z.infer<typeof enrollInput>;

/** DELETE /api/enrollments/[id]: an optional reason. */
export const cancelEnrollmentInput = z.strictObject({
  reason: z.string().trim().max(200, '原因不能超过200个字').optional(),
});

export const enrollmentIdParams = z.object({ id: uuid('报名编号格式不对') });
export const classIdParams = z.object({ id: uuid('班次编号格式不对') });

/** GET /api/me/enrollments?status=active|all */
export const myEnrollmentsQuery = z.object({
  status: z.enum(['active', 'all'], { error: 'status 只能是 active 或 all' }).default('all'),
});

/** POST /api/checkins: the token from the person's check-in QR code, scanned by institution staff. */
export const checkInInput = z.strictObject({
  token: z.string({ error: '请扫描学员的签到码' }).trim().min(10, '签到码无效').max(200, '签到码无效'),
  sessionDate: isoDate,
  classId: uuid('班次编号格式不对').optional(),
});
export type CheckInInput = z.infer<typeof checkInInput>;

/** PUT /api/classes/[id]/settings */
export const classSettingsInput = z
  .strictObject({
    attendanceThreshold: z
      .number({ error: '出勤率要求应为0到1之间的小数' })
      .gt(0, '出勤率要求应大于0')
      .lte(1, '出勤率要求不能超过1（100%）')
      .multipleOf(0.001, '出勤率要求最多精确到0.1%')
      .optional(),
    waitlistLimit: z
      .number({ error: '候补人数上限应为整数' })
      .int('候补人数上限应为整数')
      .min(0, '候补人数上限不能为负数')
      .max(100000, '候补人数上限太大了')
      .nullable()
      .optional(),
  })
  .refine((v) => v.attendanceThreshold !== undefined || v.waitlistLimit !== undefined, {
    message: '请至少修改一项设置',
    path: ['_'],
  });
export type ClassSettingsInput = z.infer<typeof classSettingsInput>;

/** POST /api/classes/[id]/drop */
export const dropInput = z.strictObject({
  enrollmentIds: z
    .array(uuid('报名编号格式不对'), { error: '请选择要标记的学员' })
    .min(1, '请选择要标记的学员')
    .max(500, '一次最多标记500人'),
  reason: z.string({ error: '请填写原因' }).trim().min(2, '请填写原因（至少2个字）').max(200, '原因不能超过200个字'),
});
export type DropInput = z.infer<typeof dropInput>;

/** GET /api/classes/[id]/roster?format=json|csv&include=cancelled */
export const rosterQuery = z.object({
  id: uuid('班次编号格式不对'),
  format: z.enum(['json', 'csv'], { error: 'format 只能是 json 或 csv' }).default('json'),
  include: z.enum(['cancelled'], { error: 'include 只能是 cancelled' }).optional(),
});

/** A class or a project, exactly one of them (QR codes, posters, visits). */
const targetShape = {
  classId: uuid('班次编号格式不对').optional(),
  projectId: uuid('项目编号格式不对').optional(),
};
const oneTarget = (v: { classId?: string; projectId?: string }) => (v.classId === undefined) !== (v.projectId === undefined);
const oneTargetIssue = { message: '请指定一个班次（classId）或一个项目（projectId）', path: ['classId'] };

/** GET /api/stations/me/qrcode and /poster */
export const stationQrQuery = z
  .object({
    ...targetShape,
    station: stationCode.optional(),
    format: z.enum(['json', 'png', 'wxacode'], { error: 'format 只能是 json、png 或 wxacode' }).default('json'),
  })
  .refine(oneTarget, oneTargetIssue);
export const stationPosterQuery = z
  .object({ ...targetShape, station: stationCode.optional() })
  .refine(oneTarget, oneTargetIssue);

/** GET /api/stations/me/stats */
export const stationStatsQuery = z.object({
  station: stationCode.optional(),
  weeks: z.coerce.number({ error: 'weeks 应为1到104的整数' }).int('weeks 应为整数').min(1, 'weeks 至少为1').max(104, 'weeks 最多104').default(12),
});

/** GET /api/stations/me */
export const stationMeQuery = z.object({ station: stationCode.optional() });

/** POST /api/stations/visits: a class or project opened through a station's code (at most one target). */
export const stationVisitInput = z
  .strictObject({ stationCode, ...targetShape })
  .refine((v) => !(v.classId && v.projectId), { message: '班次和项目只能指定一个', path: ['projectId'] });
export type StationVisitInput = z.infer<typeof stationVisitInput>;

/** GET /api/stations/scene?scene=… */
export const sceneQuery = z.object({
  scene: z.string({ error: '缺少 scene' }).trim().min(1, '缺少 scene').max(128, 'scene 太长了'),
});

/* ---------------------------------------------------------------- mini-program code scene */

/** The longest scene wxacode.getUnlimited accepts. */
export const SCENE_MAX_LENGTH = 32;

export interface StationScene {
  stationCode: string;
  classCode?: string;
  projectCode?: string;
}

/**
 * The `scene` of a station's mini-program code (≤ 32 characters): prefixes dropped, e.g.
 * `s=110105-001&c=2026-00014` for STA-110105-001 and class BC-2026-00014 (`p=` for a project).
 */
export function stationScene(target: StationScene): string {
  const parts = [`s=${target.stationCode.replace(/^STA-/, '')}`];
  if (target.classCode) parts.push(`c=${target.classCode.replace(/^BC-/, '')}`);
  else if (target.projectCode) parts.push(`p=${target.projectCode.replace(/^XM-/, '')}`);
  return parts.join('&');
}

/** Reads a scene made by stationScene (the mini-program gets it URL-encoded in its launch options); undefined when it is not one. */
export function parseStationScene(scene: string): StationScene | undefined {
  let text = scene;
  try {
    text = decodeURIComponent(scene);
  } catch {
    return undefined;
  }
  const fields = new Map<string, string>();
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const stationCode = `STA-${fields.get('s') ?? ''}`;
  if (!STATION_CODE.test(stationCode)) return undefined;
  const c = fields.get('c');
  const p = fields.get('p');
  if (c !== undefined) return CLASS_CODE.test(`BC-${c}`) ? { stationCode, classCode: `BC-${c}` } : undefined;
  if (p !== undefined) return PROJECT_CODE.test(`XM-${p}`) ? { stationCode, projectCode: `XM-${p}` } : undefined;
  return { stationCode };
}
