/**
 * `npm run bench:catalog`: the catalog list under load. For each database (PGlite always; PostgreSQL
 * too when TEST_DATABASE_URL is set) it starts a private stack on loopback with a scratch database,
 * adds 10,000 projects / 100,000 classes, runs 1,000 mixed list queries through the HTTP API
 * (keyword, pinyin and initials, filters, nearest, seats), prints p50/p95/p99 and queries/s, and on
 * PostgreSQL captures the plans of the common queries (auto_explain) to show that `classes` is never
 * read by a sequential scan. The figures go to docs/BENCHMARKS.md.
 *
 * Environment: TEST_DATABASE_URL (PostgreSQL server; a test_<random> database is created and
 * dropped), BENCH_ONLY=pglite|postgres, BENCH_QUERIES (default 1000), BENCH_PROJECTS (default 10000).
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startStack, type Stack } from '../local/stack';
import { classesSql, DEFAULT_SIZE, institutionsSql, projectsSql, type BenchSize } from './catalogData';

type Backend = 'pglite' | 'postgres';

const docPath = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const SIZE: BenchSize = { ...DEFAULT_SIZE, projects: Number(process.env.BENCH_PROJECTS ?? DEFAULT_SIZE.projects) };
const CHUNK = 1000;
const CONCURRENCY = 4;

const log = (message: string) => process.stdout.write(`${message}\n`);

/* ---------------------------------------------------------------- the query mix */

/** Small deterministic PRNG (mulberry32) so every run asks the same questions. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYWORDS = ['养老护理', '电工', '焊工', '护理', '培训', '中式烹调师', '人工智能', '育婴员', '直播', '汽车维修', '茶艺', '无人机'];
const PINYIN = ['ylhl', 'dg', 'hg', 'rgzn', 'yanglao', 'diangong', 'zspts', 'chayi', 'wrj', 'zhibo', 'qcwx', 'baojie'];
const DISTRICTS = ['110101', '110102', '110105', '110106', '110107', '110108', '110112', '110114', '110115', '110111'];
const FIELDS = ['care', 'manufacturing', 'services', 'ict', 'digital_content', 'smart_city'];
const LEVELS = ['5', '4', '3', 'special'];

export interface BenchQuery {
  kind: 'list' | 'keyword' | 'pinyin' | 'filters' | 'nearest' | 'seats';
  path: string;
}

function dayFromNow(days: number): string {
  return new Date(Date.now() + (days * 24 + 8) * 3600_000).toISOString().slice(0, 10);
}

export function queryMix(count: number, seed = 20261125): BenchQuery[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const position = () => `lat=${(39.75 + random() * 0.4).toFixed(4)}&lng=${(116.15 + random() * 0.55).toFixed(4)}`;
  const queries: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.2) queries.push({ kind: 'list', path: `/api/catalog/projects${random() < 0.5 ? '' : '?limit=10'}` });
    else if (roll < 0.4) {
      const extra = random() < 0.3 ? `&district=${pick(DISTRICTS)}` : '';
      queries.push({ kind: 'keyword', path: `/api/catalog/projects?q=${encodeURIComponent(pick(KEYWORDS))}${extra}` });
    } else if (roll < 0.55) queries.push({ kind: 'pinyin', path: `/api/catalog/projects?q=${pick(PINYIN)}` });
    else if (roll < 0.8) {
      const filters = [
        () => `district=${pick(DISTRICTS)}`,
        () => `field=${pick(FIELDS)}`,
        () => `level=${pick(LEVELS)}`,
        () => 'open=1',
        () => `startsBefore=${dayFromNow(14)}`,
        () => `field=${pick(FIELDS)}&level=${pick(LEVELS)}`,
        () => `district=${pick(DISTRICTS)}&open=1`,
        () => `mode=online&audience=student`,
        () => `occupation=4-10-01-05&district=${pick(DISTRICTS)}`,
      ];
      queries.push({ kind: 'filters', path: `/api/catalog/projects?${pick(filters)()}` });
    } else if (roll < 0.95) {
      const extra = random() < 0.3 ? `&field=${pick(FIELDS)}` : '';
      queries.push({ kind: 'nearest', path: `/api/catalog/projects?sort=nearest&${position()}${extra}` });
    } else queries.push({ kind: 'seats', path: `/api/catalog/projects?sort=seats${random() < 0.5 ? '&open=1' : ''}` });
  }
  return queries;
}

/* ---------------------------------------------------------------- measuring */

interface Figures {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  qps: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function figures(latencies: number[], wallMs: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
    qps: (latencies.length / wallMs) * 1000,
  };
}

