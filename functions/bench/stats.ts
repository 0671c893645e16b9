/**
 * `npm run bench:stats`: the bureau's dashboard and job matching at programme scale. For each database
 * (PGlite always; PostgreSQL too when TEST_DATABASE_URL is set) it starts a private stack on loopback
 * with a scratch database, adds the catalog bench's institutions, projects and classes (2,000 / 20,000
 * by default), 100,000 people with profiles, 120,000 enrollments over two years and what follows them
 * (evaluation results, certificates, subsidy applications, employment outcomes) and 5,000 open jobs,
 * then measures through the HTTP API:
 *   - GET /api/stats/funnel for a district reviewer (one district) and an admin (all districts), for
 *     12-month ranges, without filters and with a field or a category filter (p50/p95/p99);
 *   - GET /api/stats/export (funnel and breakdown CSV, admin, 12 months): time and bytes;
 *   - GET /api/me/job-matches for different people holding 1–3 certificates (p50/p95/p99).
 * On PostgreSQL it also captures EXPLAIN (ANALYZE, BUFFERS) of the funnel's main query (auto_explain of
 * the statements stats_funnel runs) and reports which big tables it reads by a sequential scan. The
 * figures go to docs/BENCHMARKS.md.
 *
 * Environment: TEST_DATABASE_URL (PostgreSQL server; a test_<random> database is created and dropped),
 * BENCH_ONLY=pglite|postgres, BENCH_PEOPLE (100000), BENCH_ENROLLMENTS (120000), BENCH_PROJECTS (2000),
 * BENCH_JOBS (5000), BENCH_CALLS (funnel calls per case, 50), BENCH_MATCH_CALLS (200),
 * BENCH_NO_WRITE=1 (print only).
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { beijingToday, type FunnelStats, type JobMatches, type RoleGrant } from '@jz/shared';
import { startStack, type Stack } from '../local/stack';
import { classesSql, DEFAULT_SIZE, institutionsSql, projectsSql, type BenchSize } from './catalogData';
import { enrollmentsSql, jobsSql, matchPeopleSql, peopleSql, referenceSql, REVIEWER_DISTRICT, setupSql, stepsSql, CATEGORIES } from './statsData';

type Backend = 'pglite' | 'postgres';

const docPath = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));
const envNumber = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PEOPLE = envNumber('BENCH_PEOPLE', 100_000);
const ENROLLMENTS = envNumber('BENCH_ENROLLMENTS', 120_000);
const JOBS = envNumber('BENCH_JOBS', 5_000);
const CALLS = envNumber('BENCH_CALLS', 50);
const MATCH_CALLS = envNumber('BENCH_MATCH_CALLS', 200);
const SIZE: BenchSize = { ...DEFAULT_SIZE, institutions: 100, projects: envNumber('BENCH_PROJECTS', 2_000) };
const CHUNK = 10_000;

const log = (message: string) => process.stdout.write(`${message}\n`);

/* ---------------------------------------------------------------- the calls */

/** Small deterministic PRNG (mulberry32), as in catalog.ts, so every run asks the same questions. */
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

