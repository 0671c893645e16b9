import { describe, expect, it } from 'vitest';
import {
  certificateNoProblem,
  certificateTypeOfNo,
  formatSkillLevelNo,
  formatSpecialtyNo,
  normalizeCertificateNo,
  normalizePersonName,
  parseCertificateNo,
} from '../rules/certificateNumber';
import { certificateImportQuery, certificateLookupInputSchema, evaluationResultsInput } from '../schemas/certificates';

describe('职业技能等级证书 numbers (人社鉴发〔2019〕2号)', () => {
  it('parses the POLICY.md example shape field by field', () => {
    expect(parseCertificateNo('S000111000123255000001')).toEqual({
      type: 'skill_level',
      issuerKind: 'S',
      institutionCode: '0001',
      province: '11',
      siteSerial: '000123',
      year2: '25',
      level: '5',
      serial: 1,
    });
  });

  it('formats Y/S + institution + 11 + site + yy + level + serial, 22 characters, and parses back', () => {
    const no = formatSkillLevelNo({ issuerKind: 'Y', institutionCode: '0042', siteSerial: '000007', year: 2026, level: '4', serial: 123 });
    expect(no).toBe('Y004211000007264000123');
    expect(no).toMatch(/^[YS]\d{21}$/);
    expect(parseCertificateNo(no)).toMatchObject({ issuerKind: 'Y', institutionCode: '0042', siteSerial: '000007', year2: '26', level: '4', serial: 123 });
    expect(certificateNoProblem(no)).toBeUndefined();
  });

  it('refuses impossible parts when formatting', () => {
    const base = { issuerKind: 'S' as const, institutionCode: '0001', siteSerial: '000001', year: 2026, level: '3' as const, serial: 1 };
    expect(() => formatSkillLevelNo({ ...base, institutionCode: '12345' })).toThrow(RangeError);
    expect(() => formatSkillLevelNo({ ...base, siteSerial: '1' })).toThrow(RangeError);
    expect(() => formatSkillLevelNo({ ...base, serial: 0 })).toThrow(RangeError);
    expect(() => formatSkillLevelNo({ ...base, serial: 1_000_000 })).toThrow(RangeError);
  });

  it('explains what is wrong with a malformed number', () => {
    expect(certificateNoProblem('S00011100012325500000')).toMatch(/21位数字/); // one digit short
    expect(certificateNoProblem('S000111000123256000001')).toMatch(/等级位/); // level 6
    expect(certificateNoProblem('S000111000123250000001')).toMatch(/等级位/); // level 0
    expect(certificateNoProblem('S000111000123255000000')).toMatch(/流水号/);
    expect(certificateNoProblem('X000111000123255000001')).toMatch(/格式不对/);
    expect(certificateNoProblem('')).toBe('请填写证书编号');
    expect(parseCertificateNo('S000111000123256000001')).toBeUndefined();
  });
});

describe('专项职业能力证书 and legacy 职业资格证书 numbers', () => {
  it('formats and parses ZX + year + institution + serial', () => {
    const no = formatSpecialtyNo({ year: 2026, institutionCode: '0001', serial: 5 });
    expect(no).toBe('ZX20260001000005');
    expect(parseCertificateNo(no)).toEqual({ type: 'specialty', year: 2026, institutionCode: '0001', serial: 5 });
    expect(certificateNoProblem(no)).toBeUndefined();
    expect(certificateNoProblem('ZX2026000100000')).toMatch(/ZX加14位/);
    expect(certificateNoProblem('ZX18990001000001')).toMatch(/年份/);
  });

  it('accepts 16-digit 职业资格证书 numbers (lookup and import only)', () => {
    expect(certificateTypeOfNo('1511000000300123')).toBe('qualification');
    expect(certificateNoProblem('1511000000300123')).toBeUndefined();
    expect(certificateNoProblem('151100000030012')).toMatch(/格式不对/);
  });

  it('normalises what people type: spaces, dashes, lower case', () => {
    expect(normalizeCertificateNo(' s0001 1100 0123-255000001 ')).toBe('S000111000123255000001');
    expect(normalizeCertificateNo('zx2026 0001 000005')).toBe('ZX20260001000005');
  });

  it('compares names without spaces and with one kind of middle dot', () => {
    expect(normalizePersonName(' 买买提•艾力 ')).toBe('买买提·艾力');
    expect(normalizePersonName('王 小明')).toBe('王小明');
  });
});

describe('input schemas', () => {
  const lookup = certificateLookupInputSchema(() => '2026-11-25');

  it('lookup takes a number and a name, or an ID type, ID number and name', () => {
    expect(lookup.parse({ certificateNo: 's000111000123255000001', name: '张三' })).toEqual({
      by: 'number',
      name: '张三',
      certificateNo: 'S000111000123255000001',
    });
    expect(lookup.parse({ idType: 'resident', idNumber: '11010519491231002x', name: '张三' })).toEqual({
      by: 'id',
      name: '张三',
      idType: 'resident',
      idNumber: '11010519491231002X',
    });
  });

  it('lookup refuses both keys, neither key, a bad number and a bad check digit, per field', () => {
    const issues = (v: unknown) => lookup.safeParse(v).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ certificateNo: 'S000111000123255000001', idType: 'resident', idNumber: '11010519491231002X', name: '张三' })).toEqual(['certificateNo']);
    expect(issues({ name: '张三' })).toEqual(['certificateNo']);
    expect(issues({ certificateNo: '123', name: '张三' })).toEqual(['certificateNo']);
    expect(issues({ idType: 'resident', idNumber: '110105194912310021', name: '张三' })).toEqual(['idNumber']);
    expect(issues({ idNumber: '11010519491231002X', name: '张三' })).toEqual(['idType']);
    expect(issues({ certificateNo: 'S000111000123255000001' })).toEqual(['name']);
  });

  it('results refuse a score for an absent candidate and the same candidate twice', () => {
    const id = '7d1c3c0e-4d43-4c36-9a55-3c1f3b0e2a11';
    expect(evaluationResultsInput.safeParse({ results: [{ registrationId: id, outcome: 'absent', score: 50 }] }).error?.issues[0]?.path).toEqual([
      'results',
      0,
      'score',
    ]);
    const twice = evaluationResultsInput.safeParse({ results: [{ registrationId: id, outcome: 'pass' }, { registrationId: id, outcome: 'fail' }] });
    expect(twice.error?.issues[0]?.path).toEqual(['results', 1, 'registrationId']);
    expect(evaluationResultsInput.safeParse({ results: [{ registrationId: id, outcome: 'pass', score: 88.5 }] }).success).toBe(true);
    expect(evaluationResultsInput.safeParse({ results: [{ registrationId: id, outcome: 'pass', score: 88.55 }] }).success).toBe(false);
  });

  it('import parameters come all three (batch, part, of) or not at all', () => {
    const batch = '7d1c3c0e-4d43-4c36-9a55-3c1f3b0e2a11';
    expect(certificateImportQuery.parse({})).toEqual({});
    expect(certificateImportQuery.parse({ batch, part: '2', of: '3', partial: '1' })).toEqual({ batch, part: 2, of: 3, partial: true });
    expect(certificateImportQuery.safeParse({ batch, part: '2' }).success).toBe(false);
    expect(certificateImportQuery.safeParse({ batch, part: '4', of: '3' }).success).toBe(false);
    expect(certificateImportQuery.safeParse({ batch, part: '1', of: '101' }).success).toBe(false);
  });
});
