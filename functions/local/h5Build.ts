import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_SKIP = /^(node_modules|dist|\..*)$/;
const TEST_FILE = /\.(test|spec)\.tsx?$/;

/** Newest modification time under `dir` among files accepted by `accept`. */
function newestMtime(dir: string, accept: (name: string) => boolean): number {
  let newest = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (SOURCE_SKIP.test(name)) continue;
    const full = join(dir, name);
    const info = statSync(full);
    if (info.isDirectory()) {
      if (name !== 'test' && name !== '__tests__') newest = Math.max(newest, newestMtime(full, accept));
    } else if (accept(name)) newest = Math.max(newest, info.mtimeMs);
  }
  return newest;
}

/** Why the H5 build must be (re)made, or undefined when it is current. */
export function h5BuildStaleReason(root: string): string | undefined {
  const index = join(root, 'miniapp', 'dist', 'h5', 'index.html');
  if (!existsSync(index)) return 'no H5 build yet';
  const built = statSync(index).mtimeMs;
  const sources = Math.max(
    newestMtime(join(root, 'miniapp', 'src'), () => true),
    newestMtime(join(root, 'miniapp', 'config'), () => true),
    newestMtime(join(root, 'shared'), (n) => /\.tsx?$/.test(n) && !TEST_FILE.test(n)),
  );
  return sources > built ? 'sources changed since the last H5 build' : undefined;
}

function hasBuildScript(root: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'miniapp', 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    return typeof pkg.scripts?.['build:h5'] === 'string';
  } catch {
    return false;
  }
}

/** Rebuilds miniapp/dist/h5 when stale, showing the build's output. Never fatal. */
export async function ensureH5Build(root: string): Promise<void> {
  const reason = h5BuildStaleReason(root);
  if (!reason) return;
  if (!hasBuildScript(root)) {
    console.warn(`[h5] ${reason}, but @jz/miniapp has no "build:h5" script yet: serving without the H5 app`);
    return;
  }
  console.log(`[h5] ${reason}: npm run build:h5 --workspace @jz/miniapp`);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('npm', ['run', 'build:h5', '--workspace', '@jz/miniapp'], { cwd: root, stdio: 'inherit' });
    child.on('exit', resolve);
    child.on('error', () => resolve(null));
  });
  if (code !== 0) console.warn(`[h5] the H5 build failed (exit ${code}): serving the previous build, if any`);
}
