/** Resident ID numbers (GB 11643-1999): structure, birth date and check character. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type ResidentIdResult =
  | { ok: true; birthDate: string; gender: 'male' | 'female'; areaCode: string }
  | { ok: false; reason: 'format' | 'birth_date' | 'check_digit'; message: string };

/** The check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Checks an 18-character resident ID number; `today` is YYYY-MM-DD in Beijing time. */
export function checkResidentId(raw: string, today: string): ResidentIdResult {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, reason: 'format', message: '身份证号应为18位，最后一位可以是数字或X' };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (y < 1800 || !isRealDate(y, m, d) || birthDate > today) {
    return { ok: false, reason: 'birth_date', message: '身份证号中的出生日期不正确，请核对' };
  }
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) {
    return { ok: false, reason: 'check_digit', message: '身份证号校验位不对，请核对后重新输入' };
  }
  const gender = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, birthDate, gender, areaCode: id.slice(0, 6) };
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). A Feb 29 birthday counts on Mar 1 in common years. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}
