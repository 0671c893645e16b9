// Browser journeys: a fresh H5 build (made here when stale; a failed build fails the run), then the same stack the integration tests use.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { h5BuildStaleReason } from '../functions/local/h5Build';
import startStack from '../functions/test/harness/globalSetup';

const root = fileURLToPath(new URL('..', import.meta.url));

export default async function setup(project: TestProject) {
  const reason = h5BuildStaleReason(root);
  if (reason) {
    console.log(`[e2e] ${reason}: building the H5 app`);
    const build = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`npm run build:h5 failed (exit ${build.status})`);
  }
  return startStack(project);
}
