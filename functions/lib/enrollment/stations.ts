/** Which station a staff request acts for: the caller's station_staff scope (or, for admins, the one named). */
import type { Station } from '@jz/shared';
import { throwDbError } from '../dbErrors';
import { ApiError, badRequest, forbidden } from '../errors';
import type { Session } from '../session';
import { userDb } from '../supabase';

interface StationRow {
  code: string;
  name: string;
  district: string;
  street: string;
  address: string;
  contact_name: string;
  contact_phone: string;
  districts: { name: string } | null;
}

/**
 * The station the caller works for: `requested` when given (it must be theirs unless they are an
 * admin), else their only station. Checked against the database's current role grants, not only the
 * token's (a revoked role stops working at once).
 */
export async function callerStation(session: Session, requested?: string): Promise<Station> {
  const own = session.roles.filter((g) => g.role === 'station_staff' && g.scope).map((g) => g.scope!);
  const isAdmin = session.roles.some((g) => g.role === 'admin');
  if (!own.length && !isAdmin) throw forbidden('只有服务站工作人员可以使用这个功能');
  const code = requested ?? (own.length === 1 ? own[0] : undefined);
  if (!code) {
    throw badRequest(own.length ? '您在多个服务站任职，请指定服务站' : '请指定服务站', { station: '请指定服务站编码' });
  }
  const db = userDb(session.token);
  const [allowed, admin, station] = await Promise.all([
    db.rpc('has_role', { p_role: 'station_staff', p_scope: code }),
    db.rpc('has_role', { p_role: 'admin' }),
    db
      .from('stations')
      .select('code, name, district, street, address, contact_name, contact_phone, districts(name)')
      .eq('code', code)
      .maybeSingle<StationRow>(),
  ]);
  for (const r of [allowed, admin, station]) if (r.error) throwDbError(r.error, 'station scope');
  if (allowed.data !== true && admin.data !== true) throw forbidden('您不是这个服务站的工作人员');
  if (!station.data) throw new ApiError(404, 'station_not_found', '找不到这个服务站');
  const s = station.data;
  return {
    code: s.code,
    name: s.name,
    district: s.district,
    districtName: s.districts?.name ?? '',
    street: s.street,
    address: s.address,
    contactName: s.contact_name,
    contactPhone: s.contact_phone,
  };
}
