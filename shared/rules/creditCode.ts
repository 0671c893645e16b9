/** Unified social credit codes (统一社会信用代码, GB 32100-2015): alphabet and check character. */

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeResult =
  | { ok: true; code: string }
  | { ok: false; reason: 'format' | 'check_char'; message: string };

/** The check character for the first 17 characters (which must already be from the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  const c = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET[c === 31 ? 0 : c]!;
}

/** Checks an 18-character credit code; spaces around it and lower case are forgiven. */
export function checkCreditCode(raw: string): CreditCodeResult {
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
    return { ok: false, reason: 'format', message: '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）' };
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return { ok: false, reason: 'check_char', message: '统一社会信用代码校验位不对' };
  }
  return { ok: true, code };
}