/** First day of the month `months` after the month of `day` (Beijing dates, "YYYY-MM-DD"). */
function monthStart(day: string, months: number): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** A 12-month range ending `back` months ago: whole months, the current one up to today. */
function yearRange(today: string, back: number): { from: string; to: string } {
  if (back === 0) return { from: monthStart(today, -11), to: today };
  const end = new Date(`${monthStart(today, -back + 1)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return { from: monthStart(today, -back - 11), to: end.toISOString().slice(0, 10) };
}

type Who = 'reviewer' | 'admin';
type FilterKind = 'none' | 'field' | 'category';

interface FunnelCase {
  name: string;
  who: Who;
  filter: FilterKind;
}

const CASES: FunnelCase[] = [
  { name: `reviewer (${REVIEWER_DISTRICT}), no filter`, who: 'reviewer', filter: 'none' },
  { name: 'reviewer, field filter', who: 'reviewer', filter: 'field' },
  { name: 'reviewer, category filter', who: 'reviewer', filter: 'category' },
  { name: 'admin (all districts), no filter', who: 'admin', filter: 'none' },
  { name: 'admin, field filter', who: 'admin', filter: 'field' },
  { name: 'admin, category filter', who: 'admin', filter: 'category' },
];

/** The paths of one case: 12-month ranges ending 0–11 months ago and filter values, from the PRNG. */
function funnelPaths(c: FunnelCase, count: number, fields: string[], seed: number): string[] {
  const random = prng(seed);
  const today = beijingToday();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, () => {
    const range = yearRange(today, Math.floor(random() * 12));
    const params = new URLSearchParams(range);
    if (c.filter === 'field') params.set('field', pick(fields));
    if (c.filter === 'category') params.set('category', pick(CATEGORIES));
    return `/api/stats/funnel?${params.toString()}`;
  });
}

/* ---------------------------------------------------------------- measuring */

interface Figures {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function figures(latencies: number[]): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0] ?? 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}

async function timedGet<T>(base: string, path: string, token: string): Promise<{ ms: number; body: T; bytes: number }> {
  const started = performance.now();
  const response = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);
  const json = (response.headers.get('content-type') ?? '').includes('json');
  return { ms, body: (json ? JSON.parse(text) : text) as T, bytes: Buffer.byteLength(text) };
}

/* ---------------------------------------------------------------- plans (PostgreSQL) */

/** Calls on one connection before the plan is captured (plpgsql may switch to a generic plan after five). */
const WARM_PLAN_CALLS = Number(process.env.BENCH_PLAN_CALL ?? 7);

const BIG_TABLES = [
  'enrollments', 'profiles', 'classes', 'projects', 'project_occupations', 'evaluation_registrations', 'evaluation_results',
  'certificates', 'subsidy_applications', 'employment_outcomes',
];

interface PlanEvidence {
  name: string;
  /** Server-side execution time of the main query (EXPLAIN ANALYZE). */
  executionMs: number;
  seqScans: string[];
  access: Record<string, string[]>;
  /** Shared buffers hit/read of the main query's top node. */
  buffers: string;
}

/** Runs stats_funnel as `userId` with auto_explain (analyze, buffers) on and keeps the plan of its main query. */
async function capturePlan(databaseUrl: string, name: string, userId: string, args: string): Promise<{ evidence: PlanEvidence; plan: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let logs: string[] = [];
  client.on('notice', (notice) => logs.push(notice.message ?? ''));
  try {
    await client.query(`load 'auto_explain'`);
    await client.query('set auto_explain.log_min_duration = 0');
    await client.query('set auto_explain.log_analyze = on');
    await client.query('set auto_explain.log_buffers = on');
    await client.query('set auto_explain.log_timing = on');
    await client.query('set auto_explain.log_nested_statements = on');
    await client.query('set client_min_messages = log');
    await client.query(`select set_config('request.jwt.claims', $1, false)`, [JSON.stringify({ sub: userId, role: 'authenticated' })]);
    // plpgsql caches the plan of the main query per connection: the first calls get plans for their
    // values, later ones may get the generic plan, as PostgREST's long-lived connections do; keep the last
    for (let n = 1; n < WARM_PLAN_CALLS; n++) await client.query(`select length(public.stats_funnel(${args})::text)`);
    logs = [];
    await client.query(`select length(public.stats_funnel(${args})::text)`);
    // the main query is the one that reads enrollments (the checks before it are small)
    const plan = logs.filter((l) => /on enrollments\b/.test(l)).sort((a, b) => b.length - a.length)[0] ?? logs.join('\n');
    const access: Record<string, string[]> = {};
    for (const m of plan.matchAll(/(Parallel Seq Scan|Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan)(?: using (\S+))? on (\w+)/g)) {
      const table = m[3]!;
      if (!BIG_TABLES.includes(table)) continue;
      const path = m[2] ? `${m[1]} using ${m[2]}` : m[1]!;
      if (!(access[table] ??= []).includes(path)) access[table].push(path);
    }
    const seqScans = Object.entries(access)
      .filter(([, paths]) => paths.some((p) => p.includes('Seq Scan')))
      .map(([t]) => t);
    const executionMs = Number(/duration: ([\d.]+) ms/i.exec(plan)?.[1] ?? NaN);
    const buffers = /Buffers: ([^\n]+)/.exec(plan)?.[1]?.trim() ?? '';
    return { evidence: { name, executionMs, seqScans, access, buffers }, plan };
  } finally {
    await client.end();
  }
}

/* ---------------------------------------------------------------- one backend */

interface Counts {
  people: number;
  projects: number;
  classes: number;
  enrollments: number;
  completed: number;
  results: number;
  certificates: number;
  subsidies: number;
  employment: number;
  openJobs: number;
}

interface BackendResult {
  backend: Backend;
  version: string;
  seedSeconds: number;
  counts: Counts;
  funnel: Array<FunnelCase & { figures: Figures; cohort: number }>;
  exports: Array<{ kind: string; ms: number[]; bytes: number }>;
  matches: Figures & { people: number; certificates: string; items: number };
  plans?: PlanEvidence[];
  load: [number, number];
}

async function seed(db: pg.Client): Promise<void> {
  await db.query(setupSql());
  log(`   ${PEOPLE.toLocaleString('en')} people with profiles`);
  for (let from = 1; from <= PEOPLE; from += CHUNK) await db.query(peopleSql(from, Math.min(PEOPLE, from + CHUNK - 1)));
  log(`   catalog: ${SIZE.institutions} institutions, ${SIZE.projects} projects, ${SIZE.projects * SIZE.classesPerProject} classes`);
  await db.query(institutionsSql(SIZE));
  for (let from = 1; from <= SIZE.projects; from += 1000) {
    const to = Math.min(SIZE.projects, from + 999);
    await db.query(projectsSql(SIZE, from, to));
    await db.query(classesSql(SIZE, from, to));
  }
  await db.query(referenceSql());
  const classes = Number((await db.query<{ n: string }>('select count(*) as n from bench.classes')).rows[0]!.n);
  log(`   ${ENROLLMENTS.toLocaleString('en')} enrollments over two years`);
  await db.query('analyze');
  for (let from = 1; from <= ENROLLMENTS; from += CHUNK) {
    await db.query(enrollmentsSql(from, Math.min(ENROLLMENTS, from + CHUNK - 1), PEOPLE, classes));
  }
  const { rows } = await db.query<{ lo: string; hi: string }>(
    `select min(e.seq) as lo, max(e.seq) as hi from public.enrollments e join bench.classes c on c.id = e.class_id`,
  );
  log('   evaluations, certificates, subsidy applications, employment');
  await db.query('analyze');
  const lo = Number(rows[0]!.lo);
  const hi = Number(rows[0]!.hi);
  for (let from = lo; from <= hi; from += 2 * CHUNK) await db.query(stepsSql(from, Math.min(hi, from + 2 * CHUNK - 1)));
  log(`   ${JOBS.toLocaleString('en')} open jobs; people for job matching`);
  await db.query(jobsSql(JOBS));
  await db.query(matchPeopleSql(MATCH_CALLS));
  await db.query('vacuum analyze');
}

async function runBackend(backend: Backend): Promise<BackendResult> {
  log(`\n== ${backend}: starting a private stack on 127.0.0.1 with a scratch database`);
  const stack: Stack = await startStack({
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    ...(backend === 'postgres' ? { databaseUrl: process.env.TEST_DATABASE_URL!, createDatabase: true } : {}),
  });
  try {
    const db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const version = (await db.query<{ v: string }>('select version() as v')).rows[0]!.v.split(' on ')[0]!;
    const seedStart = Date.now();
    await seed(db);
    const seedSeconds = (Date.now() - seedStart) / 1000;
    const counts = (
      await db.query<Counts>(
        `select (select count(*) from bench.people)::int as people,
                (select count(*) from public.projects)::int as projects,
                (select count(*) from public.classes)::int as classes,
                (select count(*) from public.enrollments)::int as enrollments,
                (select count(*) from public.enrollments where status = 'completed')::int as completed,
                (select count(*) from public.evaluation_results)::int as results,
                (select count(*) from public.certificates)::int as certificates,
                (select count(*) from public.subsidy_applications)::int as subsidies,
                (select count(*) from public.employment_outcomes)::int as employment,
                (select count(*) from public.jobs where status = 'open' and valid_until >= current_date)::int as "openJobs"`,
      )
    ).rows[0]!;
    log(`   seeded in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(counts)}`);

    // staff accounts with their grants, and session tokens as the login mints them
    const staff = async (name: string, grant: RoleGrant) => {
      const id = (await db.query<{ id: string }>(`insert into public.users (openid, display_name) values ($1, $1) returning id`, [`bench:stats:${name}`])).rows[0]!.id;
      await db.query(`insert into public.role_grants (user_id, role, scope) values ($1, $2, $3)`, [id, grant.role, grant.scope ?? null]);
      return id;
    };
    const reviewerGrant: RoleGrant = { role: 'reviewer', scope: REVIEWER_DISTRICT };
    const adminGrant: RoleGrant = { role: 'admin' };
    const reviewerId = await staff('reviewer', reviewerGrant);
    const adminId = await staff('admin', adminGrant);
    const fields = (await db.query<{ f: string }>('select distinct field_code as f from bench.classes order by 1')).rows.map((r) => r.f);
    const matchPeople = (await db.query<{ user_id: string; n: number }>(
      `select m.user_id, (select count(*) from public.certificates c where c.holder_user_id = m.user_id and c.status = 'valid')::int as n
       from bench.match_people m order by m.k`,
    )).rows;
    await db.end();

    const { signSession } = await import('../lib/session');
    const tokens: Record<Who, string> = {
      reviewer: (await signSession(reviewerId, [reviewerGrant])).token,
      admin: (await signSession(adminId, [adminGrant])).token,
    };

    const loadBefore = os.loadavg()[0]!;
    log('   warming up');
    for (const c of CASES) for (const path of funnelPaths(c, 2, fields, 7)) await timedGet(stack.url, path, tokens[c.who]);

    const funnel: BackendResult['funnel'] = [];
    for (const [i, c] of CASES.entries()) {
      const latencies: number[] = [];
      let cohort = 0;
      for (const path of funnelPaths(c, CALLS, fields, 20261125 + i)) {
        const r = await timedGet<FunnelStats>(stack.url, path, tokens[c.who]);
        latencies.push(r.ms);
        cohort += r.body.totals.enrolled;
      }
      const f = figures(latencies);
      funnel.push({ ...c, figures: f, cohort: Math.round(cohort / CALLS) });
      log(`   funnel ${c.name}: p50 ${ms(f.p50)} ms, p95 ${ms(f.p95)} ms, p99 ${ms(f.p99)} ms (${Math.round(cohort / CALLS)} people on average)`);
    }

    const exports: BackendResult['exports'] = [];
    for (const kind of ['funnel', 'breakdown']) {
      const times: number[] = [];
      let bytes = 0;
      for (let n = 0; n < 2; n++) {
        const r = await timedGet<string>(stack.url, `/api/stats/export?kind=${kind}`, tokens.admin);
        times.push(r.ms);
        bytes = r.bytes;
      }
      exports.push({ kind, ms: times, bytes });
      log(`   export ${kind}: ${times.map(ms).join(' ms, ')} ms, ${bytes} bytes`);
    }

    const matchTokens = await Promise.all(matchPeople.map(async (p) => (await signSession(p.user_id, [])).token));
    for (const token of matchTokens.slice(-5)) await timedGet(stack.url, '/api/me/job-matches', token);
    const matchLatencies: number[] = [];
    let items = 0;
    for (const token of matchTokens) {
      const r = await timedGet<JobMatches>(stack.url, '/api/me/job-matches', token);
      matchLatencies.push(r.ms);
      items += r.body.items.length;
    }
    const certCounts = new Map<number, number>();
    for (const p of matchPeople) certCounts.set(p.n, (certCounts.get(p.n) ?? 0) + 1);
    const matches = {
      ...figures(matchLatencies),
      people: matchPeople.length,
      certificates: [...certCounts.entries()].sort(([a], [b]) => a - b).map(([n, k]) => `${k} × ${n}`).join(', '),
      items: Math.round(items / Math.max(1, matchTokens.length)),
    };
    log(`   job matches: p50 ${ms(matches.p50)} ms, p95 ${ms(matches.p95)} ms, p99 ${ms(matches.p99)} ms (${matches.items} items on average)`);
    const loadAfter = os.loadavg()[0]!;

    let plans: PlanEvidence[] | undefined;
    if (backend === 'postgres') {
      plans = [];
      const today = beijingToday();
      const range = yearRange(today, 0);
      for (const [name, id] of [['reviewer, 12 months', reviewerId], ['admin, 12 months', adminId]] as const) {
        const { evidence, plan } = await capturePlan(stack.databaseUrl!, name, id, `'${range.from}', '${range.to}'`);
        plans.push(evidence);
        log(`\n   EXPLAIN (ANALYZE, BUFFERS) of the funnel's main query, ${name}:\n${plan.split('\n').map((l) => `     ${l}`).join('\n')}`);
        log(`   ${name}: ${evidence.executionMs.toFixed(0)} ms in the database; sequential scans of ${evidence.seqScans.join(', ') || 'no big table'}`);
      }
    }

    return {
      backend, version, seedSeconds, counts, funnel, exports, matches, load: [loadBefore, loadAfter],
      ...(plans ? { plans } : {}),
    };
  } finally {
    await stack.stop();
  }
}

