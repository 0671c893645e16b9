/**
 * Demand import rows: the Chinese header (as on the 企业申报 form), and the checks each row passes on
 * its own with the same shared schema as a declaration; the database then checks each row against
 * the register and the reviewer's districts (import_demands).
 */
import { BEIJING_DISTRICTS, DEMAND_SOURCES, demandDeclarationInput, fieldErrors, LEVELS, type DemandImportProblem } from '@jz/shared';
import { mapColumns, parseDate, squash, type ColumnSpec } from '../csv';

export const DEMAND_IMPORT_COLUMNS = {
  enterpriseName: { names: ['企业名称', 'enterpriseName'], required: true },
  creditCode: { names: ['统一社会信用代码', '信用代码', 'creditCode'], required: true },
  contactName: { names: ['联系人', 'contactName'], required: true },
  contactPhone: { names: ['联系电话', '手机号', 'contactPhone'], required: true },
  occupation: { names: ['职业编码', '拟培训职业编码', '职业', 'occupation'], required: true },
  level: { names: ['技能等级', '等级', 'level'], required: false },
  headcount: { names: ['需要人数', '用工数量', 'headcount'], required: true },
  skills: { names: ['技能要求', 'skills'], required: true },
  district: { names: ['所在区', '用工所在区', 'district'], required: true },
  wantedBy: { names: ['希望到岗日期', '用工时间', 'wantedBy'], required: true },
  payMin: { names: ['最低月薪', 'payMin'], required: false },
  payMax: { names: ['最高月薪', 'payMax'], required: false },
  source: { names: ['来源', 'source'], required: false },
} as const satisfies Record<string, ColumnSpec>;
export type DemandImportColumn = keyof typeof DEMAND_IMPORT_COLUMNS;

/** The example header of the template (the order of the columns is free). */
export const DEMAND_IMPORT_HEADER = Object.values(DEMAND_IMPORT_COLUMNS)
  .map((c) => c.names[0])
  .join(',');

export const mapDemandHeader = (header: string[]) => mapColumns(header, DEMAND_IMPORT_COLUMNS);

const LEVEL_WORDS: Record<string, string> = { '': '' };
for (const code of ['5', '4', '3', '2', '1', 'special'] as const) {
  const info = LEVELS[code];
  for (const word of [code, info.label, info.short, ...info.label.split('/')]) LEVEL_WORDS[squash(word)] = code;
}
LEVEL_WORDS[squash('专项')] = 'special';

const DISTRICT_WORDS: Record<string, string> = {};
for (const d of BEIJING_DISTRICTS) {
  DISTRICT_WORDS[d.code] = d.code;
  DISTRICT_WORDS[squash(d.name)] = d.code;
  DISTRICT_WORDS[squash(d.name.replace(/区$/, ''))] = d.code;
}

/** Imported demands come from the district's own collection: a notice (default), a service package or an enterprise's own declaration. */
const SOURCE_WORDS: Record<string, string> = { '': 'notice' };
for (const [key, label] of Object.entries(DEMAND_SOURCES)) {
  if (key === 'station') continue; // a station's demands carry its code: declared through the station, not imported
  SOURCE_WORDS[key] = key;
  SOURCE_WORDS[squash(label)] = key;
}

/** A row that passed the checks on its own, as import_demands takes it. */
export interface CheckedDemandRow {
  row: number;
  enterpriseName: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  occupation: string;
  level: string | null;
  headcount: number;
  skills: string;
  district: string;
  wantedBy: string;
  payMin: number | null;
  payMax: number | null;
  source: string;
}

const numberOrText = (raw: string): number | string | undefined => (raw === '' ? undefined : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw);

/** Checks one data row; `row` is its spreadsheet row number (the header is row 1). */
export function checkDemandRow(
  cells: string[],
  row: number,
  columns: Partial<Record<DemandImportColumn, number>>,
): { ok: true; value: CheckedDemandRow } | { ok: false; problems: DemandImportProblem[] } {
  const cell = (key: DemandImportColumn) => {
    const i = columns[key];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const problems: DemandImportProblem[] = [];
  const problem = (field: string, message: string) =>
    problems.push({ row, field, ...(field in DEMAND_IMPORT_COLUMNS ? { column: DEMAND_IMPORT_COLUMNS[field as DemandImportColumn].names[0] } : {}), message });

  const level = LEVEL_WORDS[squash(cell('level'))];
  if (level === undefined) problem('level', '技能等级应为五级/初级工…一级/高级技师（或1到5）、专项职业能力，或留空');
  const district = DISTRICT_WORDS[squash(cell('district'))];
  const wantedBy = parseDate(cell('wantedBy'));
  if (cell('wantedBy') && !wantedBy) problem('wantedBy', '日期不是有效日期，应如 2026-12-01');
  const source = SOURCE_WORDS[squash(cell('source'))];
  if (source === undefined) problem('source', '来源应为征集通知、企业服务包或企业自主申报（留空为征集通知）');

  const parsed = demandDeclarationInput.safeParse({
    enterpriseName: cell('enterpriseName'),
    creditCode: cell('creditCode'),
    contactName: cell('contactName'),
    contactPhone: cell('contactPhone'),
    occupation: cell('occupation').toUpperCase(),
    ...(level ? { level } : {}),
    headcount: numberOrText(cell('headcount')),
    skills: cell('skills'),
    district: district ?? cell('district'),
    wantedBy: wantedBy ?? (cell('wantedBy') || undefined),
    ...(cell('payMin') ? { payMin: numberOrText(cell('payMin')) } : {}),
    ...(cell('payMax') ? { payMax: numberOrText(cell('payMax')) } : {}),
  });
  if (!parsed.success) {
    for (const [field, message] of Object.entries(fieldErrors(parsed.error))) {
      if (!problems.some((p) => p.field === field)) problem(field, message);
    }
  }
  if (!parsed.success || problems.length) return { ok: false, problems };
  const v = parsed.data;
  return {
    ok: true,
    value: {
      row,
      enterpriseName: v.enterpriseName,
      creditCode: v.creditCode,
      contactName: v.contactName,
      contactPhone: v.contactPhone,
      occupation: v.occupation,
      level: v.level ?? null,
      headcount: v.headcount,
      skills: v.skills,
      district: v.district,
      wantedBy: v.wantedBy,
      payMin: v.payMin ?? null,
      payMax: v.payMax ?? null,
      source: source!,
    },
  };
}
