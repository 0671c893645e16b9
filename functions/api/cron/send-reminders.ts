import { requireCronSecret } from '../../lib/cron';
import { throwDbError } from '../../lib/dbErrors';
import { ok, route, type Handler } from '../../lib/http';
import { serviceDb } from '../../lib/supabase';

interface Queued {
  day: string;
  classReminders: number;
  evaluationReminders: number;
}

/**
 * Queues tomorrow's reminders (first class day, evaluation sittings) into the outbox; the deliverer
 * sends them. Safe to run more than once a day: each reminder can be queued only once.
 */
const queue: Handler = async (req) => {
  requireCronSecret(req);
  const { data, error } = await serviceDb().rpc('queue_day_before_reminders', {});
  if (error) throwDbError(error, 'queue_day_before_reminders');
  return ok(data as Queued);
};

/** Daily at 10:00 Beijing time (functions/vercel.json: 02:00 UTC), so people hear the day before. */
export default route({ GET: queue, POST: queue }, 'cron/send-reminders');
