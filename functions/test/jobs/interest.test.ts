/** 我感兴趣: consent rules, who sees the interested people (and their phone), idempotent repeats, withdrawal. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { expectRefusal } from '../supply/support';
import { account, createOccupation, createStation, postJob, workerWithProfile, type Account } from './support';

const api = apiClient(inject('stackUrl'));

let jobId: string;
let station: Account;
let otherStation: Account;
let chaoyangReviewer: Account;
let haidianReviewer: Account;
let consenting: Account & { mobile: string };
let private_: Account & { mobile: string };

const interest = (token: string | undefined, id: string, body: unknown) => api.post(`/api/jobs/${id}/interest`, body, token ? { token } : {});
const withdraw = (token: string, id: string) => api.call('DELETE', `/api/jobs/${id}/interest`, { token });
const interested = (token: string, id = jobId) => api.get(`/api/jobs/${id}/interested`, { token });

beforeAll(async () => {
  const occupation = await createOccupation();
  const [code, otherCode] = await Promise.all([createStation('110105'), createStation('110105')]);
  [station, otherStation, chaoyangReviewer, haidianReviewer, consenting, private_] = await Promise.all([
    account(api, [{ role: 'station_staff', scope: code }]),
    account(api, [{ role: 'station_staff', scope: otherCode }]),
    account(api, [{ role: 'reviewer', scope: '110105' }]),
    account(api, [{ role: 'reviewer', scope: '110108' }]),
    workerWithProfile(api),
    workerWithProfile(api),
  ]);
  jobId = await postJob(api, station.token, occupation.code);
});

describe('marking interest', () => {
  it('refuses the anonymous, a missing or non-boolean consent (naming the field) and unknown jobs', async () => {
    expect((await interest(undefined, jobId, { consentToShareContact: true })).status).toBe(401);
    for (const body of [{}, { consentToShareContact: 'yes' }, { consentToShareContact: true, extra: 1 }]) {
      const reply = await interest(consenting.token, jobId, body);
      expectRefusal(reply, 400, 'invalid_input');
    }
    expect((await interest(consenting.token, jobId, {})).body.error.fields).toHaveProperty('consentToShareContact');
    expectRefusal(await interest(consenting.token, '00000000-0000-4000-8000-000000000000', { consentToShareContact: true }), 404, 'job_not_found');
  });

  it('with consent gives the job contact and shares the person; a repeat changes nothing', async () => {
    const first = await interest(consenting.token, jobId, { consentToShareContact: true });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ interest: { jobId, consentToShareContact: true }, contact: { name: '刘经理', phone: '13700001111' } });
    const again = await interest(consenting.token, jobId, { consentToShareContact: true });
    expect(again.body).toEqual(first.body);
    expect(await sql('select count(*)::int as n from public.job_interests where job_id = $1 and user_id = $2', [jobId, consenting.userId])).toEqual([{ n: 1 }]);
    const detail = await api.get(`/api/jobs/${jobId}`, { token: consenting.token });
    expect(detail.body.job).toMatchObject({ myInterest: { consentToShareContact: true }, contact: { phone: '13700001111' } });
  });

  it('without consent records interest but shares nothing either way', async () => {
    const reply = await interest(private_.token, jobId, { consentToShareContact: false });
    expect(reply.body).toMatchObject({ interest: { consentToShareContact: false }, contact: null });
    const detail = await api.get(`/api/jobs/${jobId}`, { token: private_.token });
    expect(detail.body.job).toMatchObject({ myInterest: { consentToShareContact: false }, contact: null });
    expect(JSON.stringify(detail.body)).not.toContain('13700001111');
  });

  it('asks for a profile before consenting, and refuses closed jobs', async () => {
    const noProfile = await account(api);
    expectRefusal(await interest(noProfile.token, jobId, { consentToShareContact: true }), 422, 'interest_profile_incomplete');
    expect((await interest(noProfile.token, jobId, { consentToShareContact: false })).status).toBe(200);
    const occupation = await createOccupation();
    const closed = await postJob(api, station.token, occupation.code);
    await api.post(`/api/jobs/${closed}/close`, {}, { token: station.token });
    expectRefusal(await interest(consenting.token, closed, { consentToShareContact: true }), 409, 'job_closed');
  });
});

describe('the interested list', () => {
  it('shows the posting station and the district reviewer the consenting people with their phone, and only counts the rest', async () => {
    for (const viewer of [station, chaoyangReviewer]) {
      const reply = await interested(viewer.token);
      expect(reply.status).toBe(200);
      const item = reply.body.items.find((p: { userId: string }) => p.userId === consenting.userId);
      expect(item).toMatchObject({ name: '王小明', mobile: consenting.mobile, district: '110105' });
      expect(reply.body.items.some((p: { userId: string }) => p.userId === private_.userId)).toBe(false);
      expect(JSON.stringify(reply.body)).not.toContain(private_.mobile);
      expect(JSON.stringify(reply.body)).not.toContain('mobileEnc');
      expect(reply.body.withoutConsent).toBe(2);
    }
  });

  it('refuses other stations, other districts, workers and the anonymous', async () => {
    expectRefusal(await interested(otherStation.token), 403, 'not_allowed');
    expectRefusal(await interested(haidianReviewer.token), 403, 'not_allowed');
    expectRefusal(await interested(consenting.token), 403, 'not_allowed');
    expect((await api.get(`/api/jobs/${jobId}/interested`)).status).toBe(401);
  });

  it('forgets a person who withdraws; withdrawing again is harmless', async () => {
    expect((await withdraw(consenting.token, jobId)).body).toEqual({ withdrawn: true });
    expect((await withdraw(consenting.token, jobId)).body).toEqual({ withdrawn: false });
    const reply = await interested(station.token);
    expect(reply.body.items.some((p: { userId: string }) => p.userId === consenting.userId)).toBe(false);
    const detail = await api.get(`/api/jobs/${jobId}`, { token: consenting.token });
    expect(detail.body.job).toMatchObject({ myInterest: null, contact: null });
  });

  it('keeps one row when the same person marks interest twice at once', async () => {
    const replies = await Promise.all([1, 2, 3].map(() => interest(consenting.token, jobId, { consentToShareContact: true })));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await sql('select count(*)::int as n from public.job_interests where job_id = $1 and user_id = $2', [jobId, consenting.userId])).toEqual([{ n: 1 }]);
  });
});
