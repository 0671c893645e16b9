/** GET /api/stats/funnel and /api/stats/export: the cohort counts against a scenario computed here, scope, bad input, refusals. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { FUNNEL_STEP_KEYS, type FunnelCounts, type FunnelStats } from '@jz/shared';
import { withClient } from '../harness/db';
import { apiClient, uniqueName } from '../support/api';
import { buildScenario, type BuiltScenario, type ScenarioEnrollment, type ScenarioPerson } from './support';

const api = apiClient(inject('stackUrl'));
const FROM = '2024-03-01';
const TO = '2024-04-30';

// Two classes (0: institution A, 1: institution B) of a field of the test's own.
const PEOPLE: ScenarioPerson[] = [
  // every step; a second, waitlisted sign-up in class 1 (counted once in the totals, once per institution)
  {
    district: '110105',
    category: 'rural_migrant',
    enrollments: [
      { cls: 0, at: '2024-03-10 10:00', status: 'completed', result: 'pass', subsidy: 'approved' },
      { cls: 1, at: '2024-04-02 09:00', status: 'waitlisted' },
    ],
    hiredOn: ['2024-06-01'],
  },
  // certified; the subsidy is still under review (not counted); hired before signing up (not counted)
  {
    district: '110105',
    category: 'registered_unemployed',
    enrollments: [{ cls: 0, at: '2024-03-20 14:00', status: 'completed', result: 'pass', subsidy: 'under_review' }],
    hiredOn: ['2024-01-01'],
  },
  // came through the station; failed the evaluation; employed
  {
    district: '110105',
    category: 'employee',
    enrollments: [{ cls: 1, at: '2024-04-05 08:00', status: 'completed', viaStation: true, result: 'fail' }],
    hiredOn: ['2024-05-01'],
  },
  // absent from the evaluation: completed only
  { district: '110105', category: 'rural_migrant', enrollments: [{ cls: 1, at: '2024-04-15 20:00', status: 'completed', result: 'absent' }] },
  // cancelled at 23:30 on the last day (Beijing): still 报名 in April
  { district: '110105', category: 'other', enrollments: [{ cls: 0, at: '2024-04-30 23:30', status: 'cancelled' }] },
  // 海淀: passed but the certificate was revoked
  { district: '110108', category: 'rural_migrant', enrollments: [{ cls: 0, at: '2024-03-15 11:00', status: 'completed', result: 'pass', certificate: 'revoked' }] },
  // 00:10 on 1 May in Beijing (still 30 April in UTC): outside the range
  { district: '110105', category: 'hard_to_employ', enrollments: [{ cls: 0, at: '2024-05-01 00:10', status: 'completed', result: 'pass', subsidy: 'paid' }], hiredOn: ['2024-06-01'] },
  // dropped out, found work: 报名 only (就业 follows 结业)
  { district: '110105', category: 'rural_migrant', enrollments: [{ cls: 1, at: '2024-03-05 09:00', status: 'dropped' }], hiredOn: ['2024-04-01'] },
];

/** The definitions of the migration's stats_funnel, written again over the scenario's description. */
function stepsOf(e: ScenarioEnrollment, p: ScenarioPerson): Record<(typeof FUNNEL_STEP_KEYS)[number], boolean> {
  const completed = e.status === 'completed';
  const evaluated = completed && (e.result === 'pass' || e.result === 'fail');
  const certified = evaluated && e.result === 'pass' && e.certificate !== 'revoked';
  const subsidised = certified && ['approved', 'publicised', 'paid'].includes(e.subsidy ?? '');
  const employed = completed && (p.hiredOn ?? []).some((d) => d >= e.at.slice(0, 10));
  return { enrolled: true, completed, evaluated, certified, subsidised, employed };
}

interface Filter {
  districts?: string[];
  category?: string;
  bucket?: (e: ScenarioEnrollment, p: ScenarioPerson) => boolean;
}

function expected(filter: Filter = {}): FunnelCounts {
  const counts = Object.fromEntries(FUNNEL_STEP_KEYS.map((k) => [k, 0])) as FunnelCounts;
  for (const p of PEOPLE) {
    if (filter.districts && !filter.districts.includes(p.district)) continue;
    if (filter.category && p.category !== filter.category) continue;
    const cohort = p.enrollments.filter((e) => e.at.slice(0, 10) >= FROM && e.at.slice(0, 10) <= TO && (!filter.bucket || filter.bucket(e, p)));
    for (const k of FUNNEL_STEP_KEYS) if (cohort.some((e) => stepsOf(e, p)[k])) counts[k] += 1;
  }
  return counts;
}

