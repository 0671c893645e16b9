import { certificateLookupInputSchema } from '@jz/shared';
import { ok, parseBody, route } from '../../lib/http';
import { optionalSession } from '../../lib/certificates/access';
import { limitLookups, lookupCertificates } from '../../lib/certificates/lookup';

/**
 * 证书查询, open to everyone: `{certificateNo, name}` or `{idType, idNumber, name}` → the matching
 * certificates, holder masked. No match of any kind answers `{ items: [] }`, so nobody can learn
 * whether a number exists. Rate-limited per client address and per signed-in user (429 + Retry-After).
 */
export default route(
  {
    POST: async (req) => {
      const session = await optionalSession(req);
      const input = parseBody(req, certificateLookupInputSchema());
      await limitLookups(req, session?.userId ?? null);
      return ok(await lookupCertificates(input));
    },
  },
  'certificates/lookup',
);
