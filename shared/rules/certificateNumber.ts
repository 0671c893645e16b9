/**
 * Certificate numbers (POLICY.md), pure: format, parse, validate.
 *
 * - 职业技能等级证书 (人社鉴发〔2019〕2号), 22 characters `^[YS]\d{21}$`:
 *   Y (employer) / S (social evaluation organisation) · 4-digit institution code · 2-digit province
 *   (Beijing 11) · 6-digit site serial · 2-digit year · 1-digit level (1–5) · 6-digit serial.
 *   Example: S 0001 11 000001 26 4 000001 → `S000111000001264000001`.
 * - 专项职业能力证书: our own series, 16 characters `^ZX\d{14}$`:
 *   ZX · 4-digit year · 4-digit institution code · 6-digit serial, e.g. `ZX20260001000001`.
 * - 职业资格证书 (before 2019/2020, accepted by lookup and import only): 16 digits `^\d{16}$`.
 */

export type CertificateType = 'skill_level' | 'specialty' | 'qualification';
export type CertificateLevel = '5' | '4' | '3' | '2' | '1';

export const CERTIFICATE_TYPE_NAMES: Record<CertificateType, string> = {
  skill_level: '职业技能等级证书',
  specialty: '专项职业能力证书',
  qualification: '职业资格证书',
};

export const CERTIFICATE_LEVEL_NAMES: Record<CertificateLevel, string> = {
  '5': '五级/初级工',
  '4': '四级/中级工',
  '3': '三级/高级工',
  '2': '二级/技师',
  '1': '一级/高级技师',
};

export const SKILL_LEVEL_NO = /^[YS]\d{21}$/;
export const SPECIALTY_NO = /^ZX\d{14}$/;
export const QUALIFICATION_NO = /^\d{16}$/;
/** Beijing's province code inside level certificate numbers. */
export const BEIJING_PROVINCE_CODE = '11';

export type ParsedCertificateNo =
  | {
      type: 'skill_level';
      /** Y: employer (用人单位), S: social evaluation organisation (社会培训评价组织). */
      issuerKind: 'Y' | 'S';
      institutionCode: string;
      province: string;
      siteSerial: string;
      /** Two-digit year, e.g. 26. */
      year2: string;
      level: CertificateLevel;
      serial: number;
    }
  | { type: 'specialty'; year: number; institutionCode: string; serial: number }
  | { type: 'qualification' };

/** Upper case, spaces and dashes removed: how people type a number they read off paper. */
export function normalizeCertificateNo(raw: string): string {
  return raw.replace(/[\s-]+/g, '').toUpperCase();
}

/** The parts of a well-formed number (already normalised), or undefined. */
export function parseCertificateNo(no: string): ParsedCertificateNo | undefined {
  if (SKILL_LEVEL_NO.test(no)) {
    const level = no[15]!;
    if (!/^[1-5]$/.test(level)) return undefined;
    return {
      type: 'skill_level',
      issuerKind: no[0] as 'Y' | 'S',
      institutionCode: no.slice(1, 5),
      province: no.slice(5, 7),
      siteSerial: no.slice(7, 13),
      year2: no.slice(13, 15),
      level: level as CertificateLevel,
      serial: Number(no.slice(16)),
    };
  }
  if (SPECIALTY_NO.test(no)) {
    return { type: 'specialty', year: Number(no.slice(2, 6)), institutionCode: no.slice(6, 10), serial: Number(no.slice(10)) };
  }
  if (QUALIFICATION_NO.test(no)) return { type: 'qualification' };
  return undefined;
}

/** What is wrong with a number (normalised), in words for the person, or undefined when it is well formed. */
export function certificateNoProblem(no: string): string | undefined {
  if (no === '') return '请填写证书编号';
  if (/^[YS]/.test(no)) {
    if (!SKILL_LEVEL_NO.test(no)) return '职业技能等级证书编号应为Y或S加21位数字';
    if (!/^[1-5]$/.test(no[15]!)) return '证书编号中的等级位（第16位）应为1到5';
    if (Number(no.slice(16)) === 0) return '证书编号末6位流水号不能全为0';
    return undefined;
  }
  if (no.startsWith('ZX')) {
    if (!SPECIALTY_NO.test(no)) return '专项职业能力证书编号应为ZX加14位数字';
    const year = Number(no.slice(2, 6));
    if (year < 2000 || year > 2099) return '证书编号中的年份不正确';
    if (Number(no.slice(10)) === 0) return '证书编号末6位流水号不能全为0';
    return undefined;
  }
  if (QUALIFICATION_NO.test(no)) return undefined;
  return '证书编号格式不对：职业技能等级证书为Y或S加21位数字，专项职业能力证书为ZX加14位数字，职业资格证书为16位数字';
}

export interface SkillLevelNoParts {
  issuerKind: 'Y' | 'S';
  institutionCode: string;
  siteSerial: string;
  /** Full year of issue, e.g. 2026. */
  year: number;
  level: CertificateLevel;
  serial: number;
  province?: string;
}

const digits = (value: number | string, width: number, what: string): string => {
  const text = typeof value === 'number' ? String(value) : value;
  if (!/^\d+$/.test(text) || text.length > width) throw new RangeError(`${what} must be at most ${width} digits`);
  return text.padStart(width, '0');
};

/** The 职业技能等级证书 number for these parts. */
export function formatSkillLevelNo(p: SkillLevelNoParts): string {
  if (!/^\d{4}$/.test(p.institutionCode)) throw new RangeError('institution code must be 4 digits');
  if (!/^\d{6}$/.test(p.siteSerial)) throw new RangeError('site serial must be 6 digits');
  if (!/^[1-5]$/.test(p.level)) throw new RangeError('level must be 1–5');
  if (p.serial < 1) throw new RangeError('serial starts at 1');
  return `${p.issuerKind}${p.institutionCode}${p.province ?? BEIJING_PROVINCE_CODE}${p.siteSerial}${digits(p.year % 100, 2, 'year')}${p.level}${digits(p.serial, 6, 'serial')}`;
}

/** The 专项职业能力证书 number for these parts. */
export function formatSpecialtyNo(p: { year: number; institutionCode: string; serial: number }): string {
  if (!/^\d{4}$/.test(p.institutionCode)) throw new RangeError('institution code must be 4 digits');
  if (p.serial < 1) throw new RangeError('serial starts at 1');
  return `ZX${digits(p.year, 4, 'year')}${p.institutionCode}${digits(p.serial, 6, 'serial')}`;
}

/** Which kind of certificate a number belongs to, or undefined when it is not a valid number. */
export function certificateTypeOfNo(no: string): CertificateType | undefined {
  return parseCertificateNo(no)?.type;
}

/** Names compare without spaces and with one kind of middle dot (e.g. 买买提·艾力). */
export function normalizePersonName(name: string): string {
  return name.replace(/\s+/g, '').replace(/[•・．.]/g, '·');
}
