import { maskIdNumber, normalizeCertificateNo } from '@jz/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { certifiedWorker, freshAddress, lookup, staff, worker, type Person } from './support';

const api = apiClient(inject('stackUrl'));

describe('certificate lookup and verification', () => {
  let holder: Person;
  let certificate: { id: string; certificateNo: string };
  let evaluatorCode: string;
  let token: string;

  beforeAll(async () => {
    const made = await certifiedWorker(api, '5401', { name: '欧阳明月' });
    ({ person: holder, certificate } = made);
    evaluatorCode = made.session.evaluator.code;
    const [row] = await sql<{ verify_token: string }>(`select verify_token from public.certificates where id = $1`, [certificate.id]);
    token = row!.verify_token;
  });

  it('finds a certificate by number and name, masked, for anyone', async () => {
    const reply = await lookup(api, { certificateNo: certificate.certificateNo, name: '欧阳明月' });
    expect(reply.status).toBe(200);
    expect(reply.body.items).toHaveLength(1);
    const [found] = reply.body.items;
    expect(found).toMatchObject({
      certificateNo: certificate.certificateNo,
      type: 'skill_level',
      status: 'valid',
      level: '4',
      holder: { name: '欧***', idType: 'resident', idNumberMasked: maskIdNumber(holder.idNumber) },
      institution: { code: evaluatorCode },
      revokedAt: null,
    });
    expect(found.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // nothing that identifies the row or the person beyond the masked forms
    expect(Object.keys(found).sort()).toEqual(
      ['certificateNo', 'direction', 'holder', 'institution', 'issuedOn', 'level', 'occupation', 'revokedAt', 'status', 'type'].sort(),
    );
    expect(JSON.stringify(reply.body)).not.toContain(holder.idNumber);
    expect(JSON.stringify(reply.body)).not.toContain('欧阳明月');
  });

  it('accepts the number as people type it (spaces, lower case) and the name with spaces', async () => {
    const typed = certificate.certificateNo.toLowerCase().replace(/(\d{4})/g, '$1 ');
    expect(normalizeCertificateNo(typed)).toBe(certificate.certificateNo);
    const reply = await lookup(api, { certificateNo: typed, name: ' 欧阳 明月 ' });
    expect(reply.body.items).toHaveLength(1);
  });

  it('finds every certificate of a person by ID type, ID number and name', async () => {
    const reply = await lookup(api, { idType: 'resident', idNumber: holder.idNumber.toLowerCase(), name: '欧阳明月' });
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((c: any) => c.certificateNo)).toEqual([certificate.certificateNo]);
    const wrongType = await lookup(api, { idType: 'passport', idNumber: 'E12345678', name: '欧阳明月' });
    expect(wrongType.body).toEqual({ items: [] });
  });

  it('answers a wrong name, an unknown number and an unknown ID number with the same body', async () => {
    const wrongName = await lookup(api, { certificateNo: certificate.certificateNo, name: '欧阳明日' });
    const unknownNumber = await lookup(api, { certificateNo: 'S999911000001254000001', name: '欧阳明月' });
    const unknownLegacy = await lookup(api, { certificateNo: '1234567890123456', name: '欧阳明月' });
    const wrongNameById = await lookup(api, { idType: 'resident', idNumber: holder.idNumber, name: '欧阳明日' });
    const unknownId = await lookup(api, { idType: 'resident', idNumber: '11010519491231002X', name: '欧阳明月' });
    for (const reply of [wrongName, unknownNumber, unknownLegacy, wrongNameById, unknownId]) {
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ items: [] });
      expect(reply.headers.get('content-length')).toBe(wrongName.headers.get('content-length'));
    }
  });

  it('takes about as long for a wrong name as for an unknown number', async () => {
    const time = async (body: unknown) => {
      const started = performance.now();
      await lookup(api, body);
      return performance.now() - started;
    };
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 8; i++) {
      wrong.push(await time({ certificateNo: certificate.certificateNo, name: '欧阳明日' }));
      unknown.push(await time({ certificateNo: 'S999911000001254000001', name: '欧阳明月' }));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // same query path: the medians differ by noise only (generous bound for a shared 2-core machine)
    expect(Math.abs(median(wrong) - median(unknown))).toBeLessThan(Math.max(25, 0.5 * Math.max(median(wrong), median(unknown))));
  });

  it('refuses malformed input with the field and a Chinese message', async () => {
    const cases: Array<[unknown, Record<string, string>]> = [
      [{ certificateNo: 'ABC', name: '张三' }, { certificateNo: expect.stringMatching(/格式不对/) as unknown as string }],
      [{ name: '张三' }, { certificateNo: '请填写证书编号，或证件类型和证件号码' }],
      [{ certificateNo: certificate.certificateNo }, { name: '请填写持证人姓名' }],
      [{ idType: 'resident', idNumber: '110105194912310021', name: '张三' }, { idNumber: '身份证号校验位不对，请核对后重新输入' }],
      [{ idType: 'alien', idNumber: 'X', name: '张三' }, { idType: '请选择证件类型' }],
    ];
    for (const [body, fields] of cases) {
      const reply = await lookup(api, body);
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('invalid_input');
      expect(reply.body.error.fields).toMatchObject(fields);
    }
  });

  it('shows a revoked certificate as revoked to a correct name and number, and on its verification page', async () => {
    const made = await certifiedWorker(api, '5401', { name: '钱多多' });
    await api.post(`/api/certificates/${made.certificate.id}/revoke`, { reason: '证书信息有误' }, { token: made.evaluator.token });
    const found = await lookup(api, { certificateNo: made.certificate.certificateNo, name: '钱多多' });
    expect(found.body.items).toEqual([expect.objectContaining({ status: 'revoked', revokedAt: expect.any(String) })]);
    expect(found.body.items[0]).not.toHaveProperty('revokeReason');
    const [row] = await sql<{ verify_token: string }>(`select verify_token from public.certificates where id = $1`, [made.certificate.id]);
    const page = await api.get(`/api/verify/${row!.verify_token}`);
    expect(page.body.certificate).toMatchObject({ status: 'revoked', holder: { name: '钱**' } });
  });

  it('verification: public, masked, briefly cached; unknown or malformed tokens are one 404', async () => {
    const page = await api.get(`/api/verify/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=60');
    expect(page.body.certificate).toMatchObject({
      certificateNo: certificate.certificateNo,
      status: 'valid',
      holder: { name: '欧***', idNumberMasked: maskIdNumber(holder.idNumber) },
      level: '4',
      institution: { code: evaluatorCode },
    });
    expect(JSON.stringify(page.body)).not.toContain(holder.idNumber);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const unknown = await api.get(`/api/verify/${'A'.repeat(32)}`);
    const malformed = await api.get('/api/verify/short');
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(unknown.body.error.message).toBe(malformed.body.error.message);
    expect(unknown.headers.get('cache-control') ?? '').not.toMatch(/public/);
  });

  it('the seeded sample certificates verify by their fixed tokens', async () => {
    const valid = await api.get('/api/verify/SAMPLE-valid-skill-level-certificate-01');
    expect(valid.body.certificate).toMatchObject({ status: 'valid', holder: { name: '演***' }, occupation: { name: '养老护理员' } });
    const revoked = await api.get('/api/verify/SAMPLE-revoked-skill-level-certificate-03');
    expect(revoked.body.certificate.status).toBe('revoked');
  });

  it('the dev account 演示学员 holds the seeded certificate (sample holders have no real ID number to open)', async () => {
    const demo = await api.devLogin('演示学员');
    const mine = await api.get('/api/me/certificates', { token: demo.token });
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        type: 'skill_level',
        level: '4',
        holder: { name: '演示学员', idType: 'resident', idNumberMasked: '110105********002X', idNumber: null },
        verifyToken: 'SAMPLE-valid-skill-level-certificate-01',
      }),
    ]);
    const journey = await api.get('/api/me/journey', { token: demo.token });
    expect(journey.body.items.find((j: any) => j.occupation.code === '4-10-01-05')).toMatchObject({
      currentStep: 'subsidy',
      steps: expect.arrayContaining([expect.objectContaining({ key: 'certificate', status: 'done' })]),
    });
  });

  it('tokens are unique and random across certificates', async () => {
    const [row] = await sql<{ total: number; distinct_tokens: number }>(
      `select count(*)::int as total, count(distinct verify_token)::int as distinct_tokens from public.certificates`,
    );
    expect(row!.distinct_tokens).toBe(row!.total);
  });
});

describe('a holder’s own certificates', () => {
  it('GET /api/me/certificates shows the owner everything unmasked, with the verification link; others see none', async () => {
    const { person, certificate } = await certifiedWorker(api, '5402', { name: '孙悟空' });
    const mine = await api.get('/api/me/certificates', { token: person.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    const [own] = mine.body.items;
    expect(own).toMatchObject({
      id: certificate.id,
      certificateNo: certificate.certificateNo,
      holder: { name: '孙悟空', idType: 'resident', idNumber: person.idNumber, idNumberMasked: maskIdNumber(person.idNumber) },
      source: 'evaluation',
      status: 'valid',
    });
    expect(own.verifyUrl).toMatch(new RegExp(`/pages/verify/index\\?token=${own.verifyToken}$`));

    const stranger = await worker(api, '5402');
    expect((await api.get('/api/me/certificates', { token: stranger.token })).body).toEqual({ items: [] });
    expect((await api.get('/api/me/certificates')).status).toBe(401);
  });

  it('GET /api/certificates/[id]: unmasked for the holder, masked for the issuing staff and admins, 404 for anyone else', async () => {
    const { person, certificate, evaluator } = await certifiedWorker(api, '5402', { name: '猪八戒' });
    const [stranger, otherEvaluator, admin, reviewer, institution] = await Promise.all([
      worker(api, '5402'),
      staff(api, 'evaluator_staff', 'EVA-001'),
      staff(api, 'admin'),
      staff(api, 'reviewer'),
      staff(api, 'institution_staff', 'INS-001'),
    ]);
    const get = (t?: string) => api.get(`/api/certificates/${certificate.id}`, t ? { token: t } : {});
    expect((await get(person.token)).body.certificate).toMatchObject({ holder: { name: '猪八戒', idNumber: person.idNumber } });
    const forStaff = (await get(evaluator.token)).body.certificate;
    expect(forStaff).toMatchObject({ id: certificate.id, holder: { name: '猪**' }, source: 'evaluation' });
    expect(forStaff).not.toHaveProperty('verifyToken');
    expect(JSON.stringify(forStaff)).not.toContain(person.idNumber);
    expect((await get(admin.token)).status).toBe(200);
    expect((await get(stranger.token)).status).toBe(404);
    expect((await get(otherEvaluator.token)).body.error.code).toBe('certificate_not_found');
    expect((await get(reviewer.token)).status).toBe(404);
    expect((await get(institution.token)).status).toBe(404);
    expect((await get()).status).toBe(401);
    expect((await api.get('/api/certificates/not-a-uuid', { token: person.token })).status).toBe(400);
  });

  it('GET /api/certificates/[id]/qrcode gives the holder a PNG of the verification link', async () => {
    const { person, certificate } = await certifiedWorker(api, '5402');
    const reply = await api.get(`/api/certificates/${certificate.id}/qrcode`, { token: person.token });
    expect(reply.status).toBe(200);
    expect(reply.body.verifyUrl).toMatch(/\/pages\/verify\/index\?token=[A-Za-z0-9_-]{32}$/);
    expect(reply.body.qrcode).toMatch(/^data:image\/png;base64,/);
    const stranger = await worker(api, '5402');
    expect((await api.get(`/api/certificates/${certificate.id}/qrcode`, { token: stranger.token })).status).toBe(404);
    expect((await api.get(`/api/certificates/${certificate.id}/qrcode`)).status).toBe(401);
  });

  it('a certificate imported before the person signed up appears once their profile carries the same ID number', async () => {
    const { person } = await certifiedWorker(api, '5402');
    const [row] = await sql<{ id_number_hash: string; id_number_enc: string }>(
      `select id_number_hash, id_number_enc from public.profiles where user_id = $1`,
      [person.userId],
    );
    await sql(
      `insert into public.certificates (certificate_no, type, holder_name, holder_id_type, holder_id_number_enc, holder_id_number_hash,
                                        holder_id_number_masked, occupation_id, level, institution_id, issued_on, verify_token, source)
       select '9' || lpad((floor(random() * 1e15))::bigint::text, 15, '0'), 'qualification', '张三丰', 'resident', $1, $2, 'x', o.id, '4', i.id,
              date '2015-05-05', 'T' || md5(random()::text), 'import'
       from public.occupations o, public.institutions i where o.code = '4-10-01-05' and i.code = 'EVA-001'`,
      [row!.id_number_enc, row!.id_number_hash],
    );
    const mine = await api.get('/api/me/certificates', { token: person.token });
    expect(mine.body.items.map((c: any) => c.type).sort()).toEqual(['qualification', 'skill_level']);
    expect(mine.body.items.find((c: any) => c.type === 'qualification').holder.idNumber).toBe(person.idNumber);
  });

  it('lookups by a signed-in user count for that user too', async () => {
    const person = await worker(api, '5402');
    const reply = await lookup(api, { certificateNo: 'S999911000001254000001', name: '张三' }, { token: person.token, address: freshAddress() });
    expect(reply.status).toBe(200);
    const [row] = await sql<{ n: number }>(`select count(*)::int as n from public.rate_limits where bucket = $1`, [`lookup:user:${person.userId}`]);
    expect(row!.n).toBe(2);
  });
});
