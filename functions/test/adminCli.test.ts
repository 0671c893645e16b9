import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject, describe, expect, it } from 'vitest';
import { apiClient, uniqueName } from './support/api';

const run = promisify(execFile);
const api = apiClient(inject('stackUrl'));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function admin(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'functions/scripts/admin.ts', ...args], {
    cwd: repoRoot,
    env: {
      ...process.env,
      SUPABASE_URL: inject('stackUrl'),
      SUPABASE_ANON_KEY: inject('anonKey'),
      SUPABASE_SERVICE_ROLE_KEY: inject('serviceRoleKey'),
    },
  });
}

describe('npm run admin', () => {
  it('grants, lists and revokes a role by dev-login name', async () => {
    const name = uniqueName();
    const worker = await api.devLogin(name);
    const granted = await admin('grant', '--user', name, '--role', 'institution_staff', '--scope', 'INS-042');
    expect(granted.stdout).toContain('institution_staff(INS-042)');
    expect((await api.get('/api/me', { token: worker.token })).body.user.roles).toEqual([
      { role: 'institution_staff', scope: 'INS-042' },
    ]);
    const listed = await admin('list', '--user', worker.user.id);
    expect(listed.stdout).toContain('institution_staff(INS-042)');
    await admin('revoke', '--user', worker.user.id, '--role', 'institution_staff', '--scope', 'INS-042');
    expect((await api.get('/api/me', { token: worker.token })).body.user.roles).toEqual([]);
  });

  it('explains an unknown user and a bad scope in Chinese and exits non-zero', async () => {
    await expect(admin('grant', '--user', uniqueName('无此人'), '--role', 'admin')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('没有名为'),
    });
    const worker = await api.devLogin(uniqueName());
    await expect(admin('grant', '--user', worker.user.id, '--role', 'reviewer', '--scope', 'nowhere')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('范围'),
    });
  });

  it('sets, lists and clears the WeChat template of a notification; refuses an unknown event or a malformed id', async () => {
    const tmpl = `Tmpl_${Date.now().toString(36)}-abc`;
    expect((await admin('template', '--event', 'class.reminder', '--id', tmpl)).stdout).toContain(tmpl);
    const user = await api.devLogin(uniqueName());
    const items = (await api.get('/api/me/notifications/subscriptions', { token: user.token })).body.items;
    expect(items.find((t: any) => t.key === 'class.reminder').templateId).toBe(tmpl);
    expect((await admin('templates')).stdout).toMatch(new RegExp(`class\\.reminder\\t${tmpl}`));
    await admin('template', '--event', 'class.reminder', '--id', 'none');
    const cleared = (await api.get('/api/me/notifications/subscriptions', { token: user.token })).body.items;
    expect(cleared.find((t: any) => t.key === 'class.reminder').templateId).toBeNull();
    await expect(admin('template', '--event', 'no.such.event', '--id', tmpl)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('没有「no.such.event」') });
    await expect(admin('template', '--event', 'class.reminder', '--id', '坏的ID')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('模板ID') });
  });

  it('prints usage for a missing command', async () => {
    await expect(admin()).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('用法') });
  });
});
