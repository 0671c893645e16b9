import { maskBankAccount, subsidyApplicationInput, type SubsidyApplication } from '@jz/shared';
import { callRpc } from '../../lib/certificates/db';
import { ApiError } from '../../lib/errors';
import { created, parseBody, route } from '../../lib/http';
import { idempotencyKey } from '../../lib/idempotency';
import { encryptPersonal, lookupHash } from '../../lib/personalData';
import { requireSession } from '../../lib/session';
import { refusalOf, subsidyCheck } from '../../lib/subsidies/check';

/**
 * 申请补贴: submit_subsidy_application checks every rule under a lock on the person; when it
 * refuses, the pure rules explain the refusal in the applicant's terms.
 */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      const key = idempotencyKey(req, { required: true });
      const input = parseBody(req, subsidyApplicationInput);
      const result = await callRpc<{ application: SubsidyApplication } | null>(session, 'submit_subsidy_application', {
        p_certificate_id: input.certificateId,
        p_draws_pension: input.drawsPension,
        p_bank_account_enc: encryptPersonal(input.bankAccount),
        p_bank_account_hash: lookupHash('bank_account', input.bankAccount),
        p_bank_account_masked: maskBankAccount(input.bankAccount),
        p_idempotency_key: key,
      }).catch(async (error: unknown) => {
        // A rule refusal from the database: answer with the pure module's explanation of the same rule.
        if (error instanceof ApiError && error.code.startsWith('subsidy_rule_')) {
          const refusal = refusalOf(await subsidyCheck(session, input.certificateId, input.drawsPension));
          if (refusal) throw refusal;
        }
        throw error;
      });
      return created(result);
    },
  },
  'subsidies',
);
