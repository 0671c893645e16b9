import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations, isFreshDatabase, type MigrateResult } from './migrate';

export interface ServerDatabase {
  databaseUrl: string;
  /** Set when this stack created the database and drops it on stop. */
  createdName?: string;
  migrations: MigrateResult;
  stop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function migrate(url: string, root: string): Promise<MigrateResult> {
  return withClient(url, async (client) => {
    // no parameters → simple query protocol, which accepts multi-statement files
    const exec = (sql: string) => client.query(sql);
    const query = async <T>(sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as T[];
    return applyMigrations(exec, query, { root, seed: await isFreshDatabase(query) });
  });
}

/**
 * A real Postgres server. With `createDatabase`, a fresh `test_<random>` database is made
 * from the migrations and dropped again on stop, so no run depends on an earlier one.
 */
export async function startServerDatabase(opts: {
  root: string;
  databaseUrl: string;
  createDatabase?: boolean;
}): Promise<ServerDatabase> {
  if (!opts.createDatabase) {
    const migrations = await migrate(opts.databaseUrl, opts.root);
    return { databaseUrl: opts.databaseUrl, migrations, stop: async () => undefined };
  }

  const name = `test_${randomBytes(6).toString('hex')}`;
  await withClient(opts.databaseUrl, (c) => c.query(`create database "${name}"`));
  const drop = () =>
    withClient(opts.databaseUrl, (c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined);
  const databaseUrl = withDatabase(opts.databaseUrl, name);
  try {
    const migrations = await migrate(databaseUrl, opts.root);
    return { databaseUrl, createdName: name, migrations, stop: drop };
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
}
