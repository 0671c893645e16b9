import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startStack } from '../../local/stack';
import { withClient } from '../harness/db';

const migrationsDir = fileURLToPath(new URL('../../../supabase/migrations', import.meta.url));
const apiDir = fileURLToPath(new URL('./fixtures/api', import.meta.url));
let dataDir: string | undefined;

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a persisted PGlite stack', () => {
  it('keeps data, secrets and applied migrations across restarts', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'jz-stack-'));
    const migrationFiles = (await readdir(migrationsDir)).filter((f) => /^\d+.*\.sql$/.test(f));

    const first = await startStack({ dataDir, apiDir, quiet: true });
    try {
      expect(first.databaseKind).toBe('pglite');
      expect(first.migrations?.applied).toEqual(migrationFiles.sort());
      expect(first.migrations?.seeded).toBe(true);
      await withClient(first.databaseUrl!, async (c) => {
        await c.query('create table public.persist_probe (id int primary key, note text)');
        await c.query(`insert into public.persist_probe values (1, '还在')`);
      });
    } finally {
      await first.stop();
    }

    const secrets = await stat(join(dataDir, 'secrets.json'));
    expect(secrets.mode & 0o777).toBe(0o600);

    const second = await startStack({ dataDir, apiDir, quiet: true });
    try {
      expect(second.migrations).toEqual({ applied: [], seeded: false });
      expect(second.jwtSecret).toBe(first.jwtSecret);
      expect(second.anonKey).toBe(first.anonKey);
      expect(second.dataEncryptionKey).toBe(first.dataEncryptionKey);
      await withClient(second.databaseUrl!, async (c) => {
        expect((await c.query('select note from public.persist_probe')).rows).toEqual([{ note: '还在' }]);
        const history = await c.query('select version, name from supabase_migrations.schema_migrations order by version');
        expect(history.rows.map((r: { version: string; name: string }) => `${r.version}_${r.name}.sql`)).toEqual(
          migrationFiles.sort(),
        );
      });
      // PostgREST on the reopened database answers too
      const res = await fetch(`${second.url}/rest/v1/persist_probe?select=note`, {
        headers: { apikey: second.serviceRoleKey },
      });
      expect(await res.json()).toEqual([{ note: '还在' }]);
    } finally {
      await second.stop();
    }
  });

  it('gives in-memory stacks fresh secrets each time', async () => {
    const a = await startStack({ apiDir, quiet: true });
    await a.stop();
    const b = await startStack({ apiDir, quiet: true });
    await b.stop();
    // (unless the environment fixes the secret, as the test harness does)
    if (!process.env.SUPABASE_JWT_SECRET) expect(a.jwtSecret).not.toBe(b.jwtSecret);
    expect(a.anonKey.split('.')).toHaveLength(3);
  });
});