/* ---------------------------------------------------------------- reporting */

const ms = (n: number) => n.toFixed(1);
const thousands = (n: number) => n.toLocaleString('en');

function section(r: BackendResult): string {
  const c = r.counts;
  const lines = [
    `<!-- bench:stats:${r.backend} -->`,
    `### ${r.backend === 'pglite' ? 'PGlite' : 'PostgreSQL'} (${r.version})`,
    '',
    `Data: ${thousands(c.people)} people with profiles, ${thousands(c.projects)} projects / ${thousands(c.classes)} classes, ` +
      `${thousands(c.enrollments)} enrollments (${thousands(c.completed)} completed), ${thousands(c.results)} evaluation results, ` +
      `${thousands(c.certificates)} certificates, ${thousands(c.subsidies)} subsidy applications, ${thousands(c.employment)} employment outcomes, ` +
      `${thousands(c.openJobs)} open jobs (bench data plus the sample seed), seeded in ${r.seedSeconds.toFixed(1)} s. ` +
      `Machine load (1-minute average) ${r.load[0].toFixed(1)} at the start of the calls, ${r.load[1].toFixed(1)} at the end.`,
    '',
    '`GET /api/stats/funnel`, one call at a time, 12-month ranges ending 0–11 months ago:',
    '',
    '| caller, filter | calls | people in the cohort (mean) | min ms | p50 ms | p95 ms | p99 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.funnel.map(
      (f) => `| ${f.name} | ${f.figures.count} | ${thousands(f.cohort)} | ${ms(f.figures.min)} | ${ms(f.figures.p50)} | ${ms(f.figures.p95)} | ${ms(f.figures.p99)} | ${ms(f.figures.max)} |`,
    ),
    '',
    `\`GET /api/stats/export\` (admin, the last 12 months): ` +
      r.exports.map((e) => `\`kind=${e.kind}\` ${e.ms.map(ms).join(' ms and ')} ms, ${thousands(e.bytes)} bytes`).join('; ') + '.',
    '',
    `\`GET /api/me/job-matches\`, ${r.matches.count} calls, each for a different person (valid certificates held: ${r.matches.certificates}; ` +
      `${r.matches.items} matches answered on average): min ${ms(r.matches.min)} ms, p50 ${ms(r.matches.p50)} ms, p95 ${ms(r.matches.p95)} ms, ` +
      `p99 ${ms(r.matches.p99)} ms, max ${ms(r.matches.max)} ms.`,
  ];
  if (r.plans) {
    lines.push(
      '',
      "How the funnel's main query reads the big tables (auto_explain with ANALYZE and BUFFERS, the last 12 months):",
      '',
      '| caller | time in the database | sequential scans | access paths | buffers |',
      '| --- | ---: | --- | --- | --- |',
      ...r.plans.map(
        (p) =>
          `| ${p.name} | ${p.executionMs.toFixed(0)} ms | ${p.seqScans.join(', ') || 'none'} | ` +
          `${Object.entries(p.access).map(([t, a]) => `${t}: ${a.join(', ')}`).join('; ')} | ${p.buffers} |`,
      ),
    );
  }
  lines.push(`<!-- /bench:stats:${r.backend} -->`);
  return lines.join('\n');
}