/** Error answers carry `error` instead of the stats. */
type ErrorReply = { error: { code: string; message: string; fields: Record<string, string> } };

const countsOf = (b: FunnelCounts) => Object.fromEntries(FUNNEL_STEP_KEYS.map((k) => [k, b[k]]));

let scenario: BuiltScenario;
let admin: string;
let adminId: string;
let chaoyang: string;
let citywide: string;
let worker: string;
let institutionStaff: string;

const login = async (roles?: Parameters<typeof api.devLogin>[1]) => (await api.devLogin(uniqueName('看板'), roles)).token;

beforeAll(async () => {
  scenario = await buildScenario(2, PEOPLE);
  const adminLogin = await api.devLogin(uniqueName('看板'), [{ role: 'admin' }]);
  [admin, adminId] = [adminLogin.token, adminLogin.user.id];
  [chaoyang, citywide, worker, institutionStaff] = await Promise.all([
    login([{ role: 'reviewer', scope: '110105' }]),
    login([{ role: 'reviewer' }]),
    login(),
    login([{ role: 'institution_staff', scope: 'INS-001' }]),
  ]);
});

const funnel = (token: string | undefined, query: Record<string, string> = {}) =>
  api.get<FunnelStats & ErrorReply>(`/api/stats/funnel?${new URLSearchParams({ from: FROM, to: TO, field: scenario.field, ...query })}`, { token });

