/** Dates in the programme are Beijing dates, whatever the server's or phone's time zone. */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const BEIJING_TZ = 'Asia/Shanghai';

/**
 * Today's date in Beijing as YYYY-MM-DD. China keeps UTC+8 all year, so plain arithmetic does it,
 * which also works on phones whose JavaScript lacks Intl time zones.
 */
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

export { dayjs };
