// SQL against the shared test stack's database, for arranging data and checking what was stored.
import pg from 'pg';
import { afterAll, inject } from 'vitest';

let pool: pg.Pool | undefined;

function getPool(): pg.Pool {
  // Small: on PGlite every connection shares one session anyway.
  pool ??= new pg.Pool({ connectionString: inject('databaseUrl'), max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
  return pool;
}

/** Runs one statement with $1… parameters and returns its rows. */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const result = await getPool().query(text, params);
  return result.rows as T[];
}

/** Closes the pool (also done automatically after each test file that imports this module). */
export async function closeDb(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.end();
}

/** A separate client for another database URL (e.g. a stack a test started itself). */
export async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

afterAll(closeDb);
