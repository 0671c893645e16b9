/** Delivers the notification outbox as WeChat subscribe messages (the scheduled function's work). */
import { config } from '../config';
import { logError } from '../log';
import { serviceDb } from '../supabase';
import { sendSubscribeMessage } from '../wechat';
import { renderNotification } from './render';

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

interface ClaimedRow {
  id: number;
  user_id: string;
  openid: string;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
  template_id: string | null;
  page: string;
  consented: boolean;
}

type Outcome = 'sent' | 'retry' | 'failed' | 'skipped' | 'refused' | 'released';

/**
 * Claims up to `limit` due notifications, sends them one by one and records each outcome. Rows not
 * reached within `budgetMs` are released for the next run. No send starts after the budget, so the
 * claim's lease (budget + the slowest send: token, send, token refresh, send, each timing out, + a
 * minute) outlasts the run, and no other deliverer can take a row this one may still send.
 */
export async function deliverDueNotifications(limit: number, budgetMs: number): Promise<DeliveryReport> {
  const started = Date.now();
  const db = serviceDb();
  const leaseSeconds = Math.ceil((budgetMs + 4 * config.wechat.timeoutMs) / 1000) + 60;
  const claim = await db.rpc('claim_due_notifications', { p_limit: limit, p_lease: `${leaseSeconds} seconds` });
  if (claim.error) throw new Error(`claim_due_notifications: ${claim.error.message}`);
  const rows = (claim.data ?? []) as ClaimedRow[];
  const report: DeliveryReport = { claimed: rows.length, sent: 0, retried: 0, failed: 0, skipped: 0 };
  for (const [index, row] of rows.entries()) {
    const outOfTime = index > 0 && Date.now() - started > budgetMs;
    const [outcome, error] = outOfTime ? (['released'] as [Outcome]) : await deliverOne(row);
    const finished = await db.rpc('finish_notification', { p_id: row.id, p_outcome: outcome, p_error: error ?? null });
    if (finished.error) {
      // the lease runs out and the row is claimed again
      logError('-', 'finish_notification', finished.error);
      continue;
    }
    const status = finished.data as string;
    if (outcome === 'released') report.claimed -= 1;
    else if (status === 'sent') report.sent += 1;
    else if (status === 'pending') report.retried += 1;
    else if (status === 'failed') report.failed += 1;
    else report.skipped += 1;
  }
  return report;
}

async function deliverOne(row: ClaimedRow): Promise<[Outcome, string?]> {
  if (!row.template_id) return ['skipped', 'template_not_configured'];
  if (!row.consented) return ['skipped', 'no_consent'];
  if (!row.openid || row.openid.startsWith('dev:')) return ['skipped', 'no_wechat_account'];
  const rendered = renderNotification(row.event, row.payload);
  if (!rendered) return ['failed', `no_renderer:${row.event}`];
  const result = await sendSubscribeMessage({
    openid: row.openid,
    templateId: row.template_id,
    page: rendered.query ? `${row.page}?${rendered.query}` : row.page,
    data: rendered.data,
  });
  return result.outcome === 'sent' ? ['sent'] : [result.outcome, result.error];
}

/** Whether WeChat's server API can be called at all (else the outbox waits). */
export const deliveryConfigured = () => config.wechat.configured;
