/**
 * Vitest globalSetup: makes sure dist/weapp is a production build of the current sources,
 * building it when it is missing or older than any source file, then checks the package sizes
 * (scripts/weapp-size.mjs: main package within its budget and WeChat's limits), so CI fails on them.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const APP = fileURLToPath(new URL('..', import.meta.url))
const BUILT = path.join(APP, 'dist/weapp/app.js')
const SOURCES = [
  path.join(APP, 'src'),
  path.join(APP, 'config'),
  path.join(APP, 'babel.config.js'),
  path.join(APP, 'package.json'),
  path.join(APP, '../shared'),
]

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = 0
  for (const name of readdirSync(p)) {
    if (name === 'node_modules' || name === 'test') continue
    newest = Math.max(newest, newestMtime(path.join(p, name)))
  }
  return newest
}

function checkSizes() {
  try {
    execFileSync(process.execPath, [path.join(APP, 'scripts/weapp-size.mjs')], { stdio: 'inherit' })
  } catch {
    throw new Error('The weapp packages are over their size limits (see above).')
  }
}

export default function setup() {
  const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0
  const changedAt = Math.max(...SOURCES.map(newestMtime))
  if (builtAt > changedAt) return checkSizes()
  console.log(builtAt ? 'dist/weapp is older than the sources: rebuilding…' : 'dist/weapp is missing: building…')
  const started = Date.now()
  try {
    execFileSync('npx', ['taro', 'build', '--type', 'weapp'], {
      cwd: APP,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  } catch {
    throw new Error('The weapp build failed: run `npm run build:weapp -w @jz/miniapp` to see why.')
  }
  console.log(`weapp build done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  checkSizes()
}
