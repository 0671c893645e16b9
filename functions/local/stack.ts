import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { applyEnv, userEnv } from './env';
import { createGateway } from './gateway';
import type { MigrateResult } from './migrate';
import { defaultApiDir, defaultH5Dir, repoRoot } from './paths';
import { startEmbeddedDatabase } from './pglite';
import { startServerDatabase } from './postgres';
import { startPostgrest, type Postgrest } from './postgrest';
import { keyMatches, loadSecrets, mintApiKeys, type StackSecrets } from './secrets';

export type DatabaseKind = 'pglite' | 'postgres' | 'supabase';

/** A hosted Supabase project: the stack then serves only the gateway. */
export interface SupabaseProject {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
}

export interface StackOptions {
  /** Gateway port; 0 (default) picks a free one. */
  port?: number;
  /** Gateway interface, default 127.0.0.1. */
  host?: string;
  /** Persist PGlite (in `<dataDir>/pglite`) and secrets (`<dataDir>/secrets.json`); omit for in-memory. */
  dataDir?: string;
  /** Use this Postgres server instead of PGlite. */
  databaseUrl?: string;
  /** With databaseUrl: build a fresh test_<random> database from the migrations, dropped on stop. */
  createDatabase?: boolean;
  /** Use a hosted project: no local database, no PostgREST. */
  supabase?: SupabaseProject;
  apiDir?: string;
  h5Dir?: string;
  /** Repository root holding supabase/ (default: this repository). */
  root?: string;
  quiet?: boolean;
}

