import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import {
  certResidentId,
  createEvaluator,
  createOccupation,
  createSession,
  lookup,
  recordResults,
  sessionHasStarted,
  signUp,
  staff,
  worker,
  type TestEvaluator,
  type TestOccupation,
} from './support';

const stackUrl = inject('stackUrl');
const api = apiClient(stackUrl);
const HEADER = ['序号', '证书编号', '姓名', '证件类型', '证件号码', '职业编码', '工种/职业方向', '等级', '发证日期'];

/** A CSV text: fields with commas, quotes or line breaks quoted, CRLF line ends and a BOM as Excel writes them. */
function csv(rows: string[][], options: { bom?: boolean; eol?: string } = {}): string {
  const field = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  const text = rows.map((r) => r.map(field).join(',')).join(options.eol ?? '\r\n') + (options.eol ?? '\r\n');
  return (options.bom === false ? '' : '\ufeff') + text;
}

function upload(token: string | undefined, body: string | Blob, query = '', contentType = 'text/csv; charset=utf-8') {
  return fetch(`${stackUrl}/api/certificates/import${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any, headers: r.headers }));
}

let serial = 100;
const skillNo = (e: TestEvaluator, level = '4', year = '24') => `S${e.certificateCode}11000001${year}${level}${String(serial++).padStart(6, '0')}`;
const specialtyNo = (e: TestEvaluator, year = '2024') => `ZX${year}${e.certificateCode}${String(serial++).padStart(6, '0')}`;
const legacyNo = () => `88${String(Date.now()).slice(-8)}${String(serial++).padStart(6, '0')}`;

describe('certificate import (CSV)', () => {
  let evaluator: TestEvaluator;
  let occupation: TestOccupation;
  let specialty: TestOccupation;
  let token: string;

  beforeAll(async () => {
    [evaluator, occupation, specialty] = await Promise.all([createEvaluator(), createOccupation(), createOccupation({ specialty: true })]);
    token = (await staff(api, 'evaluator_staff', evaluator.code)).token;
  });

  it('imports a valid file (BOM, CRLF, quoted fields, extra columns, columns in any order) and the records are found by lookup', async () => {
    const ids = [certResidentId('5601'), certResidentId('5601'), certResidentId('5601')];
    const numbers = [skillNo(evaluator), specialtyNo(evaluator), legacyNo()];
    const text = csv([
      HEADER,
      ['1', numbers[0]!, '李 小龙', '居民身份证', ids[0]!, occupation.code, '失能照护, 康复', '四级/中级工', '2024-05-06'],
      ['2', numbers[1]!, '王芳', '', ids[1]!.toLowerCase(), specialty.code, '', '', '2024/5/6'],
      ['3', numbers[2]!, '赵"铁"柱', 'resident', ids[2]!, occupation.code, '--', '3', '2016年6月30日'],
    ]).replace('"赵""铁""柱"', '赵铁柱');
    const reply = await upload(token, text);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      import: expect.objectContaining({ status: 'committed', partial: false, parts: 1, partsReceived: 1, rows: 3, accepted: 3, rejected: 0, imported: 3 }),
      rejected: [],
    });
    const rows = await sql<Record<string, unknown>>(
      `select certificate_no, type, holder_name, level, direction, issued_on::text, source, holder_user_id
       from public.certificates where import_id = $1 order by certificate_no`,
      [reply.body.import.id],
    );
    expect(rows).toEqual(
      [
        { certificate_no: numbers[0], type: 'skill_level', holder_name: '李小龙', level: '4', direction: '失能照护, 康复', issued_on: '2024-05-06', source: 'import', holder_user_id: null },
        { certificate_no: numbers[1], type: 'specialty', holder_name: '王芳', level: null, direction: null, issued_on: '2024-05-06', source: 'import', holder_user_id: null },
        { certificate_no: numbers[2], type: 'qualification', holder_name: '赵铁柱', level: '3', direction: null, issued_on: '2016-06-30', source: 'import', holder_user_id: null },
      ].sort((a, b) => a.certificate_no!.localeCompare(b.certificate_no!)),
    );
    // no personal data stays in the staging table
    const [staged] = await sql<{ n: number }>(`select count(*)::int as n from public.certificate_import_rows where import_id = $1`, [reply.body.import.id]);
    expect(staged!.n).toBe(0);

    const byNumber = await lookup(api, { certificateNo: numbers[0], name: '李小龙' });
    expect(byNumber.body.items).toEqual([expect.objectContaining({ certificateNo: numbers[0], holder: expect.objectContaining({ name: '李**' }) })]);
    const byId = await lookup(api, { idType: 'resident', idNumber: ids[1], name: '王芳' });
    expect(byId.body.items.map((c: any) => c.certificateNo)).toEqual([numbers[1]]);
  });

  it('links an imported record to the account whose profile has the ID number, and issuing continues after imported serials', async () => {
    const person = await worker(api, '5601', { name: '刘备' });
    const year = new Date().getFullYear();
    const no = `S${evaluator.certificateCode}11000001${String(year).slice(2)}5000500`;
    const reply = await upload(token, csv([HEADER, ['1', no, '刘备', '身份证', person.idNumber, occupation.code, '', '五级', `${year}-01-01`]]));
    expect(reply.body.import.status).toBe('committed');
    const [linked] = await sql<{ holder_user_id: string }>(`select holder_user_id from public.certificates where certificate_no = $1`, [no]);
    expect(linked!.holder_user_id).toBe(person.userId);
    expect((await api.get('/api/me/certificates', { token: person.token })).body.items.map((c: any) => c.certificateNo)).toEqual([no]);
    // the holder is told, once
    const notices = await sql<{ event: string; payload: Record<string, unknown> }>(
      `select event, payload from public.outbox where user_id = $1 and event = 'certificate.issued'`,
      [person.userId],
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]!.payload).toMatchObject({ certificateNo: no, occupationName: occupation.name, level: '5' });

    // the next level-5 certificate this institution issues this year takes serial 501
    const s = await createSession({ evaluator, occupation, level: '5', selfStudy: true });
    const candidate = await worker(api, '5601');
    const signed = await signUp(api, candidate.token, s.id);
    await sessionHasStarted(s.id);
    const issued = await recordResults(api, token, s.id, [{ registrationId: signed.body.registration.id, outcome: 'pass' }]);
    expect(issued.body.results[0].certificate.certificateNo).toBe(`S${evaluator.certificateCode}11000001${String(year).slice(2)}5000501`);
  });

  describe('a file with bad rows', () => {
    let text: string;
    let good: string[];
    let existing: string;

    beforeAll(async () => {
      const other = await createEvaluator();
      existing = skillNo(evaluator);
      await upload(token, csv([HEADER, ['1', existing, '张三', '', certResidentId('5602'), occupation.code, '', '4', '2024-01-02']]));
      good = [skillNo(evaluator), skillNo(evaluator, '3')];
      const dup = skillNo(evaluator);
      const id = () => certResidentId('5602');
      text = csv([
        HEADER,
        ['1', good[0]!, '张三', '', id(), occupation.code, '', '4', '2024-01-02'], // row 2: fine
        ['2', 'S12345', '张三', '', id(), occupation.code, '', '4', '2024-01-02'], // 3: number format
        ['3', skillNo(evaluator), '张三', '', '110105194912310021', occupation.code, '', '4', '2024-01-02'], // 4: check digit
        ['4', skillNo(evaluator), '张三', '', id(), occupation.code, '', '4', '2099-01-02'], // 5: future date
        ['5', skillNo(evaluator), '张三', '', id(), '9-99-99-9X', '', '4', '2024-01-02'], // 6: occupation code format
        ['6', skillNo(evaluator), '张三', '', id(), '1-00-00-00', '', '4', '2024-01-02'], // 7: unknown occupation
        ['7', skillNo(evaluator, '1'), '张三', '', id(), occupation.code, '', '1', '2024-01-02'], // 8: level not offered
        ['8', skillNo(evaluator, '4'), '张三', '', id(), occupation.code, '', '3', '2024-01-02'], // 9: level ≠ number
        ['9', skillNo(evaluator, '4', '23'), '张三', '', id(), occupation.code, '', '4', '2024-01-02'], // 10: year ≠ number
        ['10', skillNo(other), '张三', '', id(), occupation.code, '', '4', '2024-01-02'], // 11: other institution
        ['11', existing, '张三', '', id(), occupation.code, '', '4', '2024-01-02'], // 12: exists
        ['12', dup, '张三', '', id(), occupation.code, '', '4', '2024-01-02'], // 13: fine
        ['13', dup, '李四', '', id(), occupation.code, '', '4', '2024-01-02'], // 14: duplicate of row 13
        ['14', skillNo(evaluator), '', '', id(), occupation.code, '', '4', '2024-01-02'], // 15: no name
        ['15', skillNo(evaluator), '张三', '', id(), occupation.code, '', '4', '2024-02-30'], // 16: no such date
        ['16', good[1]!, '张三', '', id(), occupation.code, '', '三级/高级工', '2024-03-04'], // 17: fine
      ]);
      good.push(dup);
    });

    const expectedRejections = [
      { row: 3, reason: expect.stringMatching(/Y或S加21位数字/) },
      { row: 4, reason: '身份证号校验位不对，请核对后重新输入' },
      { row: 5, reason: '发证日期不能晚于今天' },
      { row: 6, reason: expect.stringMatching(/职业编码格式不对/) },
      { row: 7, reason: '职业编码不存在' },
      { row: 8, reason: '该职业没有这个等级' },
      { row: 9, reason: expect.stringMatching(/等级与证书编号中的等级（4）不一致/) },
      { row: 10, reason: '发证年份与证书编号中的年份不一致' },
      { row: 11, reason: '证书编号中的机构代码与本机构的代码不符' },
      { row: 12, reason: '证书编号已存在，不能重复导入' },
      { row: 14, reason: '与第13行的证书编号重复' },
      { row: 15, reason: '缺少姓名' },
      { row: 16, reason: expect.stringMatching(/不是有效日期/) },
    ];

    it('lists every rejected row with its reason and writes nothing', async () => {
      const reply = await upload(token, text);
      expect(reply.status).toBe(200);
      expect(reply.body.import).toMatchObject({ status: 'rejected', rows: 16, accepted: 3, rejected: 13, imported: 0 });
      expect(reply.body.rejected).toEqual(expectedRejections.map((r) => expect.objectContaining(r)));
      expect(reply.body.rejected[0].certificateNo).toBe('S12345');
      const [row] = await sql<{ n: number }>(`select count(*)::int as n from public.certificates where certificate_no = any($1)`, [good]);
      expect(row!.n).toBe(0);
    });

    it('with ?partial=1 writes the valid rows and still lists the rejected ones', async () => {
      const reply = await upload(token, text, '?partial=1');
      expect(reply.body.import).toMatchObject({ status: 'committed', partial: true, rows: 16, rejected: 13, imported: 3 });
      expect(reply.body.rejected).toEqual(expectedRejections.map((r) => expect.objectContaining(r)));
      const rows = await sql<{ certificate_no: string }>(`select certificate_no from public.certificates where certificate_no = any($1)`, [good]);
      expect(rows.map((r) => r.certificate_no).sort()).toEqual([...good].sort());
    });
  });

  it('takes a large file in parts, in order, reporting progress; row numbers continue across parts', async () => {
    const batch = randomUUID();
    const row = (n: number, no: string) => [String(n), no, '张三', '', certResidentId('5603'), occupation.code, '', '4', '2024-01-02'];
    const parts = [
      csv([HEADER, ...Array.from({ length: 40 }, (_, i) => row(i + 1, skillNo(evaluator)))]),
      csv([HEADER, row(41, 'BAD'), ...Array.from({ length: 39 }, (_, i) => row(i + 42, skillNo(evaluator)))]),
      csv([HEADER, ...Array.from({ length: 20 }, (_, i) => row(i + 81, skillNo(evaluator)))]),
    ];
    const q = (part: number, partial = false) => `?batch=${batch}&part=${part}&of=3${partial ? '&partial=1' : ''}`;

    const outOfOrder = await upload(token, parts[1]!, `?batch=${randomUUID()}&part=2&of=3`);
    expect(outOfOrder.status).toBe(409);
    expect(outOfOrder.body.error.code).toBe('import_part_out_of_order');

    const first = await upload(token, parts[0]!, q(1, true));
    expect(first.body).toEqual({ import: expect.objectContaining({ status: 'receiving', parts: 3, partsReceived: 1, rows: 40, rejected: 0 }), rejected: [] });
    const again = await upload(token, parts[0]!, q(1, true)); // a retried part replaces itself
    expect(again.body.import).toMatchObject({ partsReceived: 1, rows: 40 });
    expect((await upload(token, parts[0]!, q(1, false))).body.error.code).toBe('import_parts_mismatch');

    const second = await upload(token, parts[1]!, q(2, true));
    expect(second.body.import).toMatchObject({ status: 'receiving', partsReceived: 2, rows: 80, rejected: 1 });
    expect(second.body.rejected).toEqual([{ row: 42, certificateNo: 'BAD', reason: expect.any(String) }]);

    const last = await upload(token, parts[2]!, q(3, true));
    expect(last.body.import).toMatchObject({ status: 'committed', partsReceived: 3, rows: 100, accepted: 99, rejected: 1, imported: 99 });
    const [count] = await sql<{ n: number }>(`select count(*)::int as n from public.certificates where import_id = $1`, [batch]);
    expect(count!.n).toBe(99);

    const replayed = await upload(token, parts[2]!, q(3, true)); // the last part sent again: the same report
    expect(replayed.body).toEqual(last.body);
    expect((await upload(token, parts[0]!, q(1, true))).body.error.code).toBe('import_finished');

    const someoneElse = await staff(api, 'evaluator_staff', evaluator.code);
    expect((await upload(someoneElse.token, parts[2]!, q(3, true))).body.error.code).toBe('import_not_found');
  });

  it('checks numbers again when the last part arrives: one written meanwhile rejects its row, and a rejected import moves no counter', async () => {
    const batch = randomUUID();
    const year = String(new Date().getFullYear()).slice(2);
    const taken = `S${evaluator.certificateCode}11000001${year}3000900`;
    const row = (no: string) => ['1', no, '张三', '', certResidentId('5603'), occupation.code, '', '3', `20${year}-01-02`];
    const q = (part: number) => `?batch=${batch}&part=${part}&of=2`;
    expect((await upload(token, csv([HEADER, row(taken)]), q(1))).body.import.rejected).toBe(0);
    // meanwhile another upload brings the same number
    expect((await upload(token, csv([HEADER, row(taken)]))).body.import.status).toBe('committed');
    const last = await upload(token, csv([HEADER, row(`S${evaluator.certificateCode}11000001${year}3000950`)]), q(2));
    expect(last.body.import).toMatchObject({ status: 'rejected', rows: 2, rejected: 1, imported: 0 });
    expect(last.body.rejected).toEqual([{ row: 2, certificateNo: taken, reason: '证书编号已存在，不能重复导入' }]);
    const [counter] = await sql<{ last_serial: number }>(
      `select last_serial from public.certificate_serials where series = $1 and year = $2 and level = '3'`,
      [`S${evaluator.certificateCode}11000001`, 2000 + Number(year)],
    );
    expect(counter!.last_serial).toBe(900); // not 950: nothing of the rejected import counts
  });

  it('reads a file Excel saved in GB18030/GBK', async () => {
    const no = skillNo(evaluator);
    const text = csv([HEADER, ['1', no, '陈小春', '居民身份证', certResidentId('5604'), occupation.code, '', '四级', '2024-06-01']], { bom: false });
    const reply = await upload(token, gbk(text));
    expect(reply.body.import).toMatchObject({ status: 'committed', imported: 1 });
    const [row] = await sql<{ holder_name: string }>(`select holder_name from public.certificates where certificate_no = $1`, [no]);
    expect(row!.holder_name).toBe('陈小春');
  });

  it('refuses callers who are not that institution’s evaluator staff; admins name the institution', async () => {
    const text = csv([HEADER, ['1', skillNo(evaluator), '张三', '', certResidentId('5605'), occupation.code, '', '4', '2024-01-02']]);
    const [person, institution, other, admin, reviewer] = await Promise.all([
      worker(api, '5605'),
      staff(api, 'institution_staff', 'INS-001'),
      staff(api, 'evaluator_staff', 'EVA-001'),
      staff(api, 'admin'),
      staff(api, 'reviewer'),
    ]);
    expect((await upload(undefined, text)).status).toBe(401);
    expect((await upload(person.token, text)).status).toBe(403);
    expect((await upload(institution.token, text)).status).toBe(403);
    expect((await upload(reviewer.token, text)).status).toBe(403);
    const foreign = await upload(other.token, text, `?institution=${evaluator.code}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('not_allowed');
    const adminNoInstitution = await upload(admin.token, text);
    expect(adminNoInstitution.status).toBe(400);
    expect(adminNoInstitution.body.error.fields).toHaveProperty('institution');
    const byAdmin = await upload(admin.token, text, `?institution=${evaluator.code}`);
    expect(byAdmin.body.import).toMatchObject({ status: 'committed', imported: 1 });
  });

  it('refuses what is not a usable CSV: wrong type, empty, missing columns, broken quotes, too large, bad parameters', async () => {
    const json = await upload(token, '{"a":1}', '', 'application/json');
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('unsupported_media_type');
    const empty = await upload(token, '');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('invalid_csv');
    const missing = await upload(token, csv([['证书编号', '姓名'], ['S1', '张三']]));
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual({ header: '缺少：证件号码、职业编码、发证日期' });
    const broken = await upload(token, `${HEADER.join(',')}\n1,"S0001,张三\n`);
    expect(broken.status).toBe(400);
    expect(broken.body.error.fields.file).toMatch(/引号没有闭合/);
    const large = await upload(token, HEADER.join(',') + '\n' + 'x'.repeat(1024 * 1024 + 1));
    expect(large.status).toBe(413);
    expect(large.body.error.message).toMatch(/1 MB/);
    const params = await upload(token, csv([HEADER]), `?batch=${randomUUID()}&part=1`);
    expect(params.status).toBe(400);
    expect(params.body.error.fields).toHaveProperty('batch');
  });
});

/** GB18030 bytes for a text (what Excel writes for “CSV” on Chinese Windows), built from the platform's decoder. */
function gbk(text: string): Blob {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const code = table.get(ch);
      if (!code) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...code);
    }
  }
  return new Blob([new Uint8Array(bytes)]);
}
