/**
 * Cache-Control for public catalog answers: anyone may cache them (no personal data), briefly in the
 * phone, longer in the CDN, and serve a stale copy while refreshing. Seat counts move with every
 * enrollment, so lists with seats stay short-lived; reference data (salary, whitelists) lives longer.
 */
export const CACHE_LISTS = { 'Cache-Control': 'public, max-age=30, s-maxage=60, stale-while-revalidate=300' };
export const CACHE_REFERENCE = { 'Cache-Control': 'public, max-age=300, s-maxage=3600, stale-while-revalidate=86400' };
