/**
 * Certificate import rows: the header, and the checks each row passes on its own (the database then
 * checks it against the register). Columns are found by name, in any order; unknown columns (序号,
 * 职业名称 …) are ignored.
 */
import {
  CERTIFICATE_LEVEL_NAMES,
  certificateNoProblem,
  ID_TYPES,
  idNumberProblem,
  maskIdNumber,
  normalizeCertificateNo,
  parseCertificateNo,
  type CertificateLevel,
  type CertificateType,
  type IdType,
} from '@jz/shared';
import { mapColumns, parseDate, squash } from '../csv';
import { encryptPersonal, lookupHash } from '../personalData';

export const IMPORT_COLUMNS = {
  certificateNo: { names: ['证书编号', 'certificateNo'], required: true },
  name: { names: ['姓名', '持证人姓名', 'name'], required: true },
  idType: { names: ['证件类型', 'idType'], required: false },
  idNumber: { names: ['证件号码', '身份证号', 'idNumber'], required: true },
  occupationCode: { names: ['职业编码', '职业（工种）编码', 'occupationCode'], required: true },
  direction: { names: ['工种/职业方向', '工种', '职业方向', 'direction'], required: false },
  level: { names: ['等级', '技能等级', 'level'], required: false },
  issuedOn: { names: ['发证日期', 'issuedOn'], required: true },
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;

/** The example header the template uses (the order of the columns is free). */
export const IMPORT_TEMPLATE_HEADER = '证书编号,姓名,证件类型,证件号码,职业编码,工种/职业方向,等级,发证日期';

/** Column index of every known column; the missing required ones are listed instead. */
export const mapHeader = (header: string[]) => mapColumns(header, IMPORT_COLUMNS);

const ID_TYPE_WORDS: Record<string, IdType> = {
  '': 'resident',
  resident: 'resident',
  居民身份证: 'resident',
  身份证: 'resident',
  passport: 'passport',
  护照: 'passport',
  hk_macau: 'hk_macau',
  港澳居民来往内地通行证: 'hk_macau',
  港澳居民居住证: 'hk_macau',
  taiwan: 'taiwan',
  台湾居民来往大陆通行证: 'taiwan',
  台湾居民居住证: 'taiwan',
};
for (const [key, label] of Object.entries(ID_TYPES)) ID_TYPE_WORDS[squash(label)] = key as IdType;

const LEVEL_WORDS: Record<string, CertificateLevel | 'special'> = {
  '': 'special',
  special: 'special',
  专项: 'special',
  专项职业能力: 'special',
  五级: '5',
  初级工: '5',
  初级: '5',
  四级: '4',
  中级工: '4',
  中级: '4',
  三级: '3',
  高级工: '3',
  高级: '3',
  二级: '2',
  技师: '2',
  一级: '1',
  高级技师: '1',
};
for (const [level, label] of Object.entries(CERTIFICATE_LEVEL_NAMES)) {
  LEVEL_WORDS[level] = level as CertificateLevel;
  LEVEL_WORDS[squash(label)] = level as CertificateLevel;
}

/** A row that passed the checks on its own, ID number sealed, as import_certificates takes it. */
export interface SealedImportRow {
  index: number;
  certificateNo: string;
  type: CertificateType;
  name: string;
  idType: IdType;
  idNumberEnc: string;
  idNumberHash: string;
  idNumberMasked: string;
  occupationCode: string;
  direction: string;
  level: CertificateLevel | 'special';
  issuedOn: string;
}

export type CheckedImportRow = SealedImportRow | { index: number; certificateNo: string; reason: string };

const NAME = /^[\u4e00-\u9fa5·•・．.A-Za-z\s]{2,30}$/;
const OCCUPATION_CODE = /^(\d-\d{2}-\d{2}-\d{2}|ZX-\d{2}-\d{3})$/;
const EARLIEST_ISSUE = '1990-01-01';

/** Checks one data row (index from 1 within the part); `today` is the Beijing date. */
export function checkImportRow(cells: string[], index: number, columns: Partial<Record<ImportColumn, number>>, today: string): CheckedImportRow {
  const cell = (key: ImportColumn) => {
    const i = columns[key];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const certificateNo = normalizeCertificateNo(cell('certificateNo'));
  const problems: string[] = [];

  const numberProblem = certificateNoProblem(certificateNo);
  if (numberProblem) problems.push(numberProblem);
  const parsed = numberProblem ? undefined : parseCertificateNo(certificateNo);

  // Chinese names are printed without spaces (李 小龙 → 李小龙); other names keep single spaces
  const rawName = cell('name').replace(/[\s\u3000]+/g, ' ');
  const name = /[\u4e00-\u9fa5]/.test(rawName) ? rawName.replace(/ /g, '') : rawName;
  if (!name) problems.push('缺少姓名');
  else if (!NAME.test(name)) problems.push('姓名应为2到30个汉字或字母');

  const idType = ID_TYPE_WORDS[squash(cell('idType'))];
  const idNumber = cell('idNumber').replace(/\s+/g, '').toUpperCase();
  if (!idType) problems.push('证件类型应为居民身份证、护照、港澳居民来往内地通行证或台湾居民来往大陆通行证');
  else if (!idNumber) problems.push('缺少证件号码');
  else {
    const problem = idNumberProblem(idType, idNumber, today);
    if (problem) problems.push(problem);
  }

  const occupationCode = cell('occupationCode').toUpperCase();
  if (!OCCUPATION_CODE.test(occupationCode)) problems.push('职业编码格式不对，应如 4-10-01-05 或 ZX-11-001');

  const levelWord = squash(cell('level'));
  const level = LEVEL_WORDS[levelWord];
  if (level === undefined) problems.push('等级应为五级/初级工…一级/高级技师（或1到5），专项职业能力留空');
  else if (parsed?.type === 'specialty' && level !== 'special') problems.push('专项职业能力证书没有等级，等级一栏请留空');
  else if (parsed && parsed.type !== 'specialty' && level === 'special') problems.push('缺少等级');
  else if (parsed?.type === 'skill_level' && level !== parsed.level) problems.push(`等级与证书编号中的等级（${parsed.level}）不一致`);

  const direction = cell('direction');
  const directionValue = direction === '--' || direction === '—' ? '' : direction;
  if (directionValue.length > 40) problems.push('工种/职业方向不能超过40个字');

  const issuedOn = parseDate(cell('issuedOn'));
  if (!cell('issuedOn')) problems.push('缺少发证日期');
  else if (!issuedOn) problems.push('发证日期不是有效日期，应如 2024-05-06');
  else if (issuedOn > today) problems.push('发证日期不能晚于今天');
  else if (issuedOn < EARLIEST_ISSUE) problems.push('发证日期太早了');
  else if (parsed?.type === 'skill_level' && issuedOn.slice(2, 4) !== parsed.year2) problems.push('发证年份与证书编号中的年份不一致');
  else if (parsed?.type === 'specialty' && Number(issuedOn.slice(0, 4)) !== parsed.year) problems.push('发证年份与证书编号中的年份不一致');

  if (problems.length || !parsed || !idType || level === undefined || !issuedOn) {
    return { index, certificateNo, reason: problems.join('；') || '这一行不完整' };
  }
  return {
    index,
    certificateNo,
    type: parsed.type,
    name,
    idType,
    idNumberEnc: encryptPersonal(idNumber),
    idNumberHash: lookupHash('id_number', idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    occupationCode,
    direction: directionValue,
    level,
    issuedOn,
  };
}