async function timedGet(base: string, path: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(base + path);
  const body = (await response.json()) as { items?: unknown[] };
  const elapsed = performance.now() - started;
  if (response.status !== 200 || !Array.isArray(body.items)) {
    throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return elapsed;
}

/* ---------------------------------------------------------------- plans (PostgreSQL) */

const PLAN_CASES: Array<[string, string]> = [
  ['first screen', ''],
  ['district', `p_district => '110105'`],
  ['open now', 'p_open => true'],
  ['starts within 14 days', `p_starts_before => public.beijing_today() + 14`],
  ['field + level', `p_field => 'care', p_level => '4'`],
  ['occupation + district', `p_occupation => '4-10-01-05', p_district => '110108'`],
  ['keyword 养老护理', `p_q => '养老护理'`],
  ['initials ylhl', `p_q => 'ylhl'`],
  ['initials dg', `p_q => 'dg'`],
  ['nearest', `p_sort => 'nearest', p_lat => 39.92, p_lng => 116.45`],
  ['seats', `p_sort => 'seats'`],
];

interface PlanEvidence {
  name: string;
  classAccess: string[];
  seqScanOnClasses: boolean;
}

async function capturePlans(databaseUrl: string): Promise<PlanEvidence[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let logs: string[] = [];
  client.on('notice', (notice) => logs.push(notice.message ?? ''));
  try {
    await client.query(`load 'auto_explain'`);
    await client.query('set auto_explain.log_min_duration = 0');
    await client.query('set auto_explain.log_nested_statements = on');
    await client.query('set client_min_messages = log');
    const evidence: PlanEvidence[] = [];
    for (const [name, args] of PLAN_CASES) {
      logs = [];
      await client.query(`select length(public.catalog_projects(${args})::text)`);
      const plans = logs.join('\n');
      const access = [...plans.matchAll(/(Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan|Bitmap Heap Scan)(?: using (\S+))? on classes\b/g)].map(
        (m) => (m[2] ? `${m[1]} using ${m[2]}` : m[1]!),
      );
      evidence.push({ name, classAccess: [...new Set(access)], seqScanOnClasses: /Seq Scan on classes\b/.test(plans) });
    }
    return evidence;
  } finally {
    await client.end();
  }
}

/* ---------------------------------------------------------------- one backend */

interface BackendResult {
  backend: Backend;
  version: string;
  seedSeconds: number;
  counts: { projects: number; classes: number };
  sequential: Figures;
  concurrent: Figures;
  byKind: Record<string, Figures>;
  plans?: PlanEvidence[];
  /** 1-minute load average when the queries started and ended (other work on the machine competes). */
  load: [number, number];
}

async function runBackend(backend: Backend): Promise<BackendResult> {
  log(`\n== ${backend}: starting a private stack on 127.0.0.1 with a scratch database`);
  const url = process.env.TEST_DATABASE_URL;
  const stack: Stack = await startStack({
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    ...(backend === 'postgres' ? { databaseUrl: url!, createDatabase: true } : {}),
  });
  try {
    const db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const version = (await db.query<{ v: string }>('select version() as v')).rows[0]!.v.split(' on ')[0]!;
    const seedStart = Date.now();
    log(`   seeding ${SIZE.institutions} institutions, ${SIZE.projects} projects, ${SIZE.projects * SIZE.classesPerProject} classes`);
    await db.query(institutionsSql(SIZE));
    for (let from = 1; from <= SIZE.projects; from += CHUNK) {
      const to = Math.min(SIZE.projects, from + CHUNK - 1);
      await db.query(projectsSql(SIZE, from, to));
      await db.query(classesSql(SIZE, from, to));
      log(`   … ${to} projects (${((Date.now() - seedStart) / 1000).toFixed(0)} s)`);
    }
    await db.query('vacuum analyze');
    const seedSeconds = (Date.now() - seedStart) / 1000;
    const counts = (
      await db.query<{ projects: number; classes: number }>(
        'select (select count(*) from public.projects)::int as projects, (select count(*) from public.classes)::int as classes',
      )
    ).rows[0]!;
    await db.end();
    log(`   seeded in ${seedSeconds.toFixed(1)} s: ${counts.projects} projects, ${counts.classes} classes`);

    const queries = queryMix(QUERIES);
    const loadBefore = os.loadavg()[0]!;
    log('   warming up (50 queries)');
    for (const q of queries.slice(0, 50)) await timedGet(stack.url, q.path);

    log(`   ${queries.length} queries, one at a time`);
    const latencies: number[] = [];
    const byKind: Record<string, number[]> = {};
    const started = performance.now();
    for (const [n, q] of queries.entries()) {
      const ms = await timedGet(stack.url, q.path);
      latencies.push(ms);
      (byKind[q.kind] ??= []).push(ms);
      if ((n + 1) % 250 === 0) log(`   … ${n + 1}`);
    }
    const sequential = figures(latencies, performance.now() - started);

    log(`   the same ${queries.length} queries, ${CONCURRENCY} at a time`);
    const concurrentLatencies: number[] = [];
    let next = 0;
    const concurrentStart = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < queries.length) {
          const q = queries[next++]!;
          concurrentLatencies.push(await timedGet(stack.url, q.path));
        }
      }),
    );
    const concurrent = figures(concurrentLatencies, performance.now() - concurrentStart);

    const loadAfter = os.loadavg()[0]!;
    const plans = backend === 'postgres' ? await capturePlans(stack.databaseUrl!) : undefined;
    const result: BackendResult = {
      backend,
      version,
      seedSeconds,
      counts,
      sequential,
      concurrent,
      byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, figures(v, v.reduce((a, b) => a + b, 0))])),
      ...(plans ? { plans } : {}),
      load: [loadBefore, loadAfter],
    };
    printResult(result);
    return result;
  } finally {
    await stack.stop();
  }
}

