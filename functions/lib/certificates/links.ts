/** The public verification link a certificate's QR code carries. */
import type { VercelRequest } from '@vercel/node';
import { CERTIFICATE_VERIFY_PAGE } from '@jz/shared';
import { config } from '../config';

/** Origin of the H5 app: PUBLIC_APP_URL, else the origin this request came to. */
export function appOrigin(req: VercelRequest): string {
  if (config.publicAppUrl) return config.publicAppUrl.replace(/\/+$/, '');
  const header = (name: string) => {
    const v = req.headers[name];
    return (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
  };
  return `${header('x-forwarded-proto') ?? 'http'}://${header('x-forwarded-host') ?? header('host') ?? 'localhost'}`;
}

/** e.g. https://example.cn/pages/verify/index?token=… (the H5 build uses the browser router, the weapp the same page path). */
export function verifyUrl(req: VercelRequest, token: string): string {
  const url = new URL(`/${CERTIFICATE_VERIFY_PAGE}`, `${appOrigin(req)}/`);
  url.searchParams.set('token', token);
  return url.toString();
}
