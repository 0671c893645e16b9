import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { applyMigrations, type MigrateResult } from './migrate';

export interface EmbeddedDatabase {
  /** postgres:// URL of the wire-protocol socket (every connection shares PGlite's one session). */
  databaseUrl: string;
  /** Where the data lives, or undefined for in-memory. */
  dataDir?: string;
  migrations: MigrateResult;
  stop(): Promise<void>;
}

/**
 * PGlite (Postgres in WASM) with the contrib extensions the migrations use, migrated,
 * and served on 127.0.0.1 so PostgREST and `pg` clients can connect.
 */
export async function startEmbeddedDatabase(opts: { root: string; dataDir?: string }): Promise<EmbeddedDatabase> {
  const dataDir = opts.dataDir;
  const fresh = !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));
  if (dataDir) await mkdir(dataDir, { recursive: true });

  const db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    extensions: { pg_trgm, pgcrypto, uuid_ossp },
  });
  try {
    const migrations = await applyMigrations(
      (sql) => db.exec(sql),
      async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
      { root: opts.root, seed: fresh },
    );
    // maxConnections > 1: PostgREST holds one, tests and tools add theirs; PGlite queues them.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
    await server.start();
    const port = server.getServerConn().split(':').pop();
    return {
      databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
      ...(dataDir ? { dataDir } : {}),
      migrations,
      async stop() {
        await server.stop();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
