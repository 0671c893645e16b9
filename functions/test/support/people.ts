/** Valid sample people for tests: ID numbers built with the real check character, unique per call. */
import { residentIdCheckChar } from '@jz/shared';

let serial = 0;

/** A valid resident ID number for a birth date (YYYYMMDD), area 110105 by default, unique per call. */
export function residentId(birth = '19850615', area = '110105'): string {
  serial = (serial + 1) % 1000;
  const seq = String((process.pid + serial * 7) % 1000).padStart(3, '0');
  const first17 = `${area}${birth}${seq}`;
  return first17 + residentIdCheckChar(first17);
}

export function validProfile(overrides: Record<string, unknown> = {}) {
  return {
    realName: '王小明',
    idType: 'resident',
    idNumber: residentId(),
    mobile: '13812341234',
    category: 'rural_migrant',
    district: '110105',
    householdType: 'other_rural',
    ...overrides,
  };
}
