/** Public certificate lookup: its rate limits (configurable) and the one query path for every answer. */
import type { VercelRequest } from '@vercel/node';
import type { CertificateLookupInput, CertificateLookupResult } from '@jz/shared';
import { lookupHash } from '../personalData';
import { enforceRateLimit, envInt, type RateRule } from '../rateLimit';
import { serviceRpc } from './db';

/** LOOKUP_RATE_PER_MINUTE (10) per LOOKUP_RATE_WINDOW_SECONDS (60), and LOOKUP_RATE_PER_DAY (100) per 24 hours. */
export function lookupRateRules(): RateRule[] {
  return [
    { windowSeconds: envInt('LOOKUP_RATE_WINDOW_SECONDS', 60), limit: envInt('LOOKUP_RATE_PER_MINUTE', 10) },
    { windowSeconds: 86400, limit: envInt('LOOKUP_RATE_PER_DAY', 100) },
  ];
}

export async function limitLookups(req: VercelRequest, userId: string | null): Promise<void> {
  await enforceRateLimit(req, {
    name: 'lookup',
    rules: lookupRateRules(),
    userId,
    message: '查询太频繁了，请{wait}后再试',
  });
}

/**
 * The matching certificates, masked. A wrong name, an unknown number or an unknown ID number all
 * take the same path and give the same answer: `{ items: [] }`.
 */
export function lookupCertificates(input: CertificateLookupInput): Promise<CertificateLookupResult> {
  return serviceRpc<CertificateLookupResult>('lookup_certificates', {
    p_name: input.name,
    p_certificate_no: input.by === 'number' ? input.certificateNo : null,
    p_id_type: input.by === 'id' ? input.idType : null,
    p_id_number_hash: input.by === 'id' ? lookupHash('id_number', input.idNumber) : null,
  });
}
