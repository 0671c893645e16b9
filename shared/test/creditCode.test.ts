import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckChar } from '../rules/creditCode';

describe('unified social credit codes (GB 32100)', () => {
  it('accepts the policy example, forgiving case and spaces', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(checkCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });

  it('computes the check character from the weights, 31 mapping to 0', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // Σ mod 31 = 0 gives C = 31, written 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it.each([
    ['91350100M000100Y44', 'check_char'],
    ['91350100M000100Y4', 'format'],
    ['91350100M000100I43', 'format'],
    ['91350100M00O100Y43', 'format'],
    ['91350100M000100Y4Z', 'format'],
  ])('refuses %s (%s)', (code, reason) => {
    expect(checkCreditCode(code)).toMatchObject({ ok: false, reason });
  });
});
