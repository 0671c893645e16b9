// What globalSetup hands to every test file through `inject(...)`.
import type { ProvidedContext } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Gateway base URL of the shared stack, e.g. http://127.0.0.1:41234 */
    stackUrl: string;
    /** postgres:// URL of the shared stack's database (PGlite socket or a test_<random> database). */
    databaseUrl: string;
    databaseKind: 'pglite' | 'postgres';
    anonKey: string;
    serviceRoleKey: string;
    /** Secret the stack signs and verifies JWTs with (mint session tokens with it). */
    jwtSecret: string;
    dataEncryptionKey: string;
    /** CRON_SECRET the stack's scheduled functions accept. */
    cronSecret: string;
  }
}

export type StackContext = Pick<
  ProvidedContext,
  'stackUrl' | 'databaseUrl' | 'databaseKind' | 'anonKey' | 'serviceRoleKey' | 'jwtSecret' | 'dataEncryptionKey' | 'cronSecret'
>;
