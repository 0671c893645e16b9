/** The 补贴 step of 我的 timeline follows the certificate's application. */
import { describe, expect, inject, it } from 'vitest';
import { apiClient } from '../support/api';
import { applicant, apply, certificateFor, staffOf, today } from './support';

const api = apiClient(inject('stackUrl'));

async function subsidyStep(token: string, occupationCode: string) {
  const reply = await api.get('/api/me/journey', { token });
  expect(reply.status).toBe(200);
  const journey = reply.body.items.find((j: { occupation: { code: string } }) => j.occupation.code === occupationCode);
  return journey.steps.find((s: { key: string }) => s.key === 'subsidy');
}

describe('journey 补贴 step', () => {
  it('is not started, then in progress with the amount, then failed with the reason', async () => {
    const p = await applicant(api);
    const cert = await certificateFor(p.userId, { level: '5' });
    expect(await subsidyStep(p.token, cert.occupation.code)).toMatchObject({ status: 'not_started', ref: null });

    const applied = await apply(api, p.token, cert.id);
    expect(await subsidyStep(p.token, cert.occupation.code)).toMatchObject({
      status: 'in_progress',
      date: today(),
      note: '已提交 1000元',
      ref: { applicationId: applied.body.application.id, certificateId: cert.id },
    });

    const reviewer = await staffOf(api, 'reviewer', '110105');
    await api.post(`/api/review/subsidies/${applied.body.application.id}/decision`, { decision: 'reject', reason: '材料不全' }, { token: reviewer.token });
    expect(await subsidyStep(p.token, cert.occupation.code)).toMatchObject({ status: 'failed', note: '未通过：材料不全' });
  });
});
