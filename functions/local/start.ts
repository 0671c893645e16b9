// `npm start`: the whole app on one port (API, PostgREST under /rest/v1, H5 app).
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ensureH5Build } from './h5Build';
import { watchParent } from './parentWatch';
import { defaultH5Dir, repoRoot } from './paths';
import { startStack, type Stack, type StackOptions } from './stack';

const env = process.env;
const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${env.PORT}"`);
  process.exit(1);
}
// DATA_DIR=:memory: keeps nothing (tests); the default persists in <repo>/.data
const dataDir = env.DATA_DIR === ':memory:' ? undefined : resolve(env.DATA_DIR || join(repoRoot, '.data'));
const supabaseMode = Boolean(
  env.SUPABASE_URL && env.SUPABASE_ANON_KEY && env.SUPABASE_SERVICE_ROLE_KEY && env.SUPABASE_JWT_SECRET && !env.DATABASE_URL,
);

let stack: Stack | undefined;
let stopping = false;

async function shutdown(reason: string): Promise<void> {
  if (stopping) {
    console.error('Stopping forcefully');
    process.exit(1);
  }
  stopping = true;
  console.log(`\n${reason}: stopping…`);
  if (!stack) return; // startup still running: it stops right after
  await stack.stop();
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
// Started by the test harness with an IPC channel: go when the harness goes.
if (process.send) process.on('disconnect', () => void shutdown('parent exited'));
// `npm start` runs us under `sh -c`; a SIGTERM to npm kills that shell but not us. Notice being
// orphaned (our parent pid changes) and stop, so nothing keeps running unseen.
watchParent(() => void shutdown('parent exited'));
// A bug in one route must not take the whole server down.
process.on('uncaughtException', (error) => console.error('[stack] uncaught exception:', error));
process.on('unhandledRejection', (reason) => console.error('[stack] unhandled rejection:', reason));

const rel = (path: string) => relative(process.cwd(), path) || '.';

async function main(): Promise<void> {
  if (env.SKIP_H5_BUILD !== '1') await ensureH5Build(repoRoot);

  const opts: StackOptions = { port, host: env.HOST || '127.0.0.1' };
  if (dataDir) opts.dataDir = dataDir;
  if (supabaseMode) {
    opts.supabase = {
      url: env.SUPABASE_URL!,
      anonKey: env.SUPABASE_ANON_KEY!,
      serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY!,
      jwtSecret: env.SUPABASE_JWT_SECRET!,
    };
  } else if (env.DATABASE_URL) {
    opts.databaseUrl = env.DATABASE_URL;
    opts.createDatabase = env.CREATE_DATABASE === '1';
  }

  const started = await startStack(opts);
  stack = started;
  if (stopping) {
    await started.stop();
    process.exit(0);
  }

  const shown = started.url.replace('127.0.0.1', 'localhost');
  const lines = [`技能照亮前程 running at ${shown} (database: ${started.databaseKind})`];
  lines.push(`  API         ${shown}/api/*  ← ${rel(join(repoRoot, 'functions', 'api'))}`);
  if (started.postgrest) {
    lines.push(`  REST        ${shown}/rest/v1/  ← PostgREST ${started.postgrest.url} (pid ${started.postgrest.pid})`);
  } else {
    lines.push(`  REST        ${env.SUPABASE_URL}/rest/v1/ (hosted Supabase)`);
  }
  if (started.databaseUrl) {
    const where = started.databaseKind === 'pglite' ? (dataDir ? `PGlite in ${rel(join(dataDir, 'pglite'))}` : 'PGlite in memory') : 'Postgres';
    lines.push(`  Database    ${started.databaseUrl} (${where})`);
  }
  if (started.migrations) {
    const { applied, seeded } = started.migrations;
    lines.push(`  Migrations  ${applied.length ? `${applied.length} applied` : 'up to date'}${seeded ? ', seed loaded' : ''}`);
  }
  const h5 = existsSync(join(defaultH5Dir, 'index.html')) ? rel(defaultH5Dir) : 'not built (npm run build:h5)';
  lines.push(`  H5          ${shown}/  ← ${h5}`);
  lines.push(`  Started in  ${(started.timings.total ?? 0) / 1000} s`);
  console.log(lines.join('\n'));

  if (env.STACK_READY_JSON === '1') {
    const ready = {
      url: started.url,
      databaseUrl: started.databaseUrl ?? null,
      databaseKind: started.databaseKind,
      anonKey: started.anonKey,
      serviceRoleKey: started.serviceRoleKey,
      postgrestPid: started.postgrest?.pid ?? null,
    };
    console.log(`STACK_READY ${JSON.stringify(ready)}`);
  }
}

main().catch((error: unknown) => {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') console.error(`Port ${port} is already in use (another npm start?); set PORT to use another one`);
  else console.error('Could not start the stack:', e instanceof Error ? e.message : e);
  process.exit(1);
});
