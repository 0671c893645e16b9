import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export type Exec = (sql: string) => Promise<unknown>;
export type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface MigrateOptions {
  /** Repository root: holds supabase/local/bootstrap.sql, supabase/migrations/, supabase/seed.sql. */
  root: string;
  /** Apply supabase/seed.sql after the migrations (first creation of the database only). */
  seed: boolean;
}

export interface MigrateResult {
  applied: string[];
  seeded: boolean;
}

// Same table the Supabase CLI keeps, so `supabase migration list` would agree.
const HISTORY_DDL = `
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
alter table supabase_migrations.schema_migrations add column if not exists statements text[];
alter table supabase_migrations.schema_migrations add column if not exists name text;
`;

const MIGRATION_FILE = /^(\d+)_?(.*)\.sql$/;

/** True when this database has never been migrated (so the seed belongs to this run). */
export async function isFreshDatabase(query: Query): Promise<boolean> {
  const rows = await query<{ present: boolean }>(
    "select to_regclass('supabase_migrations.schema_migrations') is not null as present",
  );
  return rows[0]?.present !== true;
}

async function inTransaction(exec: Exec, label: string, work: () => Promise<void>): Promise<void> {
  await exec('begin');
  try {
    await work();
    await exec('commit');
  } catch (error) {
    await exec('rollback').catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${label} failed: ${message}`, { cause: error });
  }
}

/**
 * Brings a database up to date: bootstrap (what Supabase itself provides), every migration
 * not yet recorded, each in its own transaction, then the seed when asked.
 * `exec` must accept several statements at once (PGlite `exec`, pg simple query protocol).
 */
export async function applyMigrations(exec: Exec, query: Query, opts: MigrateOptions): Promise<MigrateResult> {
  const bootstrapFile = join(opts.root, 'supabase', 'local', 'bootstrap.sql');
  await inTransaction(exec, 'supabase/local/bootstrap.sql', async () => {
    await exec(await readFile(bootstrapFile, 'utf8'));
    await exec(HISTORY_DDL);
  });

  const migrationsDir = join(opts.root, 'supabase', 'migrations');
  const files = existsSync(migrationsDir)
    ? (await readdir(migrationsDir)).filter((f) => MIGRATION_FILE.test(f)).sort()
    : [];
  const done = new Set(
    (await query<{ version: string }>('select version from supabase_migrations.schema_migrations')).map(
      (r) => r.version,
    ),
  );

  const applied: string[] = [];
  for (const file of files) {
    const [, version = '', name = ''] = MIGRATION_FILE.exec(file) ?? [];
    if (done.has(version)) continue;
    const sql = await readFile(join(migrationsDir, file), 'utf8');
    await inTransaction(exec, `supabase/migrations/${file}`, async () => {
      await exec(sql);
      await query(
        'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
        [version, name, [sql]],
      );
    });
    done.add(version);
    applied.push(file);
  }

  let seeded = false;
  if (opts.seed) {
    for (const file of await seedFiles(opts.root)) {
      const sql = await readFile(join(opts.root, 'supabase', file), 'utf8');
      await inTransaction(exec, `supabase/${file}`, () => exec(sql).then(() => undefined));
      seeded = true;
    }
  }
  return { applied, seeded };
}

/**
 * The seed files in the order the Supabase CLI loads them: `[db.seed] sql_paths` of
 * supabase/config.toml (paths relative to supabase/, `*` globs within one folder, sorted).
 */
export async function seedFiles(root: string): Promise<string[]> {
  const configFile = join(root, 'supabase', 'config.toml');
  const config = existsSync(configFile) ? await readFile(configFile, 'utf8') : '';
  const listed = /^\s*sql_paths\s*=\s*\[([^\]]*)\]/m.exec(config)?.[1];
  const patterns = listed ? [...listed.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.replace(/^\.\//, '')) : ['seed.sql'];
  const files: string[] = [];
  for (const pattern of patterns) {
    const slash = pattern.lastIndexOf('/');
    const dir = slash < 0 ? '' : pattern.slice(0, slash);
    const name = pattern.slice(slash + 1);
    if (!name.includes('*')) {
      if (existsSync(join(root, 'supabase', pattern))) files.push(pattern);
      continue;
    }
    const matcher = new RegExp(`^${name.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    const found = existsSync(join(root, 'supabase', dir)) ? await readdir(join(root, 'supabase', dir)) : [];
    for (const entry of found.filter((f) => matcher.test(f)).sort()) files.push(dir ? `${dir}/${entry}` : entry);
  }
  return [...new Set(files)];
}
