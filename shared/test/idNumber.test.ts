import { describe, expect, it } from 'vitest';
import { ageOn, checkResidentId, residentIdCheckChar } from '../rules/idNumber';
import { maskIdNumber, maskMobile } from '../rules/mask';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the policy examples and reads birth date and gender', () => {
    expect(checkResidentId('11010519491231002X', '2026-11-25')).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      gender: 'female',
      areaCode: '110105',
    });
    expect(checkResidentId('440524188001010014', '2026-11-25')).toMatchObject({ ok: true, gender: 'male' });
  });

  it('accepts a lower-case x and surrounding spaces', () => {
    expect(checkResidentId(' 11010519491231002x ', '2026-11-25').ok).toBe(true);
  });

  it('computes the check character from the weights', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });

  it.each([
    ['110105194912310021', 'check_digit'],
    ['11010519491231002', 'format'],
    ['11010519491231002Y', 'format'],
    ['110105194902300028', 'birth_date'],
    ['110105209901010010', 'birth_date'],
  ])('refuses %s (%s)', (id, reason) => {
    expect(checkResidentId(id, '2026-11-25')).toMatchObject({ ok: false, reason });
  });

  it('counts age in whole years, a Feb 29 birthday turning over on Mar 1', () => {
    expect(ageOn('2010-11-25', '2026-11-25')).toBe(16);
    expect(ageOn('2010-11-26', '2026-11-25')).toBe(15);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('masks ID numbers and phones', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskMobile('13812341234')).toBe('138****1234');
  });
});

describe('beijingToday', () => {
  it('is the Beijing date, a day ahead of UTC after 16:00 UTC', async () => {
    const { beijingToday } = await import('../rules/time');
    expect(beijingToday(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
    expect(beijingToday(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
    expect(beijingToday(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });
});
