// Starts one stack (`functions/local/start.ts`) as a child process for the whole test run.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import type { StackContext } from './provided';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const startScript = fileURLToPath(new URL('../../local/start.ts', import.meta.url));
const READY_TIMEOUT_MS = 120_000;

interface ReadyLine {
  url: string;
  databaseUrl: string | null;
  databaseKind: 'pglite' | 'postgres' | 'supabase';
  anonKey: string;
  serviceRoleKey: string;
}

function childEnv(secrets: { jwtSecret: string; dataEncryptionKey: string; cronSecret: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    STACK_READY_JSON: '1',
    SKIP_H5_BUILD: '1',
    SUPABASE_JWT_SECRET: secrets.jwtSecret,
    DATA_ENCRYPTION_KEY: secrets.dataEncryptionKey,
    CRON_SECRET: secrets.cronSecret,
  };
  // Tests never touch a hosted project or a developer's database: drop what could point there.
  for (const name of ['SUPABASE_URL', 'SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY', 'DATABASE_URL', 'CREATE_DATABASE', 'DATA_DIR']) {
    delete env[name];
  }
  // nothing persisted: PGlite in memory, secrets from the env above
  env.DATA_DIR = ':memory:';
  if (process.env.TEST_DATABASE_URL) {
    env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    env.CREATE_DATABASE = '1'; // its own test_<random> database, dropped at the end
  }
  return env;
}

function waitForReady(child: ChildProcess): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    let output = '';
    let pending = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${why}\n--- stack output ---\n${output.slice(-20_000)}`));
    };
    const timer = setTimeout(() => fail(`The test stack was not ready within ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk); // route errors and PostgREST complaints stay visible
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('STACK_READY ')) continue;
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line.slice('STACK_READY '.length)) as ReadyLine);
        } catch (error) {
          fail(`Unreadable STACK_READY line: ${String(error)}`);
        }
      }
    });
    child.once('exit', (code, signal) => fail(`The test stack exited before it was ready (code ${code ?? signal})`));
    child.once('error', (error) => fail(`The test stack could not be started: ${error.message}`));
  });
}

function stopChild(child: ChildProcess, ms = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const secrets = {
    jwtSecret: process.env.SUPABASE_JWT_SECRET || randomBytes(32).toString('base64'),
    dataEncryptionKey: process.env.DATA_ENCRYPTION_KEY || randomBytes(32).toString('base64'),
    cronSecret: randomBytes(24).toString('hex'),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', startScript], {
    cwd: repoRoot,
    env: childEnv(secrets),
    // the IPC channel lets the stack notice if this process dies without tearing down
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let ready: ReadyLine;
  try {
    ready = await waitForReady(child);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  child.stdout?.resume(); // keep draining so the child never blocks on a full pipe

  if (ready.databaseKind === 'supabase' || !ready.databaseUrl) {
    await stopChild(child);
    throw new Error('The test stack started without a local database');
  }
  const context: StackContext = {
    stackUrl: ready.url,
    databaseUrl: ready.databaseUrl,
    databaseKind: ready.databaseKind,
    anonKey: ready.anonKey,
    serviceRoleKey: ready.serviceRoleKey,
    ...secrets,
  };
  for (const [key, value] of Object.entries(context)) project.provide(key as keyof StackContext, value);

  return async () => {
    await stopChild(child);
  };
}
