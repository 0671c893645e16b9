/** Demand CSV import (reviewers): the per-row report, BOM, district scope, all-or-nothing and partial mode. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient, uniqueName } from '../support/api';
import { expectRefusal, occupationCode, person, testCreditCode, wantedBy } from './support';

const api = apiClient(inject('stackUrl'));

type Person = Awaited<ReturnType<typeof person>>;
let chaoyang: Person;
let admin: Person;
let worker: Person;
let institution: Person;

beforeAll(async () => {
  [chaoyang, admin, worker, institution] = await Promise.all([
    person(api, 'reviewer', '110105'),
    person(api, 'admin'),
    person(api),
    person(api, 'institution_staff', 'INS-001'),
  ]);
});

const HEADER = '企业名称,统一社会信用代码,联系人,联系电话,职业编码,技能等级,需要人数,技能要求,所在区,希望到岗日期,最低月薪,最高月薪,来源';

async function line(overrides: Partial<Record<string, string>> = {}): Promise<string> {
  const v = {
    name: uniqueName('导入企业'),
    code: testCreditCode(),
    contact: '李经理',
    phone: '13900001111',
    occupation: await occupationCode(),
    level: '四级/中级工',
    headcount: '20',
    skills: '"能独立完成老年人照护，熟悉失智照护"',
    district: '朝阳区',
    wantedBy: wantedBy(40).replace(/-/g, '/'),
    payMin: '6000',
    payMax: '8000',
    source: '企业服务包',
    ...overrides,
  };
  return [v.name, v.code, v.contact, v.phone, v.occupation, v.level, v.headcount, v.skills, v.district, v.wantedBy, v.payMin, v.payMax, v.source].join(',');
}

const upload = (token: string | undefined, text: string, query = '', contentType = 'text/csv; charset=utf-8') =>
  api.call('POST', `/api/review/demands/import${query}`, { rawBody: text, token, headers: { 'content-type': contentType } });

const demandsByEnterprise = (names: string[]) =>
  sql<{ name: string; status: string; source: string; district: string; headcount: number; level: string | null; pay_min: number; created_by: string }>(
    `select e.name, d.status, d.source, d.district, d.headcount, d.level, d.pay_min, d.created_by
     from public.demands d join public.enterprises e on e.id = d.enterprise_id where e.name = any ($1) order by e.name`,
    [names],
  );
const nameOf = (csvLine: string) => csvLine.split(',')[0]!;

describe('demand CSV import', () => {
  it('two uploads of the same file at once both answer (no 500) and register the new enterprise once', async () => {
    const row = await line();
    const text = [HEADER, row].join('\r\n') + '\r\n';
    const replies = await Promise.all([upload(chaoyang.token, text), upload(admin.token, text)]);
    for (const r of replies) expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
    expect(replies.some((r) => r.status === 200)).toBe(true);
    const enterprises = await sql('select id from public.enterprises where name = $1', [nameOf(row)]);
    expect(enterprises).toHaveLength(1);
  });

  it('imports a good file as published demands of the reviewer\'s district, one event each, public at once', async () => {
    const rows = [await line(), await line({ level: '', source: '', payMin: '', payMax: '', district: '110105' })];
    const reply = await upload(chaoyang.token, [HEADER, ...rows].join('\r\n') + '\r\n');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ rows: 2, committed: true, partial: false, problems: [] });
    expect(reply.body.imported.map((r: { row: number }) => r.row)).toEqual([2, 3]);
    const stored = await demandsByEnterprise(rows.map(nameOf));
    expect(stored).toHaveLength(2);
    const byName = Object.fromEntries(stored.map((d) => [d.name, d]));
    expect(byName[nameOf(rows[0]!)]).toMatchObject({ status: 'published', source: 'service_package', district: '110105', headcount: 20, level: '4', pay_min: 6000, created_by: chaoyang.userId });
    expect(byName[nameOf(rows[1]!)]).toMatchObject({ status: 'published', source: 'notice', level: null, pay_min: null });
    const events = await sql<{ from_status: string | null; to_status: string }>(
      'select from_status, to_status from public.demand_events where demand_id = $1',
      [reply.body.imported[0].id],
    );
    expect(events).toEqual([{ from_status: null, to_status: 'published' }]);
    const listed = await api.get(`/api/catalog/demands?q=${encodeURIComponent(nameOf(rows[0]!))}`);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toContain(reply.body.imported[0].id);
    // no declarer notification for an import
    expect(await sql('select 1 from public.outbox where user_id = $1 and event = $2', [chaoyang.userId, 'demand.reviewed'])).toEqual([]);
  });

  it('reads a UTF-8 file with a byte-order mark, columns in any order', async () => {
    const row = await line();
    const cells = row.split(',');
    const header = HEADER.split(',');
    const order = [8, 0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12];
    const text = '\uFEFF' + [order.map((i) => header[i]).join(','), order.map((i) => cells[i]).join(',')].join('\n');
    const reply = await upload(chaoyang.token, text);
    expect(reply.body).toMatchObject({ committed: true, problems: [] });
    expect(await demandsByEnterprise([nameOf(row)])).toHaveLength(1);
  });

  it('reports every bad row with its row number, field and a Chinese message, and writes nothing', async () => {
    const good = await line();
    const rows = [
      good,
      await line({ code: '91350100M000100Y44', headcount: '0' }),
      await line({ district: '海淀区' }),
      await line({ occupation: '9-99-99-99' }),
      await line({ phone: '123', wantedBy: '明天', level: '九级' }),
    ];
    const reply = await upload(chaoyang.token, [HEADER, ...rows].join('\n'));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ rows: 5, committed: false, imported: [] });
    const problems = reply.body.problems as Array<{ row: number; field: string; message: string }>;
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'creditCode'],
      [3, 'headcount'],
      [4, 'district'],
      [5, 'occupation'],
      [6, 'level'],
      [6, 'wantedBy'],
      [6, 'contactPhone'],
    ].sort((a, b) => Number(a[0]) - Number(b[0]))
      .map(([row, field]) => [row, field]));
    expect(problems.every((p) => /[\u4e00-\u9fa5]/.test(p.message))).toBe(true);
    expect(problems.find((p) => p.row === 4)!.message).toBe('这个区不在您负责的范围内');
    // all or nothing: not even the good row
    expect(await demandsByEnterprise(rows.map(nameOf))).toEqual([]);
  });

  it('with ?partial=1 imports the good rows and reports the rest', async () => {
    const rows = [await line(), await line({ district: '海淀区' }), await line()];
    const reply = await upload(chaoyang.token, [HEADER, ...rows].join('\n'), '?partial=1');
    expect(reply.body).toMatchObject({ rows: 3, committed: true, partial: true });
    expect(reply.body.imported.map((r: { row: number }) => r.row)).toEqual([2, 4]);
    expect(reply.body.problems).toEqual([{ row: 3, field: 'district', message: '这个区不在您负责的范围内' }]);
    expect((await demandsByEnterprise(rows.map(nameOf))).map((d) => d.name).sort()).toEqual([nameOf(rows[0]!), nameOf(rows[2]!)].sort());
    // an admin may import for any district
    const haidian = await line({ district: '海淀区' });
    expect((await upload(admin.token, [HEADER, haidian].join('\n'))).body).toMatchObject({ committed: true, problems: [] });
  });

  it('a name clash found by the database in one row leaves the others unwritten too', async () => {
    const first = await line();
    await upload(chaoyang.token, [HEADER, first].join('\n'));
    const clash = await line({ name: nameOf(first) }); // same name, another credit code
    const fresh = await line();
    const reply = await upload(chaoyang.token, [HEADER, fresh, clash].join('\n'));
    expect(reply.body).toMatchObject({ committed: false, imported: [] });
    expect(reply.body.problems).toEqual([expect.objectContaining({ row: 3, field: 'enterpriseName' })]);
    expect(await demandsByEnterprise([nameOf(fresh)])).toEqual([]);
    expect(await sql('select 1 from public.enterprises where name = $1', [nameOf(fresh)])).toEqual([]);
  });

  it('refuses a broken file, a missing column and the wrong media type with 4xx', async () => {
    expectRefusal(await upload(chaoyang.token, ''), 400, 'invalid_csv');
    const missing = await upload(chaoyang.token, '企业名称,联系人\n某企业,张三');
    expectRefusal(missing, 400, 'invalid_csv');
    expect(missing.body.error.fields.header).toContain('统一社会信用代码');
    expectRefusal(await upload(chaoyang.token, `${HEADER}\n"未闭合,1`), 400, 'invalid_csv');
    expect((await upload(chaoyang.token, `${HEADER}\n${await line()}`, '', 'application/json')).status).toBe(415);
    expect((await upload(chaoyang.token, `${HEADER}\n${await line()}`, '?partial=maybe')).body.error.fields).toHaveProperty('partial');
  });

  it('anonymous 401; workers and institution staff 403', async () => {
    const text = `${HEADER}\n${await line()}`;
    expect((await upload(undefined, text)).status).toBe(401);
    expectRefusal(await upload(worker.token, text), 403, 'forbidden');
    expectRefusal(await upload(institution.token, text), 403, 'forbidden');
  });
});
