import { beijingToday } from '@jz/shared';
import { describe, expect, inject, it } from 'vitest';
import { apiClient } from '../support/api';
import {
  certifiedWorker,
  completedTraining,
  createOccupation,
  createSession,
  recordResults,
  sessionHasStarted,
  signUp,
  staff,
  worker,
} from './support';

const api = apiClient(inject('stackUrl'));
const statuses = (journey: any) => Object.fromEntries(journey.steps.map((s: any) => [s.key, s.status]));
const daysAgo = (n: number) => beijingToday(new Date(Date.now() - n * 86400_000));

describe('GET /api/me/journey', () => {
  it('follows a trained person from sign-up to certificate, each step dated, subsidy still to come', async () => {
    const { person, session, certificate } = await certifiedWorker(api, '5701');
    const reply = await api.get('/api/me/journey', { token: person.token });
    expect(reply.status).toBe(200);
    expect(reply.body.items).toHaveLength(1);
    const [journey] = reply.body.items;
    expect(journey).toMatchObject({
      occupation: { code: session.occupation.code, name: session.occupation.name },
      level: '4',
      currentStep: 'subsidy',
    });
    expect(journey.steps.map((s: any) => [s.key, s.label, s.status])).toEqual([
      ['enroll', '报名', 'done'],
      ['checkin', '签到', 'done'],
      ['complete', '结业', 'done'],
      ['evaluation_signup', '评价报名', 'done'],
      ['evaluation_result', '评价结果', 'done'],
      ['certificate', '取证', 'done'],
      ['subsidy', '补贴', 'not_started'],
    ]);
    const step = (key: string) => journey.steps.find((s: any) => s.key === key);
    expect(step('enroll').date).toBe(daysAgo(30));
    expect(step('checkin').date).toBe(daysAgo(20));
    expect(step('complete').date).toBe(daysAgo(5));
    expect(step('evaluation_result')).toMatchObject({ date: beijingToday(), note: '合格 88分' });
    expect(step('certificate')).toMatchObject({ date: beijingToday(), note: certificate.certificateNo, ref: { certificateId: certificate.id } });
    expect(step('subsidy')).toMatchObject({ date: null, note: null, ref: null });
  });

  it('skips the training steps of a self-study candidate and shows the result as pending', async () => {
    const s = await createSession({ selfStudy: true });
    const person = await worker(api, '5701');
    await signUp(api, person.token, s.id);
    const [journey] = (await api.get('/api/me/journey', { token: person.token })).body.items;
    expect(statuses(journey)).toEqual({
      enroll: 'skipped',
      checkin: 'skipped',
      complete: 'skipped',
      evaluation_signup: 'done',
      evaluation_result: 'in_progress',
      certificate: 'not_started',
      subsidy: 'not_started',
    });
    expect(journey.currentStep).toBe('evaluation_result');
    expect(journey.steps.find((x: any) => x.key === 'evaluation_result').note).toBe('待评价');
  });

  it('shows a class in progress, a dropped class, a failed evaluation and a revoked certificate, newest activity first', async () => {
    const person = await worker(api, '5702');
    const [running, dropped, failedOcc] = await Promise.all([createOccupation(), createOccupation(), createOccupation()]);
    await completedTraining(person.userId, running, { status: 'enrolled' });
    await completedTraining(person.userId, dropped, { status: 'dropped' });
    await completedTraining(person.userId, failedOcc);
    const s = await createSession({ occupation: failedOcc });
    const signed = await signUp(api, person.token, s.id);
    await sessionHasStarted(s.id);
    const evaluator = await staff(api, 'evaluator_staff', s.evaluator.code);
    await recordResults(api, evaluator.token, s.id, [{ registrationId: signed.body.registration.id, outcome: 'fail', score: 52 }]);

    const items = (await api.get('/api/me/journey', { token: person.token })).body.items;
    const byCode = new Map(items.map((j: any) => [j.occupation.code, j]));
    expect(items[0].occupation.code).toBe(failedOcc.code); // the latest activity
    expect(statuses(byCode.get(running.code))).toMatchObject({ enroll: 'done', checkin: 'done', complete: 'in_progress', evaluation_signup: 'not_started' });
    expect(byCode.get(running.code)).toMatchObject({ currentStep: 'complete', level: '4' });
    expect(statuses(byCode.get(dropped.code))).toMatchObject({ complete: 'failed' });
    expect(statuses(byCode.get(failedOcc.code))).toMatchObject({ evaluation_signup: 'done', evaluation_result: 'failed', certificate: 'not_started' });
    expect((byCode.get(failedOcc.code) as any).steps[4].note).toBe('不合格 52分');

    const revoked = await certifiedWorker(api, '5702');
    await api.post(`/api/certificates/${revoked.certificate.id}/revoke`, { reason: '信息有误' }, { token: revoked.evaluator.token });
    const [journey] = (await api.get('/api/me/journey', { token: revoked.person.token })).body.items;
    expect(statuses(journey).certificate).toBe('revoked');
    expect(journey.currentStep).toBe('certificate');
  });

  it('is empty for a newcomer and refused without a session', async () => {
    const person = await worker(api, '5703', { withProfile: false });
    expect((await api.get('/api/me/journey', { token: person.token })).body).toEqual({ items: [] });
    expect((await api.get('/api/me/journey')).status).toBe(401);
  });
});
