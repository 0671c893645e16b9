import { mkdir, mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, isFreshDatabase, seedFiles } from '../../local/migrate';

const bootstrap = fileURLToPath(new URL('../../../supabase/local/bootstrap.sql', import.meta.url));
let root: string;
let db: PGlite;
const exec = (sql: string) => db.exec(sql);
const query = async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows;

async function writeMigration(name: string, sql: string) {
  await writeFile(join(root, 'supabase', 'migrations', name), sql);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'jz-migrate-'));
  await mkdir(join(root, 'supabase', 'local'), { recursive: true });
  await mkdir(join(root, 'supabase', 'migrations'));
  await copyFile(bootstrap, join(root, 'supabase', 'local', 'bootstrap.sql'));
  await writeFile(join(root, 'supabase', 'seed.sql'), `insert into public.things (name) values ('seeded');`);
  db = await PGlite.create();
});
afterAll(async () => {
  await db?.close();
  await rm(root, { recursive: true, force: true });
});

describe('applyMigrations', () => {
  it('applies files in name order, records them like the Supabase CLI, then the seed', async () => {
    await writeMigration('20260102000000_second.sql', `alter table public.things add column extra text;`);
    await writeMigration('20260101000000_first.sql', `create table public.things (id serial primary key, name text);`);
    expect(await isFreshDatabase(query)).toBe(true);
    const result = await applyMigrations(exec, query, { root, seed: true });
    expect(result).toEqual({ applied: ['20260101000000_first.sql', '20260102000000_second.sql'], seeded: true });
    expect(await query('select version, name, statements from supabase_migrations.schema_migrations order by 1')).toEqual([
      { version: '20260101000000', name: 'first', statements: ['create table public.things (id serial primary key, name text);'] },
      { version: '20260102000000', name: 'second', statements: ['alter table public.things add column extra text;'] },
    ]);
    expect(await query('select name from public.things')).toEqual([{ name: 'seeded' }]);
    expect(await isFreshDatabase(query)).toBe(false);
  });

  it('applies only new files on the next run', async () => {
    await writeMigration('20260103000000_third.sql', `create index things_name on public.things (name);`);
    expect(await applyMigrations(exec, query, { root, seed: false })).toEqual({
      applied: ['20260103000000_third.sql'],
      seeded: false,
    });
    expect(await applyMigrations(exec, query, { root, seed: false })).toEqual({ applied: [], seeded: false });
  });

  it('names the failing file and rolls back all of it', async () => {
    await writeMigration('20260104000000_broken.sql', `create table public.half_done (id int);\nselect * from no_such_table;`);
    await expect(applyMigrations(exec, query, { root, seed: false })).rejects.toThrow(
      /supabase\/migrations\/20260104000000_broken\.sql failed: .*no_such_table/,
    );
    expect(await query(`select to_regclass('public.half_done') as t`)).toEqual([{ t: null }]);
    expect(await query(`select 1 from supabase_migrations.schema_migrations where version = '20260104000000'`)).toEqual([]);
  });

  it('creates the Supabase roles, auth helpers and default privileges', async () => {
    const roles = await query<{ rolname: string; rolbypassrls: boolean; rolcanlogin: boolean }>(
      `select rolname, rolbypassrls, rolcanlogin from pg_roles
       where rolname in ('anon','authenticated','service_role','authenticator') order by 1`,
    );
    expect(roles).toEqual([
      { rolname: 'anon', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticated', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticator', rolbypassrls: false, rolcanlogin: true },
      { rolname: 'service_role', rolbypassrls: true, rolcanlogin: false },
    ]);
    const members = await query<{ role: string }>(
      `select r.rolname as role from pg_auth_members m join pg_roles r on r.oid = m.roleid
       join pg_roles u on u.oid = m.member where u.rolname = 'authenticator' order by 1`,
    );
    expect(members.map((m) => m.role)).toEqual(['anon', 'authenticated', 'service_role']);
    const fns = await query<{ proname: string }>(
      `select proname from pg_proc where pronamespace = 'auth'::regnamespace order by 1`,
    );
    expect(fns.map((f) => f.proname)).toEqual(['jwt', 'role', 'uid']);
    const grants = await query<{ ok: boolean }>(
      `select has_table_privilege('anon', 'public.things', 'select') as ok`,
    );
    expect(grants).toEqual([{ ok: true }]); // Supabase's default privileges; migrations revoke explicitly
  });

  it('leaves an existing auth.uid() alone', async () => {
    await db.exec(`create or replace function auth.uid() returns uuid language sql stable as $$ select null::uuid $$`);
    await applyMigrations(exec, query, { root, seed: false }).catch(() => undefined); // broken file still present
    const [fn] = await query<{ src: string }>(`select prosrc as src from pg_proc where oid = 'auth.uid'::regproc`);
    expect(fn?.src).toContain('select null::uuid');
  });
});

describe('seedFiles', () => {
  it('follows [db.seed] sql_paths of config.toml, globs sorted, each file once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jz-seeds-'));
    try {
      await mkdir(join(dir, 'supabase', 'seeds'), { recursive: true });
      await writeFile(join(dir, 'supabase', 'seed.sql'), '');
      for (const f of ['20_classes.sql', '10_catalog.sql', 'notes.txt']) await writeFile(join(dir, 'supabase', 'seeds', f), '');
      await writeFile(
        join(dir, 'supabase', 'config.toml'),
        '[db.seed]\nenabled = true\nsql_paths = ["./seed.sql", "./seeds/*.sql", "./seeds/10_catalog.sql"]\n',
      );
      expect(await seedFiles(dir)).toEqual(['seed.sql', 'seeds/10_catalog.sql', 'seeds/20_classes.sql']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('falls back to seed.sql without a config', async () => {
    expect(await seedFiles(root)).toEqual(['seed.sql']);
  });

  it('lists this project’s seeds in load order', async () => {
    const files = await seedFiles(fileURLToPath(new URL('../../../', import.meta.url)));
    expect(files[0]).toBe('seed.sql');
  });
});
