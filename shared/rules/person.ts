/** Person categories and household types, with the words people see. */

/** The four key groups of the programme's subsidy (POLICY.md), plus employees and everyone else. */
export const PERSON_CATEGORIES = {
  rural_migrant: '农村转移就业劳动者',
  unemployed_graduate: '离校未就业高校毕业生',
  registered_unemployed: '登记失业人员',
  hard_to_employ: '就业困难人员',
  employee: '企业职工',
  other: '其他',
} as const;
export type PersonCategory = keyof typeof PERSON_CATEGORIES;

export const HOUSEHOLD_TYPES = {
  beijing_urban: '本市城镇户籍',
  beijing_rural: '本市农村户籍',
  other_urban: '外省市城镇户籍',
  other_rural: '外省市农村户籍',
} as const;
export type HouseholdType = keyof typeof HOUSEHOLD_TYPES;

export const ID_TYPES = {
  resident: '居民身份证',
  passport: '护照',
  hk_macau: '港澳居民来往内地通行证/居住证',
  taiwan: '台湾居民来往大陆通行证/居住证',
} as const;
export type IdType = keyof typeof ID_TYPES;

export const MIN_AGE = 16;