function keepSection(previous: string, backend: Backend): string | undefined {
  return new RegExp(`<!-- bench:stats:${backend} -->[\\s\\S]*?<!-- /bench:stats:${backend} -->`).exec(previous)?.[0];
}

async function writeDoc(results: BackendResult[]): Promise<void> {
  const previous = await readFile(docPath, 'utf8').catch(() => '');
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const sections = (['pglite', 'postgres'] as const).map((b) => {
    const r = results.find((x) => x.backend === b);
    return r ? section(r) : (keepSection(previous, b) ?? `<!-- bench:stats:${b} -->\n### ${b}\n\nNot run yet.\n<!-- /bench:stats:${b} -->`);
  });
  const block = `<!-- bench:stats -->
## Dashboard and job matching (\`npm run bench:stats\`)

Last run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM,
${os.type()} ${os.release()}, Node ${process.version}. Each database ran on this machine; the HTTP API (gateway → function →
PostgREST → \`stats_funnel\` / \`job_match_facts\`) on 127.0.0.1.

What runs: a scratch database with the catalog bench's generator at ${thousands(SIZE.projects)} projects / ${thousands(SIZE.projects * SIZE.classesPerProject)}
classes, ${thousands(PEOPLE)} people with profiles (district skewed towards the big districts, 朝阳 ~12 %; six categories), and
${thousands(ENROLLMENTS)} enrollments over the last two years spread over those classes (about 60 % completed, the rest dropped,
cancelled, or still enrolled or waitlisted; 30 % through a station). About 40 % of completions lead to an evaluation result
on a sitting the month after (75 % pass, 20 % fail, 5 % absent); every pass issues a certificate (3 % later revoked); 30 % of
valid certificates have a subsidy application (submitted, under review, approved, publicised, paid, rejected, withdrawn); 25 %
of completers have an employment outcome. ${thousands(JOBS)} open, unexpired jobs (plus a tenth as many closed and as many
expired ones) in the bench projects' occupations. All rows are written by set-based SQL (deterministic hashes of row numbers)
as the funnel and the matching read them; profiles carry placeholders where the API stores encrypted ID numbers and phones.
The funnel is called ${CALLS} times per case as a reviewer of ${REVIEWER_DISTRICT} (朝阳) and as an admin (all districts), with
12-month ranges ending 0–11 months ago and random field or category filters (seeded); job matches ${MATCH_CALLS} times, each as a
different person holding valid certificates (0–2 certificates in other occupations added, so most hold 1–3). Latency is
measured at the client and includes HTTP, the function, PostgREST and the database.

${sections.join('\n\n')}

### The plan cache fix (\`20261125001500_stats_plan_cache.sql\`)

The first runs showed the admin's unfiltered funnel far slower through the API than the same call in a fresh session. No
index was missing: in a fresh session the main query reads the cohort by a sequential scan of \`enrollments\` (a 12-month
range is half of two years of sign-ups, so a scan is the right plan; a district reviewer's scope and the filters are applied in
the hash joins) and the later steps by their indexes (\`evaluation_registrations_enrollment\`, \`evaluation_results_pkey\`,
\`certificates_pkey\`, \`employment_outcomes_user\`), and most of the time goes to the distinct counts of the breakdowns.
The slow calls came from plpgsql's plan cache: after five calls on one connection (PostgREST keeps its connections; on PGlite
there is only one) the function's main query switched to the generic plan, which cannot fold the "parameter is null or …"
filters, estimates a cohort of one row and re-runs the results-and-subsidy aggregate once per cohort row — quadratic in the
cohort (at 3,000 enrollments, 1,499 cohort rows × 286 rows = 429,484 subsidy probes in one call). The migration sets
\`plan_cache_mode = force_custom_plan\` on \`stats_funnel\` (a few milliseconds of planning per call; results unchanged,
\`functions/test/stats/funnel.test.ts\` passes on PGlite and PostgreSQL). Admin, no filter, 12 months, before → after:

| data | PGlite p50 | PostgreSQL p50 |
| --- | ---: | ---: |
| 2,000 people, 3,000 enrollments (1,052 people in the cohort) | 2,426 ms → 182 ms | 1,022 ms → 95 ms |
| 100,000 people, 120,000 enrollments | not run before (by the same count, about half an hour per call) → the tables above | the same |

### Reading the figures

The funnel is one SQL statement over the whole cohort of the range: every cohort enrollment is joined to its class, project,
profile and main occupation, its evaluation, certificate and subsidy are looked up, and the rows are counted distinctly seven
ways (totals, six breakdowns, the month trend). Its cost grows with the number of people in the cohort, not with the size of
the tables: a district reviewer's cohort (朝阳, the biggest district) is about an eighth of the admin's, and a field or category
filter narrows it further (the p95 of the filtered cases is the biggest fields and categories). The admin's unfiltered call over
12 months counts about half of all enrollments; at this scale it takes seconds — about 5.6 s on PostgreSQL and 8 s on PGlite —
and the CSV export costs the same, since it runs the same function. That time is not spent reading the tables (the sequential
scans are the right plan for a cohort that is half of \`enrollments\`, and no index would change it) but sorting some 400,000
bucket rows for the distinct counts, on disk with the default 4 MB \`work_mem\` (the \`temp\` buffers above). Making the
city-wide view interactive would take a different approach (a summary refreshed daily, or fewer distinct counts), not an
index. PGlite is the single-session embedded database of \`npm start\` and the tests (WASM, one thread shared with PostgREST's
single connection): its figures show the development experience, not production, and while one admin funnel runs every other
request waits. Job matching is bounded by the person (their certificates and completed classes) and by the newest 300
candidate jobs, so its latency (about 100 ms at the median, also with 20,000 people in a smaller run) does not depend on the
number of people or enrollments.
<!-- /bench:stats -->`;
  let text = previous || '# Benchmarks\n';
  const start = '<!-- bench:stats -->';
  const end = '<!-- /bench:stats -->';
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
  if (process.env.BENCH_NO_WRITE) log('\nBENCH_NO_WRITE is set: docs/BENCHMARKS.md left as it is');
  else await writeDoc(results);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
