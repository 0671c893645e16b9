// Sums the weapp build (source maps excluded, they are never uploaded) and checks WeChat's limits:
// 2 MB for the main package, 20 MB for everything — and our own budget of 1 MB for the main package,
// so it stays far under the cap (workers download it on first open, often on a slow connection).
// Exits non-zero when over. `du` of dist/weapp reads higher: it counts disk blocks and source maps.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../dist/weapp/', import.meta.url))
const MAIN_LIMIT = 2 * 1024 * 1024
const MAIN_BUDGET = 1024 * 1024
const TOTAL_LIMIT = 20 * 1024 * 1024

if (!existsSync(join(ROOT, 'app.json'))) {
  console.error(`No weapp build at ${ROOT}: run \`npm run build:weapp -w @jz/miniapp\` first.`)
  process.exit(2)
}

const app = JSON.parse(readFileSync(join(ROOT, 'app.json'), 'utf8'))
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'))

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) yield* files(full)
    else if (!name.endsWith('.map')) yield full
  }
}

const sizes = new Map([['main', 0], ...subRoots.map((r) => [r, 0])])
for (const file of files(ROOT)) {
  const rel = relative(ROOT, file).split(sep).join('/')
  const owner = subRoots.find((r) => rel.startsWith(r)) ?? 'main'
  sizes.set(owner, sizes.get(owner) + statSync(file).size)
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const total = [...sizes.values()].reduce((a, b) => a + b, 0)
console.log(`weapp main package: ${kb(sizes.get('main'))} (budget ${kb(MAIN_BUDGET)}, WeChat's limit ${kb(MAIN_LIMIT)})`)
for (const r of subRoots) console.log(`weapp sub-package ${r}: ${kb(sizes.get(r))}`)
console.log(`weapp total: ${kb(total)} (limit ${kb(TOTAL_LIMIT)})`)

let failed = false
if (sizes.get('main') > MAIN_LIMIT) {
  console.error('The main package is over 2 MB: move pages into sub-packages or drop dependencies.')
  failed = true
} else if (sizes.get('main') > MAIN_BUDGET) {
  console.error('The main package is over its 1 MB budget: move pages workers rarely open, or staff pages, into sub-packages.')
  failed = true
}
if (total > TOTAL_LIMIT) {
  console.error('The whole mini-program is over 20 MB.')
  failed = true
}
process.exit(failed ? 1 : 0)
