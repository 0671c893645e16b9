import { inject, beforeAll, describe, expect, it } from 'vitest';
import { beijingToday, dayjs, residentIdCheckChar } from '@jz/shared';
import { apiClient, uniqueName } from './support/api';
import { residentId, validProfile } from './support/people';
import { sql } from './harness/db';

const api = apiClient(inject('stackUrl'));

describe('GET/PUT /api/me/profile', () => {
  let token: string;
  beforeAll(async () => {
    ({ token } = await api.devLogin(uniqueName()));
  });

  it('has no profile before the first save', async () => {
    const reply = await api.get('/api/me/profile', { token });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ profile: null });
  });

  it('saves a valid profile and answers only masked personal data', async () => {
    const input = validProfile({ idNumber: residentId('19900101'), mobile: '13912345678' });
    const reply = await api.put('/api/me/profile', input, { token });
    expect(reply.status).toBe(200);
    expect(reply.body.profile).toMatchObject({
      realName: '王小明',
      idType: 'resident',
      idNumberMasked: `110105********${input.idNumber.slice(14)}`,
      mobileMasked: '139****5678',
      category: 'rural_migrant',
      district: '110105',
      householdType: 'other_rural',
      birthDate: '1990-01-01',
    });
    const text = JSON.stringify(reply.body);
    expect(text).not.toContain(input.idNumber);
    expect(text).not.toContain('13912345678');

    const again = await api.get('/api/me/profile', { token });
    expect(again.body.profile.idNumberMasked).toBe(reply.body.profile.idNumberMasked);
    expect(JSON.stringify(again.body)).not.toContain(input.idNumber);

    const me = await api.get('/api/me', { token });
    expect(me.body.user.hasProfile).toBe(true);
  });

  it('stores ID number and phone encrypted, never in plain text', async () => {
    const { token: own, user } = await api.devLogin(uniqueName());
    const input = validProfile({ mobile: '13700001111' });
    expect((await api.put('/api/me/profile', input, { token: own })).status).toBe(200);
    const [row] = await sql<{ id_number_enc: string; mobile_enc: string; id_number_hash: string; whole: string }>(
      'select id_number_enc, mobile_enc, id_number_hash, p::text as whole from public.profiles p where user_id = $1',
      [user.id],
    );
    expect(row!.id_number_enc).toMatch(/^v1:/);
    expect(row!.whole).not.toContain(input.idNumber);
    expect(row!.whole).not.toContain('13700001111');
    expect(row!.id_number_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('updates the profile in place', async () => {
    const { token: own } = await api.devLogin(uniqueName());
    expect((await api.put('/api/me/profile', validProfile(), { token: own })).status).toBe(200);
    const changed = await api.put('/api/me/profile', validProfile({ district: '110108', category: 'employee' }), { token: own });
    expect(changed.status).toBe(200);
    expect(changed.body.profile).toMatchObject({ district: '110108', category: 'employee' });
  });

  it('accepts a passport without a birth date', async () => {
    const { token: own } = await api.devLogin(uniqueName());
    const reply = await api.put('/api/me/profile', validProfile({ idType: 'passport', idNumber: `E${Date.now() % 1e8}` }), {
      token: own,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.profile).toMatchObject({ idType: 'passport', birthDate: null });
    expect(reply.body.profile.idNumberMasked).toMatch(/^E\d\*+\d{2}$/);
  });

  const sixteenToday = dayjs(beijingToday()).subtract(16, 'year').format('YYYYMMDD');
  const sixteenTomorrow = dayjs(beijingToday()).subtract(16, 'year').add(1, 'day').format('YYYYMMDD');

  it.each([
    ['a wrong check digit', { idNumber: (() => { const id = residentId(); return id.slice(0, 17) + (id[17] === '1' ? '2' : '1'); })() }, 'idNumber', '校验位'],
    ['an impossible birth date', { idNumber: (() => { const f = '11010519900230001'; return f + residentIdCheckChar(f); })() }, 'idNumber', '出生日期'],
    ['a birth date in the future', { idNumber: (() => { const f = `110105${dayjs().add(1, 'year').format('YYYYMMDD')}001`; return f + residentIdCheckChar(f); })() }, 'idNumber', '出生日期'],
    ['someone turning 16 tomorrow', { idNumber: residentId(sixteenTomorrow) }, 'idNumber', '16周岁'],
    ['17 digits', { idNumber: '11010519491231002' }, 'idNumber', '18位'],
    ['a short mobile number', { mobile: '1381234123' }, 'mobile', '11位'],
    ['a mobile number starting 12', { mobile: '12812341234' }, 'mobile', '11位'],
    ['a district outside Beijing', { district: '310101' }, 'district', '北京'],
    ['an unknown category', { category: 'tourist' }, 'category', '人员类别'],
    ['an unknown household type', { householdType: 'mars' }, 'householdType', '户籍'],
    ['a one-character name', { realName: '王' }, 'realName', '姓名'],
    ['a name with digits', { realName: '王5' }, 'realName', '姓名'],
    ['a malformed passport', { idType: 'passport', idNumber: '护照123' }, 'idNumber', '护照'],
    ['a number where text belongs', { realName: 12345 }, 'realName', '姓名'],
    ['an unknown field', { salary: 1 }, 'salary', '不支持'],
  ])('refuses %s with 400 naming the field', async (_label, change, field, words) => {
    const { token: own } = await api.devLogin(uniqueName());
    const reply = await api.put('/api/me/profile', validProfile(change), { token: own });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_input');
    expect(reply.body.error.fields[field]).toContain(words);
    const after = await api.get('/api/me/profile', { token: own });
    expect(after.body.profile).toBeNull();
  });

  it('accepts someone who turns 16 today', async () => {
    const { token: own } = await api.devLogin(uniqueName());
    const reply = await api.put('/api/me/profile', validProfile({ idNumber: residentId(sixteenToday) }), { token: own });
    expect(reply.status).toBe(200);
  });

  it('lists every missing field at once', async () => {
    const reply = await api.put('/api/me/profile', {}, { token });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.error.fields).sort()).toEqual(
      ['category', 'district', 'householdType', 'idNumber', 'idType', 'mobile', 'realName'].sort(),
    );
  });

  it('refuses an ID number already bound to another account, writing nothing', async () => {
    const idNumber = residentId('19800808');
    const first = await api.devLogin(uniqueName());
    const second = await api.devLogin(uniqueName());
    expect((await api.put('/api/me/profile', validProfile({ idNumber }), { token: first.token })).status).toBe(200);
    const reply = await api.put('/api/me/profile', validProfile({ idNumber }), { token: second.token });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('id_number_taken');
    expect((await api.get('/api/me/profile', { token: second.token })).body.profile).toBeNull();
  });

  it('refuses malformed JSON, non-JSON and oversize bodies with 4xx', async () => {
    const bad = await api.call('PUT', '/api/me/profile', { rawBody: '{"realName": ', token, headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_json');
    const form = await api.call('PUT', '/api/me/profile', { rawBody: 'realName=x', token, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const huge = await api.put('/api/me/profile', validProfile({ realName: '王'.repeat(70_000) }), { token });
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toContain('太大');
  });
});

describe('who may read and write profiles', () => {
  it('refuses callers without a valid token', async () => {
    expect((await api.get('/api/me/profile')).status).toBe(401);
    expect((await api.put('/api/me/profile', validProfile())).status).toBe(401);
    expect((await api.get('/api/me/profile', { token: 'not-a-jwt' })).status).toBe(401);
    const forged =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDEiLCJyb2xlIjoiYXV0aGVudGljYXRlZCJ9.c2lnbmF0dXJl';
    const reply = await api.get('/api/me/profile', { token: forged });
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toMatch(/登录/);
  });

  it('shows each person only their own profile', async () => {
    const a = await api.devLogin(uniqueName());
    const b = await api.devLogin(uniqueName());
    await api.put('/api/me/profile', validProfile({ realName: '甲某某' }), { token: a.token });
    const seenByB = await api.get('/api/me/profile', { token: b.token });
    expect(seenByB.body.profile).toBeNull();
  });

  it('keeps other people’s rows and all ciphertext out of reach through PostgREST itself', async () => {
    const a = await api.devLogin(uniqueName());
    const b = await api.devLogin(uniqueName());
    await api.put('/api/me/profile', validProfile(), { token: a.token });
    const anonKey = inject('anonKey');
    const rest = (token: string, query: string) =>
      api.get(`/rest/v1/profiles?${query}`, { token, headers: { apikey: anonKey } });

    const own = await rest(a.token, 'select=real_name,id_number_masked');
    expect(own.status).toBe(200);
    expect(own.body).toHaveLength(1);
    const other = await rest(b.token, `select=real_name&user_id=eq.${a.user.id}`);
    expect(other.status).toBe(200);
    expect(other.body).toEqual([]);
    const cipher = await rest(a.token, 'select=id_number_enc');
    expect(cipher.status).toBe(403);
    const anon = await rest(anonKey, 'select=real_name');
    expect(anon.status).toBe(401);
  });
});
