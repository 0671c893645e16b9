/** Dates in the programme are Beijing dates, whatever the server's or phone's time zone. */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const BEIJING_TZ = 'Asia/Shanghai';

/** Today's date in Beijing as YYYY-MM-DD. */
export function beijingToday(now: Date = new Date()): string {
  return dayjs(now).tz(BEIJING_TZ).format('YYYY-MM-DD');
}

export { dayjs };
