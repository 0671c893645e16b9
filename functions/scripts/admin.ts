/**
 * Administration from the command line: staff roles, and the WeChat subscribe-message template
 * each notification is sent with (from the WeChat console, per deployment):
 *   npm run admin -- grant  --user <user id | name> --role <role> [--scope <scope>]
 *   npm run admin -- revoke --user <user id | name> --role <role> [--scope <scope>]
 *   npm run admin -- list   --user <user id | name>
 *   npm run admin -- templates
 *   npm run admin -- template --event <event> --id <WeChat template id | none>
 * Talks to SUPABASE_URL with SUPABASE_SERVICE_ROLE_KEY when set, otherwise to the local `npm start`
 * (http://127.0.0.1:$PORT, keys from its .data/secrets.json).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role, type RoleGrant } from '@jz/shared';
import { ApiError } from '../lib/errors';
import { setRoleGrant } from '../lib/roles';
import { serviceDb } from '../lib/supabase';
import { mintApiKeys, type StackSecrets } from '../local/secrets';

const USAGE = `用法:
  npm run admin -- grant  --user <用户ID或名字> --role <${ROLES.filter((r) => r !== 'worker').join('|')}> [--scope <范围>]
  npm run admin -- revoke --user <用户ID或名字> --role <角色> [--scope <范围>]
  npm run admin -- list   --user <用户ID或名字>
  npm run admin -- templates
  npm run admin -- template --event <通知事件> --id <微信模板ID|none>`;

/** WeChat template ids are letters, digits, - and _ (e.g. 9Kc0…-x_Yq). */
const TEMPLATE_ID = /^[A-Za-z0-9_-]{8,64}$/;

async function listTemplates(): Promise<void> {
  const { data, error } = await serviceDb().from('notification_templates').select('event, template_id, description').order('event');
  if (error) throw new Error(`查询消息模板失败：${error.message}`);
  for (const t of data ?? []) console.log(`${t.event}\t${t.template_id ?? '（未配置，不发送）'}\t${t.description}`);
}

async function setTemplate(event: string, id: string): Promise<void> {
  if (id !== 'none' && !TEMPLATE_ID.test(id)) throw new Error(`模板ID「${id}」不对：请从微信公众平台「订阅消息 → 我的模板」复制，或写 none 停发`);
  const { data, error } = await serviceDb()
    .from('notification_templates')
    .update({ template_id: id === 'none' ? null : id, updated_at: new Date().toISOString() })
    .eq('event', event)
    .select('event');
  if (error) throw new Error(`保存消息模板失败：${error.message}`);
  if (!data?.length) throw new Error(`没有「${event}」这种通知；npm run admin -- templates 可列出全部`);
  console.log(id === 'none' ? `已停发 ${event}。` : `已设置 ${event} 的模板：${id}`);
}

async function connectLocally(): Promise<void> {
  if (process.env.SUPABASE_URL && process.env.SUPABASE_SERVICE_ROLE_KEY) return;
  const dataDir = resolve(process.env.DATA_DIR ?? join(process.cwd(), '.data'));
  let secrets: StackSecrets;
  try {
    secrets = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as StackSecrets;
  } catch {
    throw new Error(`找不到 ${dataDir}/secrets.json：请先运行 npm start，或设置 SUPABASE_URL 和 SUPABASE_SERVICE_ROLE_KEY`);
  }
  const keys = await mintApiKeys(secrets.jwtSecret);
  process.env.SUPABASE_URL = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  process.env.SUPABASE_ANON_KEY = keys.anonKey;
  process.env.SUPABASE_SERVICE_ROLE_KEY = keys.serviceRoleKey;
}

async function findUserId(user: string): Promise<string> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(user)) return user;
  const { data, error } = await serviceDb()
    .from('users')
    .select('id, display_name, openid')
    .or(`openid.eq."dev:${user}",display_name.eq."${user}"`);
  if (error) throw new Error(`查询用户失败：${error.message}`);
  if (!data?.length) throw new Error(`没有名为「${user}」的用户`);
  if (data.length > 1) {
    const list = data.map((u) => `  ${u.id}  ${u.display_name}`).join('\n');
    throw new Error(`有多个名为「${user}」的用户，请用用户ID：\n${list}`);
  }
  return data[0]!.id as string;
}

function describe(roles: RoleGrant[]): string {
  return roles.length ? roles.map((g) => (g.scope ? `${g.role}(${g.scope})` : g.role)).join(', ') : '（没有工作人员角色）';
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      user: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      event: { type: 'string' },
      id: { type: 'string' },
    },
  });
  const [command] = positionals;
  if (command === 'templates' || command === 'template') {
    if (command === 'template' && (!values.event || !values.id)) throw new Error(USAGE);
    await connectLocally();
    return command === 'templates' ? listTemplates() : setTemplate(values.event!, values.id!);
  }
  if (!command || !['grant', 'revoke', 'list'].includes(command) || !values.user) throw new Error(USAGE);
  await connectLocally();
  const userId = await findUserId(values.user);
  if (command === 'list') {
    const { data, error } = await serviceDb().rpc('roles_of', { p_user_id: userId });
    if (error) throw new Error(error.message);
    console.log(`${userId}: ${describe(data as RoleGrant[])}`);
    return;
  }
  if (!values.role || !ROLES.includes(values.role as Role)) throw new Error(USAGE);
  const grant: RoleGrant = { role: values.role as Role, ...(values.scope ? { scope: values.scope } : {}) };
  const roles = await setRoleGrant(userId, grant, { revoke: command === 'revoke' });
  console.log(`${command === 'grant' ? '已授予' : '已撤销'}。${userId} 现在的角色：${describe(roles)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error));
  process.exit(1);
});
