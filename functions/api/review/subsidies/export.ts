import { subsidyExportInput } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { file, parseBody, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';
import { requireSubsidyReviewer } from '../../../lib/subsidies/access';
import { paymentCsv, type PaymentRow } from '../../../lib/subsidies/paymentCsv';

/**
 * 发放清单 CSV: publicised applications with their FULL 社保卡 accounts, for the bank. The only
 * response that carries an unmasked account; the database refuses any row outside the caller's scope.
 */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireSubsidyReviewer(session);
      const { ids } = parseBody(req, subsidyExportInput);
      const rows = await callRpc<PaymentRow[]>(session, 'subsidy_payment_batch', { p_ids: ids });
      return file(paymentCsv(rows), 'text/csv; charset=utf-8', {
        'Content-Disposition': `attachment; filename="subsidy-payment-${new Date().toISOString().slice(0, 10)}.csv"`,
        'Cache-Control': 'no-store',
      });
    },
  },
  'review/subsidies/export',
);