/* ---------------------------------------------------------------- reporting */

const ms = (n: number) => n.toFixed(1);

function printResult(r: BackendResult): void {
  log(`   ${r.backend}: p50 ${ms(r.sequential.p50)} ms, p95 ${ms(r.sequential.p95)} ms, p99 ${ms(r.sequential.p99)} ms, ` +
    `${r.sequential.qps.toFixed(0)} q/s sequential; ${r.concurrent.qps.toFixed(0)} q/s with ${CONCURRENCY} in flight`);
  for (const p of r.plans ?? []) {
    log(`   plan ${p.name}: ${p.seqScanOnClasses ? 'SEQ SCAN on classes' : 'no seq scan on classes'} (${p.classAccess.join('; ') || 'classes not read'})`);
  }
}

function section(r: BackendResult): string {
  const lines = [
    `<!-- bench:catalog:${r.backend} -->`,
    `### ${r.backend === 'pglite' ? 'PGlite' : 'PostgreSQL'} (${r.version})`,
    '',
    `Data: ${r.counts.projects.toLocaleString('en')} projects, ${r.counts.classes.toLocaleString('en')} classes ` +
      `(bench data plus the sample seed), seeded in ${r.seedSeconds.toFixed(1)} s through the same triggers as any write. ` +
      `Machine load (1-minute average) ${r.load[0].toFixed(1)} at the start of the queries, ${r.load[1].toFixed(1)} at the end ` +
      `(anything above ~1 is other work sharing the cores).`,
    '',
    '| run | queries | p50 ms | p95 ms | p99 ms | max ms | queries/s |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| one at a time | ${r.sequential.count} | ${ms(r.sequential.p50)} | ${ms(r.sequential.p95)} | ${ms(r.sequential.p99)} | ${ms(r.sequential.max)} | ${r.sequential.qps.toFixed(0)} |`,
    `| ${CONCURRENCY} in flight | ${r.concurrent.count} | ${ms(r.concurrent.p50)} | ${ms(r.concurrent.p95)} | ${ms(r.concurrent.p99)} | ${ms(r.concurrent.max)} | ${r.concurrent.qps.toFixed(0)} |`,
    '',
    'By kind (one at a time):',
    '',
    '| kind | queries | p50 ms | p95 ms | p99 ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(r.byKind)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, f]) => `| ${k} | ${f.count} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} |`),
  ];
  if (r.plans) {
    lines.push(
      '',
      'How `catalog_projects` reads `classes` (auto_explain of every statement it runs):',
      '',
      '| query | sequential scan of classes | access paths |',
      '| --- | --- | --- |',
      ...r.plans.map((p) => `| ${p.name} | ${p.seqScanOnClasses ? '**yes**' : 'no'} | ${p.classAccess.join('; ') || '(not read)'} |`),
    );
  }
  lines.push(`<!-- /bench:catalog:${r.backend} -->`);
  return lines.join('\n');
}

function keepSection(previous: string, backend: Backend): string | undefined {
  const m = new RegExp(`<!-- bench:catalog:${backend} -->[\\s\\S]*?<!-- /bench:catalog:${backend} -->`).exec(previous);
  return m?.[0];
}

