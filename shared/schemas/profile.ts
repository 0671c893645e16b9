import { z } from 'zod';
import { DISTRICT_CODES } from '../rules/districts';
import { checkResidentId, ageOn } from '../rules/idNumber';
import { HOUSEHOLD_TYPES, ID_TYPES, MIN_AGE, PERSON_CATEGORIES } from '../rules/person';
import type { HouseholdType, IdType, PersonCategory } from '../rules/person';
import { beijingToday } from '../rules/time';

const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** Other ID types: passports, and permits whose 18-digit residence-permit form follows GB 11643. */
const OTHER_ID_PATTERNS: Record<Exclude<IdType, 'resident'>, RegExp> = {
  passport: /^[A-Z0-9]{5,17}$/,
  hk_macau: /^([HM]\d{8,10}|8[12]0000\d{11}[\dX])$/,
  taiwan: /^(\d{8}|830000\d{11}[\dX])$/,
};

/** Each field of 我的资料 on its own, so a form can check a field as soon as it is filled. */
export const profileFieldSchemas = {
  realName: z
    .string({ error: '请填写真实姓名' })
    .trim()
    .min(2, '姓名至少2个字')
    .max(30, '姓名太长了')
    .regex(/^[\u4e00-\u9fa5·A-Za-z\s]+$/, '姓名只能包含汉字、字母和间隔号'),
  idType: z.enum(keysOf(ID_TYPES), { error: '请选择证件类型' }),
  idNumber: z
    .string({ error: '请填写证件号码' })
    .trim()
    .min(1, '请填写证件号码')
    .max(32, '证件号码太长了')
    .transform((s) => s.replace(/\s+/g, '').toUpperCase()),
  mobile: z
    .string({ error: '请填写手机号' })
    .trim()
    .regex(/^1[3-9]\d{9}$/, '手机号应为11位，以1开头'),
  category: z.enum(keysOf(PERSON_CATEGORIES), { error: '请选择人员类别' }),
  district: z.enum(DISTRICT_CODES, { error: '请选择北京市的一个区' }),
  householdType: z.enum(keysOf(HOUSEHOLD_TYPES), { error: '请选择户籍类型' }),
};

/**
 * What is wrong with an ID number of a given type (normalised: no spaces, upper case), or
 * undefined when it is fine: format per type, and for 18-digit numbers the GB 11643 check, a real
 * birth date and the minimum age on `today`.
 */
export function idNumberProblem(idType: IdType, idNumber: string, today: string): string | undefined {
  if (idType !== 'resident' && !OTHER_ID_PATTERNS[idType].test(idNumber)) return `${ID_TYPES[idType]}号码格式不对`;
  if (idType !== 'resident' && idNumber.length !== 18) return undefined;
  const checked = checkResidentId(idNumber, today);
  if (!checked.ok) return checked.message;
  if (ageOn(checked.birthDate, today) < MIN_AGE) return `参加培训需年满${MIN_AGE}周岁`;
  return undefined;
}

/** What a person fills in on 我的资料; `today` is injectable so age rules can be tested at their boundaries. */
export function profileInputSchema(today: () => string = () => beijingToday()) {
  return z.strictObject(profileFieldSchemas).superRefine((p, ctx) => {
    const problem = idNumberProblem(p.idType, p.idNumber, today());
    if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: problem });
  });
}

export type ProfileInput = z.infer<ReturnType<typeof profileInputSchema>>;

/** The profile as every response shows it: ID number and phone masked. */
export interface Profile {
  realName: string;
  idType: IdType;
  idNumberMasked: string;
  mobileMasked: string;
  category: PersonCategory;
  district: string;
  householdType: HouseholdType;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  updatedAt: string;
}