describe('the cohort funnel', () => {
  it('counts distinct people through each step, with rates against the step before and against 报名', async () => {
    const reply = await funnel(admin);
    expect(reply.status).toBe(200);
    const want = expected();
    // the scenario is built so that every step has someone and the steps narrow
    expect(want).toEqual({ enrolled: 7, completed: 5, evaluated: 4, certified: 2, subsidised: 1, employed: 2 });
    expect(reply.body.totals).toEqual(want);
    expect(reply.body.range).toEqual({ from: FROM, to: TO });
    expect(reply.body.scope).toBeNull();
    const steps = Object.fromEntries(reply.body.steps.map((s) => [s.key, s]));
    expect(steps.enrolled).toMatchObject({ label: '报名', count: 7, ofPrevious: null, ofFirst: 1 });
    expect(steps.completed).toMatchObject({ count: 5, ofPrevious: Number((5 / 7).toFixed(4)), ofFirst: Number((5 / 7).toFixed(4)) });
    expect(steps.evaluated).toMatchObject({ count: 4, previous: 'completed', ofPrevious: 0.8 });
    expect(steps.certified).toMatchObject({ count: 2, ofPrevious: 0.5, ofFirst: Number((2 / 7).toFixed(4)) });
    expect(steps.subsidised).toMatchObject({ count: 1, ofPrevious: 0.5 });
    expect(steps.employed).toMatchObject({ count: 2, previous: 'completed', ofPrevious: 0.4 });
    for (const s of reply.body.steps) if (s.ofFirst !== null) expect(s.ofFirst).toBeLessThanOrEqual(1);
  });

  it('breaks the counts down by institution, station, district, category, occupation and field, and by month', async () => {
    const { body } = await funnel(admin);
    const [a, b] = scenario.institutions;
    const byInstitution = Object.fromEntries(body.breakdowns.institution.map((x) => [x.code, countsOf(x)]));
    expect(byInstitution).toEqual({ [a!.code]: expected({ bucket: (e) => e.cls === 0 }), [b!.code]: expected({ bucket: (e) => e.cls === 1 }) });
    const byOccupation = Object.fromEntries(body.breakdowns.occupation.map((x) => [x.code, countsOf(x)]));
    expect(byOccupation[scenario.occupations[1]!.code]).toEqual(expected({ bucket: (e) => e.cls === 1 }));

    const byStation = Object.fromEntries(body.breakdowns.station.map((x) => [x.key === 'none' ? 'none' : x.code, countsOf(x)]));
    expect(byStation).toEqual({ [scenario.station.code]: expected({ bucket: (e) => Boolean(e.viaStation) }), none: expected({ bucket: (e) => !e.viaStation }) });
    expect(body.breakdowns.station.find((x) => x.key === 'none')?.name).toBe('自行报名');

    const byDistrict = Object.fromEntries(body.breakdowns.district.map((x) => [x.key, { name: x.name, ...countsOf(x) }]));
    expect(byDistrict).toEqual({
      '110105': { name: '朝阳区', ...expected({ districts: ['110105'] }) },
      '110108': { name: '海淀区', ...expected({ districts: ['110108'] }) },
    });
    const byCategory = Object.fromEntries(body.breakdowns.category.map((x) => [x.key, countsOf(x)]));
    expect(byCategory.rural_migrant).toEqual(expected({ category: 'rural_migrant' }));
    expect(body.breakdowns.category.find((x) => x.key === 'rural_migrant')?.name).toBe('农村转移就业劳动者');
    expect(body.breakdowns.field.map((x) => [x.key, countsOf(x)])).toEqual([[scenario.field, expected()]]);

    expect(body.trend.map((m) => m.key)).toEqual(['2024-03', '2024-04']);
    expect(countsOf(body.trend[0]!)).toEqual(expected({ bucket: (e) => e.at.startsWith('2024-03') }));
    expect(countsOf(body.trend[1]!)).toEqual(expected({ bucket: (e) => e.at.startsWith('2024-04') }));
  });

  it('lists the biggest buckets and counts the people of all the rest once in 其他', async () => {
    const reply = await withClient(inject('databaseUrl'), async (client) => {
      await client.query('begin');
      try {
        // (no API calls inside: on PGlite every connection shares the one session this transaction holds)
        await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: adminId, role: 'authenticated' })]);
        await client.query('set local role authenticated');
        return (await client.query(`select public.stats_funnel($1, $2, null, $3, null, 1) as r`, [FROM, TO, scenario.field])).rows[0].r as FunnelStats;
      } finally {
        await client.query('rollback');
      }
    });
    // the institution with most 报名 people is listed (ties: the smaller id), the other one is 其他
    const ranked = scenario.institutions
      .map((ins, cls) => ({ ins, cls, enrolled: expected({ bucket: (e) => e.cls === cls }).enrolled }))
      .sort((a, b) => b.enrolled - a.enrolled || (a.ins.id < b.ins.id ? -1 : 1));
    expect(reply.breakdowns.institution.map((x) => (x.key === 'other' ? 'other' : x.code))).toEqual([ranked[0]!.ins.code, 'other']);
    expect(countsOf(reply.breakdowns.institution[1]!)).toEqual(expected({ bucket: (e) => e.cls === ranked[1]!.cls }));
    expect(reply.breakdowns.institution[1]!.name).toBe('其他');
  });

  it('filters by person category', async () => {
    const reply = await funnel(admin, { category: 'rural_migrant' });
    expect(reply.status).toBe(200);
    expect(reply.body.totals).toEqual(expected({ category: 'rural_migrant' }));
  });

  it('answers zeros and null rates for a range with nobody in it', async () => {
    const reply = await funnel(admin, { from: '2023-01-01', to: '2023-02-28' });
    expect(reply.status).toBe(200);
    expect(reply.body.totals).toEqual({ enrolled: 0, completed: 0, evaluated: 0, certified: 0, subsidised: 0, employed: 0 });
    expect(reply.body.steps.every((s) => s.ofFirst === null && s.ofPrevious === null)).toBe(true);
    expect(reply.body.trend.map((m) => m.key)).toEqual(['2023-01', '2023-02']);
  });

  it('defaults to the last twelve months up to today (Beijing)', async () => {
    const reply = await api.get<FunnelStats>(`/api/stats/funnel?field=${scenario.field}`, { token: admin });
    expect(reply.status).toBe(200);
    expect(reply.body.trend).toHaveLength(12);
    expect(reply.body.range.from.endsWith('-01')).toBe(true);
  });
});

