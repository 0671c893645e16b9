import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startStack } from '../../local/stack';

const serverUrl = process.env.TEST_DATABASE_URL;
const apiDir = fileURLToPath(new URL('./fixtures/api', import.meta.url));

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('a stack on a real Postgres server', () => {
  it.runIf(serverUrl)('creates its own test_<random> database from the migrations and drops it on stop', async () => {
    const stack = await startStack({ databaseUrl: serverUrl!, createDatabase: true, apiDir, quiet: true });
    const name = new URL(stack.databaseUrl!).pathname.slice(1);
    try {
      expect(stack.databaseKind).toBe('postgres');
      expect(name).toMatch(/^test_[0-9a-f]{12}$/);
      expect(await databaseExists(name)).toBe(true);
      expect(stack.migrations?.seeded).toBe(true);

      const client = new pg.Client({ connectionString: stack.databaseUrl });
      await client.connect();
      try {
        const roles = await client.query(
          "select rolname from pg_roles where rolname in ('anon','authenticated','service_role','authenticator') order by 1",
        );
        expect(roles.rows.map((r: { rolname: string }) => r.rolname)).toEqual(['anon', 'authenticated', 'authenticator', 'service_role']);
        await client.query('create table public.pg_probe (id int)');
        await client.query('insert into public.pg_probe values (7)');
        await client.query("notify pgrst, 'reload schema'"); // PostgREST listens on a real server
      } finally {
        await client.end();
      }
      await stack.reloadSchema();
      const res = await fetch(`${stack.url}/rest/v1/pg_probe`, { headers: { apikey: stack.serviceRoleKey } });
      expect(await res.json()).toEqual([{ id: 7 }]);
    } finally {
      await stack.stop();
    }
    expect(await databaseExists(name)).toBe(false);
  });

  it.runIf(serverUrl)('lets two stacks start at once on one server, each with its own database', async () => {
    // two stacks at once on one server: roles are cluster-wide, the bootstrap must not trip over them
    const [a, b] = await Promise.all([
      startStack({ databaseUrl: serverUrl!, createDatabase: true, apiDir, quiet: true }),
      startStack({ databaseUrl: serverUrl!, createDatabase: true, apiDir, quiet: true }),
    ]);
    await Promise.all([a.stop(), b.stop()]);
    expect(a.databaseUrl).not.toBe(b.databaseUrl);
  });
});
