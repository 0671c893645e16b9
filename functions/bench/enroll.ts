/**
 * Sign-up benchmark: N people (default 2,000) sign up for one class of S seats (default 50) with C
 * requests in flight (default 100), first through the HTTP API (gateway → function → PostgREST →
 * enroll_in_class), then — the ceiling — calling the same Postgres function directly over Postgres
 * connections with the same number of callers. Prints throughput, latency percentiles and the
 * correctness check for both, and writes them to docs/BENCHMARKS.md (its own section).
 *
 *   npm run bench:enroll                         # PGlite (in memory)
 *   npm run bench:enroll -- --db postgres        # BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test
 *   npm run bench:enroll -- --users 500 --seats 20 --concurrency 50 --rounds 1 --no-write
 *
 * Everything runs on 127.0.0.1 in a private stack (own database, dropped afterwards). People are
 * made by SQL with placeholder profile values (the sign-up never reads the encrypted columns) and
 * session tokens are minted here, so only the sign-ups are measured.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startStack, type Stack } from '../local/stack';
import { repoRoot } from '../local/paths';

process.env.LOG_LEVEL = 'silent';

interface Options {
  db: 'pglite' | 'postgres';
  rounds: number;
  users: number;
  seats: number;
  concurrency: number;
  write: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { db: 'pglite', rounds: 3, users: 2000, seats: 50, concurrency: 100, write: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--db') {
      const db = value();
      if (db !== 'pglite' && db !== 'postgres') throw new Error('--db is pglite or postgres');
      options.db = db;
    } else if (arg === '--rounds') options.rounds = Number(value());
    else if (arg === '--users') options.users = Number(value());
    else if (arg === '--seats') options.seats = Number(value());
    else if (arg === '--concurrency') options.concurrency = Number(value());
    else if (arg === '--no-write') options.write = false;
    else throw new Error(`Unknown option ${arg}`);
  }
  if (!Number.isInteger(options.rounds) || options.rounds < 1 || options.rounds > 9) throw new Error('--rounds must be 1 to 9');
  for (const [name, v] of [['users', options.users], ['seats', options.seats], ['concurrency', options.concurrency]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 20000) throw new Error(`--${name} must be an integer from 1 to 20000`);
  }
  if (options.seats > options.users) throw new Error('--seats cannot exceed --users');
  return options;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

/* ---------------------------------------------------------------- data */

interface Fixture {
  classId: string;
  userIds: string[];
}

/** A class of `seats` seats with an open window, and `users` people with profiles, in its own institution. */
let fixtures = 0;
const runTag = String(Math.floor(Math.random() * 900) + 100);

async function makeFixture(db: pg.Client, label: string, users: number, seats: number, dayOffset: number): Promise<Fixture> {
  const tag = `${runTag}${String(++fixtures).padStart(3, '0')}`;
  const institution = (
    await db.query(
      `insert into public.institutions (code, name, kind, carrier_type, whitelist_status, whitelisted_on, district)
       values ($1, $2, 'training', 'private_institution', 'listed', current_date, '110105') returning id`,
      [`INS-B${label}${tag}`, `压测培训学校${label}${tag}`],
    )
  ).rows[0].id as string;
  const project = (
    await db.query(
      `insert into public.projects (code, title, project_type, institution_id, field_code, target_level, headcount, content, hours,
                                    mode, audiences, funding, status, published_at)
       values ($1, '压测项目（养老护理员）', 'employment', $2, 'care', '4', 100000, '压测用的培训内容，不对外展示。', 80, 'offline',
               '{key_group,employee,student}', 'subsidised', 'published', now()) returning id`,
      [`XM-2026-${tag}`, institution],
    )
  ).rows[0].id as string;
  const classId = (
    await db.query(
      `insert into public.classes (code, project_id, institution_id, name, start_date, end_date, district, capacity,
                                   enroll_opens_at, enroll_closes_at, status)
       values ($1, $2, $3, '压测班', public.beijing_today() + $4::int, public.beijing_today() + $4::int + 5, '110105', $5,
               now() - interval '1 hour', now() + interval '1 day', 'published') returning id`,
      [`BC-2026-${tag}`, project, institution, dayOffset, seats],
    )
  ).rows[0].id as string;
  const userIds = (
    await db.query(
      `insert into public.users (openid, display_name)
       select 'bench:' || $1 || ':' || g, '压测' || g from generate_series(1, $2::int) g returning id`,
      [`${label}${tag}`, users],
    )
  ).rows.map((r) => r.id as string);
  await db.query(
    `insert into public.profiles (user_id, real_name, id_type, id_number_enc, id_number_hash, id_number_masked, birth_date,
                                  mobile_enc, mobile_hash, mobile_masked, category, district, household_type)
     select u, '压测学员', 'resident', 'bench', 'bench:' || u, '110105********0000', date '1990-01-01',
            'bench', 'bench', '138****0000', 'rural_migrant', '110105', 'other_rural'
     from unnest($1::uuid[]) u`,
    [userIds],
  );
  return { classId, userIds };
}

