import { z } from 'zod';
import { ROLES } from '../rules/roles';

export const loginInput = z.strictObject({
  code: z
    .string({ error: '缺少微信登录凭证 code' })
    .trim()
    .min(1, '缺少微信登录凭证 code')
    .max(128, '微信登录凭证格式不对'),
});
export type LoginInput = z.infer<typeof loginInput>;

export const roleGrantSchema = z.strictObject({
  role: z.enum(ROLES, { error: '角色不存在' }),
  scope: z.string().trim().min(1).max(64).optional(),
});

export const devLoginInput = z.strictObject({
  name: z.string({ error: '请填写一个名字' }).trim().min(1, '请填写一个名字').max(32, '名字太长了'),
  roles: z.array(roleGrantSchema).max(10).optional(),
});
export type DevLoginInput = z.infer<typeof devLoginInput>;

export const grantRoleInput = z.strictObject({
  userId: z.uuid({ error: '用户编号格式不对' }),
  role: z.enum(ROLES, { error: '角色不存在' }),
  scope: z.string().trim().min(1).max(64).optional(),
  revoke: z.boolean().optional(),
});
export type GrantRoleInput = z.infer<typeof grantRoleInput>;