async function writeDoc(results: BackendResult[]): Promise<void> {
  const previous = await readFile(docPath, 'utf8').catch(() => '');
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const sections = (['pglite', 'postgres'] as const).map((b) => {
    const r = results.find((x) => x.backend === b);
    return r ? section(r) : (keepSection(previous, b) ?? `<!-- bench:catalog:${b} -->\n### ${b}\n\nNot run yet.\n<!-- /bench:catalog:${b} -->`);
  });
  const block = `<!-- bench:catalog -->
## Catalog list (\`npm run bench:catalog\`)

Last run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM,
${os.type()} ${os.release()}, Node ${process.version}. Each database ran on this machine; the HTTP API (gateway → function →
PostgREST → \`catalog_projects\`) on 127.0.0.1.

What runs: ${SIZE.projects.toLocaleString('en')} generated projects with ${SIZE.classesPerProject} classes each (100,000
classes over the next six months; 2 % draft projects, some suspended institutions, some full, closed or draft classes,
online classes without a venue) on top of the sample seed; then ${QUERIES} list requests of a fixed, seeded mix —
20 % first screen, 20 % Chinese keyword (some with a district), 15 % pinyin or initials (\`ylhl\`, \`dg\`), 25 % filters
(district, field, level, open now, start window, combinations), 15 % nearest (random point in Beijing, some with a
field), 5 % most seats — first one at a time (latency), then ${CONCURRENCY} in flight (throughput). Latency is measured at
the client and includes HTTP, the function, PostgREST and the database.

Goal (issue 3): on PostgreSQL p95 ≤ 50 ms and no sequential scan of \`classes\` for the common filters. PGlite is the
single-session embedded database of \`npm start\` and the tests: its figures show the development experience, not
production.

${sections.join('\n\n')}

### How the list stays fast

- One call per request: \`catalog_projects\` validates, counts the total per relevance bucket, and pages each bucket.
- Big buckets sorted soonest or nearest are *walked*: classes in \`(start_date, project_id)\` order
  (\`classes_public_start\`, \`classes_public_district\`) or in k-nearest-neighbour order of the venue
  (\`classes_public_venue\`, GiST on a point with longitude scaled to Beijing's latitude), in small fenced batches that stop
  as soon as the page is full; the first matching class of each project is checked with an index-only probe.
- Small buckets, the seats sort and walks that run past their bound aggregate the matching classes of each candidate
  from the covering index \`classes_project_start\` (index-only).
- The seats sort cannot walk (its key is a sum over a project's classes, and seats left depend on the time): it
  aggregates the classes of every candidate, so it is the slowest kind here; narrower filters make it cheaper.
- Totals: \`projects_listed\` (covering, published only) plus an index-only semi-join on the class index of the filter
  (\`classes_public_district\`, \`classes_public_enrolling\`, \`classes_public_start\`).
- Search: Chinese through a pg_trgm index over the hex-encoded text (\`projects_search_enc\`; works in C-locale
  databases), latin letters through pg_trgm over text+pinyin+initials (\`projects_search_latin\`), one- and two-letter
  initials from the covering index.
<!-- /bench:catalog -->`;
  // Only this benchmark's block is replaced; other benchmarks' sections stay as they are.
  let text = previous || '# Benchmarks\n';
  const start = '<!-- bench:catalog -->';
  const end = '<!-- /bench:catalog -->';
  if (text.includes(start) && text.includes(end)) {
    text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  } else {
    text = `${text.trimEnd()}\n\n${block}\n`;
  }
  await writeFile(docPath, text.endsWith('\n') ? text : `${text}\n`);
  log(`\nwrote ${docPath}`);
}

/* ---------------------------------------------------------------- main */

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY as Backend | undefined;
  const backends: Backend[] = [];
  if (!only || only === 'pglite') backends.push('pglite');
  if ((!only || only === 'postgres') && process.env.TEST_DATABASE_URL) backends.push('postgres');
  if (only === 'postgres' && !process.env.TEST_DATABASE_URL) throw new Error('BENCH_ONLY=postgres needs TEST_DATABASE_URL');
  if (!process.env.TEST_DATABASE_URL) log('TEST_DATABASE_URL is not set: PGlite only');
  const previousLogLevel = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'silent';
  const results: BackendResult[] = [];
  try {
    for (const backend of backends) results.push(await runBackend(backend));
  } finally {
    if (previousLogLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = previousLogLevel;
  }
  await writeDoc(results);
  const postgres = results.find((r) => r.backend === 'postgres');
  if (postgres) {
    const seq = postgres.plans?.filter((p) => p.seqScanOnClasses).map((p) => p.name) ?? [];
    log(`PostgreSQL p95 ${ms(postgres.sequential.p95)} ms (goal ≤ 50 ms): ${postgres.sequential.p95 <= 50 ? 'met' : 'NOT met'}; ` +
      `sequential scans of classes: ${seq.length ? seq.join(', ') : 'none'}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
