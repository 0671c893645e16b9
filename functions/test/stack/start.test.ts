import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

interface Ready {
  url: string;
  databaseKind: string;
  postgrestPid: number;
}

/** Running (a zombie nobody reaped yet counts as gone). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/** `npm start` as the harness runs it: node --import tsx functions/local/start.ts */
async function startCli(): Promise<{ child: ChildProcess; ready: Ready; output: () => string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jz-start-'));
  dirs.push(dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir, STACK_READY_JSON: '1', SKIP_H5_BUILD: '1' };
  for (const name of ['DATABASE_URL', 'SUPABASE_URL', 'SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/start.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready:\n${output}`)), 60_000);
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      const line = output.split('\n').find((l) => l.startsWith('STACK_READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('STACK_READY '.length)) as Ready);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, ready, output: () => output };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('npm start (functions/local/start.ts)', () => {
  it('serves the API and the H5 fallback, then stops cleanly on SIGTERM', async () => {
    const { child, ready, output } = await startCli();
    expect(ready.databaseKind).toBe('pglite');
    expect(output()).toContain('技能照亮前程 running at http://localhost:');
    expect(isAlive(ready.postgrestPid)).toBe(true);

    const missing = await fetch(`${ready.url}/api/definitely/not/here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: '找不到这个接口' } });
    const page = await fetch(`${ready.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<html');

    const started = Date.now();
    child.kill('SIGTERM');
    const { code } = await exitOf(child);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await waitUntil(() => !isAlive(ready.postgrestPid), 2000)).toBe(true);
  });

  it('leaves no PostgREST behind even when killed with SIGKILL', async () => {
    const { child, ready } = await startCli();
    expect(isAlive(ready.postgrestPid)).toBe(true);
    child.kill('SIGKILL');
    await exitOf(child);
    expect(await waitUntil(() => !isAlive(ready.postgrestPid), 5000)).toBe(true);
  });
});