/* ---------------------------------------------------------------- running */

interface RunResult {
  label: string;
  wallMs: number;
  latencies: number[];
  errors: string[];
  positions: number[];
  enrolledAnswers: number;
}

async function runPool(label: string, total: number, concurrency: number, one: (i: number) => Promise<{ status: string; position: number | null }>): Promise<RunResult> {
  const latencies: number[] = [];
  const errors: string[] = [];
  const positions: number[] = [];
  let enrolledAnswers = 0;
  let next = 0;
  let done = 0;
  const step = Math.max(1, Math.floor(total / 10));
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const t0 = performance.now();
      try {
        const answer = await one(i);
        if (answer.status === 'enrolled') enrolledAnswers++;
        else if (answer.status === 'waitlisted' && answer.position !== null) positions.push(answer.position);
        else errors.push(`unexpected answer ${JSON.stringify(answer)}`);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
      latencies.push(performance.now() - t0);
      done++;
      if (done % step === 0) log(`  ${label}: ${done}/${total}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { label, wallMs: performance.now() - started, latencies, errors, positions, enrolledAnswers };
}

/** One POST over a kept-alive connection (node:http: the load generator should take as little of the machine's CPU as it can). */
function post(agent: http.Agent, url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out after 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

async function apiRun(stack: Stack, fixture: Fixture, concurrency: number, tokens: string[]): Promise<RunResult> {
  const url = new URL('/api/enrollments', stack.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    return await runPool('api', fixture.userIds.length, concurrency, async (i) => {
      const reply = await post(
        agent,
        url,
        { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        JSON.stringify({ classId: fixture.classId }),
      );
      const body = JSON.parse(reply.text) as { enrollment?: { status: string; position: number | null } };
      if (reply.status !== 201 || !body.enrollment) throw new Error(`HTTP ${reply.status} ${reply.text}`);
      return body.enrollment;
    });
  } finally {
    agent.destroy();
  }
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The same function over plain connections: one round trip per sign-up, as PostgREST sets the caller up. */
async function directRun(databaseUrl: string, fixture: Fixture, concurrency: number, connections: number): Promise<RunResult> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  try {
    // open the connections before the clock starts
    await Promise.all(Array.from({ length: connections }, async () => (await pool.connect()).release()));
    return await runPool('direct', fixture.userIds.length, concurrency, async (i) => {
      const claims = JSON.stringify({ sub: fixture.userIds[i], role: 'authenticated', aud: 'authenticated' });
      const client = await pool.connect();
      try {
        const results = (await client.query(
          `begin;
           select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${literal(claims)}, true);
           select public.enroll_in_class(${literal(fixture.classId)}::uuid, null, ${literal(randomUUID())}) as r;
           commit;`,
        )) as unknown as pg.QueryResult[];
        const row = results[2]!.rows[0] as { r: { enrollment: { status: string; position: number | null } } };
        return row.r.enrollment;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  } finally {
    await pool.end();
  }
}

/* ---------------------------------------------------------------- report */

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

interface Summary {
  label: string;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  wallMs: number;
  errors: number;
  correct: boolean;
  check: string;
}

interface Checked {
  run: RunResult;
  correct: boolean;
  check: string;
}

/** The correctness check of one round: seats filled exactly, waitlist positions 1..N without gaps, no errors. */
async function check(db: pg.Client, run: RunResult, fixture: Fixture, seats: number): Promise<Checked> {
  const expectedWaitlist = fixture.userIds.length - seats;
  const positions = [...run.positions].sort((a, b) => a - b);
  const gapFree = positions.length === expectedWaitlist && positions.every((p, i) => p === i + 1);
  const row = (
    await db.query(
      `select count(*) filter (where e.status = 'enrolled')::int as enrolled,
              count(*) filter (where e.status = 'waitlisted')::int as waitlisted,
              (select c.enrolled from public.classes c where c.id = $1) as counter
       from public.enrollments e where e.class_id = $1`,
      [fixture.classId],
    )
  ).rows[0] as { enrolled: number; waitlisted: number; counter: number };
  const correct =
    run.errors.length === 0 && gapFree && run.enrolledAnswers === seats && row.enrolled === seats && row.counter === seats &&
    row.waitlisted === expectedWaitlist;
  const text = `${row.enrolled} enrolled (counter ${row.counter}), ${row.waitlisted} waitlisted, positions 1..${positions.at(-1) ?? 0} ${
    gapFree ? 'without gaps' : 'WITH GAPS OR MISSING'}, ${run.errors.length} errors`;
  if (run.errors.length) log(`  ${run.label} errors, first: ${run.errors[0]}`);
  return { run, correct, check: text };
}

/** Rounds of one path: median throughput (and the range), latency percentiles over all sign-ups. */
function summarize(rounds: Checked[]): Summary & { range: [number, number] } {
  const rates = rounds.map((r) => (r.run.latencies.length / r.run.wallMs) * 1000).sort((a, b) => a - b);
  const sorted = rounds.flatMap((r) => r.run.latencies).sort((a, b) => a - b);
  const correct = rounds.every((r) => r.correct);
  return {
    label: rounds[0]!.run.label,
    throughput: rates[Math.floor(rates.length / 2)]!,
    range: [rates[0]!, rates.at(-1)!],
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    wallMs: rounds.reduce((t, r) => t + r.run.wallMs, 0) / rounds.length,
    errors: rounds.reduce((t, r) => t + r.run.errors.length, 0),
    correct,
    check: correct ? `every round: ${rounds[0]!.check}` : rounds.map((r) => r.check).join('; '),
  };
}

const f1 = (n: number) => n.toFixed(1);

type Row = Summary & { range: [number, number] };

function markdown(options: Options, env: { machine: string; database: string; connections: number }, api: Row, direct: Row): string {
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const ratio = (api.throughput / direct.throughput) * 100;
  return [
    `### ${options.db === 'pglite' ? 'PGlite' : 'PostgreSQL'} — ${when} UTC`,
    '',
    `${env.machine}; ${env.database}. ${options.users} people, ${options.seats} seats, ${options.concurrency} requests in flight` +
      ` (direct: ${options.concurrency} callers over ${env.connections} connection${env.connections === 1 ? '' : 's'});` +
      ` ${options.rounds} round${options.rounds === 1 ? '' : 's'} of each, a fresh class and people every round.`,
    '',
    '| path | sign-ups/s (median) | range | p50 ms | p95 ms | p99 ms | correctness |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...[api, direct].map(
      (s) =>
        `| ${s.label === 'api' ? 'HTTP API (POST /api/enrollments)' : 'direct `enroll_in_class` (ceiling)'} | ${f1(s.throughput)} | ${f1(
          s.range[0],
        )}–${f1(s.range[1])} | ${f1(s.p50)} | ${f1(s.p95)} | ${f1(s.p99)} | ${s.correct ? 'OK' : 'FAILED'}: ${s.check} |`,
    ),
    '',
    `API throughput = ${ratio.toFixed(0)}% of the direct ceiling (goal on PostgreSQL: ≥ 50%).`,
    '',
  ].join('\n');
}

