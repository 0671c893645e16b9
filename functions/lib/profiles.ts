/** Profile rows as the API shows them: personal data only in masked form. */
import { checkResidentId, beijingToday, type Profile, type ProfileInput } from '@jz/shared';
import { maskIdNumber, maskMobile } from '@jz/shared';
import { encryptPersonal, lookupHash } from './personalData';

export const PROFILE_COLUMNS =
  'real_name, id_type, id_number_masked, mobile_masked, category, district, household_type, birth_date, gender, updated_at';

export interface ProfileRow {
  real_name: string;
  id_type: Profile['idType'];
  id_number_masked: string;
  mobile_masked: string;
  category: Profile['category'];
  district: string;
  household_type: Profile['householdType'];
  birth_date: string | null;
  gender: Profile['gender'];
  updated_at: string;
}

export function toProfile(row: ProfileRow): Profile {
  return {
    realName: row.real_name,
    idType: row.id_type,
    idNumberMasked: row.id_number_masked,
    mobileMasked: row.mobile_masked,
    category: row.category,
    district: row.district,
    householdType: row.household_type,
    birthDate: row.birth_date,
    gender: row.gender,
    updatedAt: row.updated_at,
  };
}

/** Arguments for `save_profile`: personal data sealed, hashed and masked before it leaves the API. */
export function saveProfileArgs(input: ProfileInput) {
  const resident = input.idNumber.length === 18 ? checkResidentId(input.idNumber, beijingToday()) : undefined;
  return {
    p_real_name: input.realName,
    p_id_type: input.idType,
    p_id_number_enc: encryptPersonal(input.idNumber),
    p_id_number_hash: lookupHash('id_number', input.idNumber),
    p_id_number_masked: maskIdNumber(input.idNumber),
    p_birth_date: resident?.ok ? resident.birthDate : null,
    p_gender: resident?.ok ? resident.gender : null,
    p_mobile_enc: encryptPersonal(input.mobile),
    p_mobile_hash: lookupHash('mobile', input.mobile),
    p_mobile_masked: maskMobile(input.mobile),
    p_category: input.category,
    p_district: input.district,
    p_household_type: input.householdType,
  };
}
