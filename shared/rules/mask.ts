/** Masking of personal data for every response: only the owner's own screen shows more. */

/** `110105194912310021` → `110105********0021`; other ID types keep their first 2 and last 2 characters. */
export function maskIdNumber(idNumber: string): string {
  const id = idNumber.trim().toUpperCase();
  if (id.length === 18) return `${id.slice(0, 6)}********${id.slice(14)}`;
  if (id.length <= 4) return '*'.repeat(id.length);
  return `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`;
}

/** `13812341234` → `138****1234`. */
export function maskMobile(mobile: string): string {
  const m = mobile.trim();
  if (m.length !== 11) return '*'.repeat(m.length);
  return `${m.slice(0, 3)}****${m.slice(7)}`;
}

/** Bank card numbers show only the last four digits: `**** **** **** 1234`. */
export function maskBankAccount(account: string): string {
  const digits = account.replace(/\s+/g, '');
  return `**** **** **** ${digits.slice(-4)}`;
}

/** `张三丰` → `张**`; names are masked wherever a stranger could see them. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  return chars[0] + '*'.repeat(chars.length - 1);
}
