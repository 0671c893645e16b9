/**
 * Skill levels (职业技能等级, POLICY.md): 五级/初级工 … 一级/高级技师, written "四级/中级工"; the 2022
 * 新八级工 adds 学徒工 below and 特级技师, 首席技师 above; a 专项职业能力证书 has no level.
 * Codes are what the API and the database use: '5'…'1' (the digit also inside certificate numbers),
 * 'special' for 专项职业能力, and 'apprentice', 'principal', 'chief' for the extended ladder.
 */

export const CERTIFIABLE_LEVELS = ['5', '4', '3', '2', '1'] as const;
/** Levels a catalog project, class or evaluation session can lead to. */
export const CATALOG_LEVELS = [...CERTIFIABLE_LEVELS, 'special'] as const;
export const ALL_LEVELS = ['apprentice', ...CERTIFIABLE_LEVELS, 'principal', 'chief', 'special'] as const;

export type CertifiableLevel = (typeof CERTIFIABLE_LEVELS)[number];
export type CatalogLevel = (typeof CATALOG_LEVELS)[number];
export type SkillLevel = (typeof ALL_LEVELS)[number];

export interface LevelInfo {
  code: SkillLevel;
  /** As written on certificates and in notices, e.g. 四级/中级工. */
  label: string;
  /** Short form for chips and lists, e.g. 中级工. */
  short: string;
  /** 1 (lowest, 学徒工) … 8 (首席技师); null for 专项职业能力, which is not on the ladder. */
  rank: number | null;
  /** A national 职业技能等级证书 exists for it (五级 … 一级). */
  certificate: 'skill_level' | 'specialty' | null;
}

export const LEVELS: Record<SkillLevel, LevelInfo> = {
  apprentice: { code: 'apprentice', label: '学徒工', short: '学徒工', rank: 1, certificate: null },
  '5': { code: '5', label: '五级/初级工', short: '初级工', rank: 2, certificate: 'skill_level' },
  '4': { code: '4', label: '四级/中级工', short: '中级工', rank: 3, certificate: 'skill_level' },
  '3': { code: '3', label: '三级/高级工', short: '高级工', rank: 4, certificate: 'skill_level' },
  '2': { code: '2', label: '二级/技师', short: '技师', rank: 5, certificate: 'skill_level' },
  '1': { code: '1', label: '一级/高级技师', short: '高级技师', rank: 6, certificate: 'skill_level' },
  principal: { code: 'principal', label: '特级技师', short: '特级技师', rank: 7, certificate: null },
  chief: { code: 'chief', label: '首席技师', short: '首席技师', rank: 8, certificate: null },
  special: { code: 'special', label: '专项职业能力', short: '专项能力', rank: null, certificate: 'specialty' },
};

export function levelLabel(code: string): string | undefined {
  return (LEVELS as Record<string, LevelInfo>)[code]?.label;
}

export function isCatalogLevel(code: string): code is CatalogLevel {
  return (CATALOG_LEVELS as readonly string[]).includes(code);
}

/** The certificate a level leads to, as shown to people. */
export function certificateName(code: CatalogLevel): string {
  return code === 'special' ? '专项职业能力证书' : '职业技能等级证书';
}

/** True when `a` is a higher level than `b` on the ladder (专项职业能力 compares with nothing). */
export function isHigherLevel(a: SkillLevel, b: SkillLevel): boolean {
  const ra = LEVELS[a].rank;
  const rb = LEVELS[b].rank;
  return ra !== null && rb !== null && ra > rb;
}
