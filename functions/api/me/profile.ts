import { profileInputSchema } from '@jz/shared';
import { throwDbError } from '../../lib/dbErrors';
import { ok, parseBody, route } from '../../lib/http';
import { PROFILE_COLUMNS, saveProfileArgs, toProfile, type ProfileRow } from '../../lib/profiles';
import { requireSession } from '../../lib/session';
import { userDb } from '../../lib/supabase';

/** The caller's own real-name profile; ID number and phone only ever leave masked. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const { data, error } = await userDb(session.token)
        .from('profiles')
        .select(PROFILE_COLUMNS)
        .eq('user_id', session.userId)
        .maybeSingle<ProfileRow>();
      if (error) throwDbError(error, 'profile read');
      return ok({ profile: data ? toProfile(data) : null });
    },
    PUT: async (req) => {
      const session = await requireSession(req);
      const input = parseBody(req, profileInputSchema());
      const { data, error } = await userDb(session.token).rpc('save_profile', saveProfileArgs(input)).single<ProfileRow>();
      if (error) throwDbError(error, 'save_profile');
      return ok({ profile: toProfile(data) });
    },
  },
  'me/profile',
);