const SECTION = '## Sign-up (`npm run bench:enroll`)';
const SECTION_INTRO = [
  SECTION,
  '',
  'N people sign up for one class at once through the HTTP API (gateway → function → PostgREST →',
  '`enroll_in_class`, each with its own Idempotency-Key), then the same number call `enroll_in_class`',
  'directly over Postgres connections (one round trip: role, claims, call, commit) — the ceiling. All',
  'on 127.0.0.1, one private stack, its own database. Every sign-up locks the same class row, so this',
  'measures the contended path. Latest run per database below; rerun to replace it.',
  '',
  'Reading the figures: on PostgreSQL every sign-up holds the class row lock until its commit is',
  'flushed to the WAL, and through the API also for PostgREST\'s round trip from the function\'s',
  'answer to COMMIT, on the same two cores as the gateway, the functions and the load generator. On',
  'PGlite the database runs inside the Node process (WASM, in memory, no fsync), so the API path',
  'shares one thread with every query while the direct ceiling pays no flush: that ratio says little',
  'about production and the goal applies to PostgreSQL only.',
  '',
];

/** Replaces this benchmark's block for the database (between markers), keeping everything else in the file. */
async function writeReport(db: Options['db'], block: string): Promise<string> {
  const file = join(repoRoot, 'docs', 'BENCHMARKS.md');
  let text = existsSync(file) ? await readFile(file, 'utf8') : '# Benchmarks\n';
  if (!text.includes(SECTION)) text = `${text.trimEnd()}\n\n${SECTION_INTRO.join('\n')}`;
  const start = `<!-- bench:enroll:${db} -->`;
  const end = `<!-- /bench:enroll:${db} -->`;
  const wrapped = `${start}\n${block}${end}`;
  if (text.includes(start) && text.includes(end)) {
    text = text.slice(0, text.indexOf(start)) + wrapped + text.slice(text.indexOf(end) + end.length);
  } else {
    // after the intro (and after the other database's block, if any), before the next section
    const from = text.indexOf(SECTION) + SECTION.length;
    const nextSection = text.indexOf('\n## ', from);
    const at = nextSection < 0 ? text.length : nextSection;
    text = `${text.slice(0, at).trimEnd()}\n\n${wrapped}\n${text.slice(at)}`;
  }
  await writeFile(file, text.endsWith('\n') ? text : `${text}\n`);
  return file;
}

