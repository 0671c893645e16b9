// setupFile: gives in-process code (lib modules, startStack) the shared stack's configuration,
// unless the test environment already set a value.
import { inject } from 'vitest';

const values: Record<string, string> = {
  SUPABASE_URL: inject('stackUrl'),
  SUPABASE_ANON_KEY: inject('anonKey'),
  SUPABASE_SERVICE_ROLE_KEY: inject('serviceRoleKey'),
  SUPABASE_JWT_SECRET: inject('jwtSecret'),
  DATA_ENCRYPTION_KEY: inject('dataEncryptionKey'),
  DATABASE_KIND: inject('databaseKind'),
};
for (const [name, value] of Object.entries(values)) {
  if (!process.env[name]) process.env[name] = value;
}
