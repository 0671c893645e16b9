/** The reviewer's whitelist list: institutions of their districts by status and kind, with history and counts. */
import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { expectRefusal, person } from './support';

const api = apiClient(inject('stackUrl'));

type Person = Awaited<ReturnType<typeof person>>;
let haidian: Person; // reviewer of 海淀区 110108
let admin: Person;

async function institution(kind: 'training' | 'evaluation', district: string, status = 'listed') {
  const code = `${kind === 'training' ? 'INS' : 'EVA'}-L${String(randomInt(1e8)).padStart(8, '0')}`;
  const [row] = await sql<{ id: string }>(
    `insert into public.institutions (code, name, kind, carrier_type, whitelist_status, whitelisted_on, district)
     values ($1, $2, $3, 'vocational_college', $4, case when $4 in ('listed', 'suspended') then current_date end, $5) returning id`,
    [code, `名单测试机构${code}`, kind, status, district],
  );
  return { id: row!.id, code };
}

const list = (token: string | undefined, query = '') => api.get(`/api/review/institutions${query}`, token ? { token } : {});
const ids = (reply: { body: { items: { id: string }[] } }) => reply.body.items.map((i) => i.id);

beforeAll(async () => {
  [haidian, admin] = await Promise.all([person(api, 'reviewer', '110108'), person(api, 'admin')]);
});

describe('GET /api/review/institutions', () => {
  it('lists only the reviewer\'s district, filtered by status and kind, with counts and history', async () => {
    const [mine, theirs, myEvaluator] = await Promise.all([
      institution('training', '110108'),
      institution('training', '110105'),
      institution('evaluation', '110108'),
    ]);
    const suspended = await api.post(`/api/review/institutions/${mine.id}/whitelist`, { action: 'suspend', reason: '投诉核查期间暂停' }, { token: haidian.token });
    expect(suspended.status).toBe(200);

    const all = await list(haidian.token);
    expect(all.status).toBe(200);
    expect(ids(all)).toEqual(expect.arrayContaining([mine.id, myEvaluator.id]));
    expect(ids(all)).not.toContain(theirs.id);
    expect(all.body.items.every((i: { district: string }) => i.district === '110108')).toBe(true);
    const [counts] = await sql<{ listed: number; suspended: number }>(
      `select count(*) filter (where whitelist_status = 'listed')::int as listed,
              count(*) filter (where whitelist_status = 'suspended')::int as suspended
       from public.institutions where district = '110108'`,
    );
    expect(all.body.counts).toMatchObject(counts!);

    const paused = await list(haidian.token, '?status=suspended&kind=training');
    expect(ids(paused)).toContain(mine.id);
    expect(paused.body.items.every((i: { whitelistStatus: string; kind: string }) => i.whitelistStatus === 'suspended' && i.kind === 'training')).toBe(true);
    expect(paused.body.items.find((i: { id: string }) => i.id === mine.id)).toMatchObject({
      districtName: '海淀区',
      history: [expect.objectContaining({ action: 'suspend', from: 'listed', to: 'suspended', reason: '投诉核查期间暂停' })],
    });
    expect(ids(await list(haidian.token, '?kind=evaluation'))).not.toContain(mine.id);

    expect(ids(await list(admin.token, '?kind=training'))).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it('refuses anonymous callers (401), workers and institution staff (403), and bad filters (400)', async () => {
    const someone = await person(api);
    const trainer = await person(api, 'institution_staff', 'INS-001');
    expect((await list(undefined)).status).toBe(401);
    expectRefusal(await list(someone.token), 403, 'forbidden');
    expectRefusal(await list(trainer.token), 403, 'forbidden');
    const bad = await list(haidian.token, '?status=gone');
    expectRefusal(bad, 400, 'invalid_input');
    expect(bad.body.error.fields.status).toMatch(/[\u4e00-\u9fa5]/);
    expect((await list(haidian.token, '?kind=school')).body.error.fields.kind).toBeTruthy();
  });
});