/* ---------------------------------------------------------------- main */

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  log(`bench:enroll on ${options.db}: ${options.users} people, ${options.seats} seats, ${options.concurrency} in flight`);
  const stack = await startStack({
    port: 0,
    quiet: true,
    ...(options.db === 'postgres' ? { databaseUrl: serverUrl, createDatabase: true } : {}),
  });
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  try {
    await db.connect();
    const version = (await db.query('select version() as v')).rows[0].v as string;
    log(`  stack ${stack.url} (${version.split(' on ')[0]})`);

    // session tokens as the login would mint them (the stack put the JWT secret in process.env)
    const { signSession } = await import('../lib/session');
    const mint = (ids: string[]) => Promise.all(ids.map(async (id) => (await signSession(id, [])).token));
    const warmApi = await makeFixture(db, 'WA', 50, 10, 10);
    const warmDirect = await makeFixture(db, 'WD', 50, 10, 10);
    const warmTokens = await mint(warmApi.userIds);

    let connections = 1;
    if (options.db === 'postgres') {
      const { rows } = await db.query(
        `select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
                - (select count(*)::int from pg_stat_activity) - 5 as free`,
      );
      connections = Math.max(1, Math.min(options.concurrency, rows[0].free as number));
    }

    log('  warming up');
    await apiRun(stack, warmApi, Math.min(options.concurrency, 25), warmTokens);
    await directRun(stack.databaseUrl!, warmDirect, Math.min(options.concurrency, 25), Math.min(connections, 25));

    const apiRounds: Checked[] = [];
    const directRounds: Checked[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      // classes of different rounds and paths never overlap in time, so no sign-up meets another's schedule
      const apiFixture = await makeFixture(db, 'A', options.users, options.seats, 20 + round * 20);
      const directFixture = await makeFixture(db, 'D', options.users, options.seats, 30 + round * 20);
      const apiTokens = await mint(apiFixture.userIds);
      log(`  round ${round}/${options.rounds}: HTTP API`);
      apiRounds.push(await check(db, await apiRun(stack, apiFixture, options.concurrency, apiTokens), apiFixture, options.seats));
      log(`  round ${round}/${options.rounds}: direct`);
      directRounds.push(await check(db, await directRun(stack.databaseUrl!, directFixture, options.concurrency, connections), directFixture, options.seats));
    }
    const api = summarize(apiRounds);
    const direct = summarize(directRounds);

    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
    const database = options.db === 'pglite' ? `PGlite (in memory) over its socket, PostgREST pool 1` : `${version.split(' on ')[0]}, PostgREST pool 10`;
    const block = markdown(options, { machine, database, connections }, api, direct);
    log('');
    log(block);
    if (options.write) log(`written to ${await writeReport(options.db, block)}`);
    if (!api.correct || !direct.correct) process.exitCode = 1;
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