export interface Stack {
  /** Gateway base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  databaseKind: DatabaseKind;
  /** postgres:// URL for `pg` (PGlite socket or the real database); absent in Supabase mode. */
  databaseUrl?: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  dataEncryptionKey: string;
  postgrest?: { url: string; pid: number };
  migrations?: MigrateResult;
  /** Milliseconds spent per phase of startup. */
  timings: Record<string, number>;
  /** Make PostgREST re-read the schema after DDL done outside the migrations. */
  reloadSchema(): Promise<void>;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const force = setTimeout(() => server.closeAllConnections(), 2000);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** The user's values win; otherwise the data directory's (or fresh ones). */
async function resolveSecrets(opts: StackOptions): Promise<StackSecrets> {
  const dataEncryptionKey = userEnv('DATA_ENCRYPTION_KEY');
  if (opts.supabase) {
    // a key made up here would encrypt rows in the hosted database that nothing else can read
    if (!dataEncryptionKey) {
      throw new Error('Using a hosted Supabase project needs DATA_ENCRYPTION_KEY (the one the deployed functions use)');
    }
    return { jwtSecret: opts.supabase.jwtSecret, dataEncryptionKey };
  }
  const stored = await loadSecrets(opts.dataDir);
  return {
    jwtSecret: userEnv('SUPABASE_JWT_SECRET') ?? stored.jwtSecret,
    dataEncryptionKey: dataEncryptionKey ?? stored.dataEncryptionKey,
  };
}

async function resolveKeys(jwtSecret: string, supabase?: SupabaseProject) {
  if (supabase) return { anonKey: supabase.anonKey, serviceRoleKey: supabase.serviceRoleKey };
  const minted = await mintApiKeys(jwtSecret);
  const given = { anonKey: userEnv('SUPABASE_ANON_KEY'), serviceRoleKey: userEnv('SUPABASE_SERVICE_ROLE_KEY') };
  if (given.anonKey && !(await keyMatches(given.anonKey, jwtSecret, 'anon'))) {
    throw new Error('SUPABASE_ANON_KEY is not an anon key signed with the JWT secret in use; unset it or set SUPABASE_JWT_SECRET to match');
  }
  if (given.serviceRoleKey && !(await keyMatches(given.serviceRoleKey, jwtSecret, 'service_role'))) {
    throw new Error('SUPABASE_SERVICE_ROLE_KEY is not a service_role key signed with the JWT secret in use; unset it or set SUPABASE_JWT_SECRET to match');
  }
  return { anonKey: given.anonKey ?? minted.anonKey, serviceRoleKey: given.serviceRoleKey ?? minted.serviceRoleKey };
}

/**
 * Starts the local Supabase-shaped stack: database (PGlite, a Postgres server, or none for a
 * hosted project) → migrations → PostgREST → one gateway for /api, /rest/v1 and the H5 app.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const root = opts.root ?? repoRoot;
  const quiet = opts.quiet ?? false;
  const timings: Record<string, number> = {};
  const began = Date.now();
  let mark = began;
  const lap = (name: string) => {
    const now = Date.now();
    timings[name] = now - mark;
    mark = now;
  };

  const cleanups: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('[stack] stop:', error);
      }
    }
  };

  try {
    const { jwtSecret, dataEncryptionKey } = await resolveSecrets(opts);
    const { anonKey, serviceRoleKey } = await resolveKeys(jwtSecret, opts.supabase);
    lap('secrets');

    let databaseKind: DatabaseKind = 'supabase';
    let databaseUrl: string | undefined;
    let migrations: MigrateResult | undefined;
    let postgrest: Postgrest | undefined;
    if (!opts.supabase) {
      if (opts.databaseUrl) {
        databaseKind = 'postgres';
        const db = await startServerDatabase({ root, databaseUrl: opts.databaseUrl, createDatabase: opts.createDatabase });
        cleanups.push(() => db.stop());
        databaseUrl = db.databaseUrl;
        migrations = db.migrations;
      } else {
        databaseKind = 'pglite';
        const dataDir = opts.dataDir ? join(opts.dataDir, 'pglite') : undefined;
        const db = await startEmbeddedDatabase({ root, ...(dataDir ? { dataDir } : {}) });
        cleanups.push(() => db.stop());
        databaseUrl = db.databaseUrl;
        migrations = db.migrations;
      }
      lap('database');
      const pg = await startPostgrest({
        dbUri: databaseUrl,
        jwtSecret,
        pool: databaseKind === 'pglite' ? 1 : 10,
        channel: databaseKind !== 'pglite',
        quiet,
      });
      postgrest = pg;
      cleanups.push(() => pg.stop());
      lap('postgrest');
    }

    const gateway = createGateway({
      apiDir: opts.apiDir ?? defaultApiDir,
      h5Dir: opts.h5Dir ?? defaultH5Dir,
      ...(postgrest ? { rest: { upstream: postgrest.url, anonKey, serviceRoleKey } } : {}),
    });
    const host = opts.host ?? '127.0.0.1';
    const port = await listen(gateway, opts.port ?? 0, host);
    cleanups.push(() => closeServer(gateway));
    const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;

    // Set before the first request is handled (connections are only read on a later tick).
    const restoreEnv = opts.supabase
      ? applyEnv({ DATA_ENCRYPTION_KEY: dataEncryptionKey, DATABASE_KIND: 'supabase' }, ['DATABASE_KIND'])
      : applyEnv(
          {
            SUPABASE_URL: url,
            SUPABASE_ANON_KEY: anonKey,
            SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
            SUPABASE_JWT_SECRET: jwtSecret,
            DATA_ENCRYPTION_KEY: dataEncryptionKey,
            DATABASE_KIND: databaseKind,
          },
          ['SUPABASE_URL', 'DATABASE_KIND'],
        );
    cleanups.push(restoreEnv);
    lap('gateway');
    timings.total = Date.now() - began;

    let stopping: Promise<void> | undefined;
    return {
      url,
      databaseKind,
      ...(databaseUrl ? { databaseUrl } : {}),
      anonKey,
      serviceRoleKey,
      jwtSecret,
      dataEncryptionKey,
      ...(postgrest ? { postgrest: { url: postgrest.url, pid: postgrest.pid } } : {}),
      ...(migrations ? { migrations } : {}),
      timings,
      reloadSchema: async () => {
        await postgrest?.reloadSchema();
      },
      stop: () => (stopping ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