describe('scope', () => {
  it('shows a district reviewer the people of their district only', async () => {
    const reply = await funnel(chaoyang);
    expect(reply.status).toBe(200);
    expect(reply.body.scope).toEqual(['110105']);
    expect(reply.body.totals).toEqual(expected({ districts: ['110105'] }));
    expect(reply.body.breakdowns.district.map((x) => x.key)).toEqual(['110105']);
    expect((await funnel(chaoyang, { district: '110105' })).body.totals).toEqual(expected({ districts: ['110105'] }));
  });

  it('refuses a district reviewer asking for another district', async () => {
    const reply = await funnel(chaoyang, { district: '110108' });
    expect(reply.status).toBe(403);
    expect(reply.body.error.message).toMatch(/权限/);
  });

  it('lets city-wide reviewers and admins choose any district', async () => {
    expect((await funnel(citywide)).body.totals).toEqual(expected());
    const haidian = await funnel(admin, { district: '110108' });
    expect(haidian.status).toBe(200);
    expect(haidian.body.totals).toEqual(expected({ districts: ['110108'] }));
  });

  it('refuses anonymous callers, workers and other staff', async () => {
    expect((await funnel(undefined)).status).toBe(401);
    const asWorker = await funnel(worker);
    expect(asWorker.status).toBe(403);
    expect(asWorker.body.error.message).toMatch(/审核/);
    expect((await funnel(institutionStaff)).status).toBe(403);
    expect((await api.get(`/api/stats/export?field=${scenario.field}`, { token: worker })).status).toBe(403);
    expect((await api.get(`/api/stats/export?field=${scenario.field}`)).status).toBe(401);
  });
});

describe('bad input', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['from after to', { from: '2024-05-01', to: '2024-04-01' }, 'from'],
    ['more than three years', { from: '2020-01-01', to: '2023-01-02' }, 'to'],
    ['not a date', { from: '2024-02-30' }, 'from'],
    ['not a date either', { to: 'yesterday' }, 'to'],
    ['unknown district', { district: '110103' }, 'district'],
    ['unknown field', { field: 'no_such_field' }, 'field'],
    ['malformed field', { field: 'DROP TABLE' }, 'field'],
    ['unknown category', { category: 'retired' }, 'category'],
  ];
  it.each(cases)('answers 400 naming the field: %s', async (_name, query, field) => {
    const reply = await funnel(admin, query);
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.error.fields)).toEqual([field]);
    expect(reply.body.error.fields[field]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('accepts exactly three years', async () => {
    expect((await funnel(admin, { from: '2021-05-01', to: '2024-05-01' })).status).toBe(200);
  });

  it('refuses an unknown export kind', async () => {
    const reply = await api.get(`/api/stats/export?kind=pdf`, { token: admin });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.error.fields)).toEqual(['kind']);
  });
});

/** A small CSV reader for our files: quoted cells, commas, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) {
      cell += c;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    }
  }
  return rows;
}

describe('CSV export', () => {
  const exportCsv = (kind: string, query: Record<string, string> = {}) =>
    fetch(new URL(`/api/stats/export?${new URLSearchParams({ from: FROM, to: TO, field: scenario.field, kind, ...query })}`, inject('stackUrl')), {
      headers: { authorization: `Bearer ${chaoyang}` },
    });

  it('exports the funnel steps with the numbers of the JSON, for Excel', async () => {
    const res = await exportCsv('funnel');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(`培训就业漏斗_${FROM}_${TO}.csv`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
    expect(header).toEqual(['环节', '人数', '对比环节', '占对比环节', '占报名', '统计口径']);
    const json = (await funnel(chaoyang)).body;
    expect(rows.map((r) => [r[0], Number(r[1])])).toEqual(json.steps.map((s) => [s.label, s.count]));
    const want = expected({ districts: ['110105'] });
    expect(rows.map((r) => Number(r[1]))).toEqual(FUNNEL_STEP_KEYS.map((k) => want[k]));
    expect(rows[3]![3]).toBe(`${((want.certified / want.evaluated) * 100).toFixed(2)}%`);
    expect(rows[5]![2]).toBe('结业');
  });

  it('exports every breakdown and month with the numbers of the JSON', async () => {
    const res = await exportCsv('breakdown');
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    expect(header).toEqual(['维度', '名称', '编码', '报名', '结业', '评价', '取证', '补贴', '就业']);
    const json = (await funnel(chaoyang)).body;
    const institutionRows = rows.filter((r) => r[0] === '培训机构');
    expect(institutionRows.map((r) => [r[2], ...r.slice(3).map(Number)])).toEqual(
      json.breakdowns.institution.map((b) => [b.code, ...FUNNEL_STEP_KEYS.map((k) => b[k])]),
    );
    const months = rows.filter((r) => r[0] === '月份');
    expect(months.map((r) => [r[1], ...r.slice(3).map(Number)])).toEqual(json.trend.map((m) => [m.key, ...FUNNEL_STEP_KEYS.map((k) => m[k])]));
    expect(rows.filter((r) => r[0] === '区').map((r) => r[1])).toEqual(['朝阳区']);
  });
});
