import { inject, describe, expect, it } from 'vitest';
import { apiClient, uniqueName } from '../support/api';
import { createEvaluator, createSession, sessionHasStarted } from './support';

const api = apiClient(inject('stackUrl'));

describe('GET /api/evaluation-sessions (evaluator staff: own sittings)', () => {
  it('lists the institution’s sittings soonest first, a started one included, and no other institution’s', async () => {
    const evaluator = await createEvaluator();
    const other = await createEvaluator();
    const later = await createSession({ evaluator, startsIn: 120 });
    const started = await createSession({ evaluator });
    await sessionHasStarted(started.id);
    const foreign = await createSession({ evaluator: other });
    const staff = await api.devLogin(uniqueName('评价'), [{ role: 'evaluator_staff', scope: evaluator.code }]);

    const reply = await api.get('/api/evaluation-sessions', { token: staff.token });
    expect(reply.status).toBe(200);
    const ids = reply.body.items.map((s: any) => s.id);
    expect(ids).toEqual([started.id, later.id]);
    expect(ids).not.toContain(foreign.id);
    expect(reply.body.items[0]).toMatchObject({ code: started.code, institution: { code: evaluator.code }, signup: 'closed' });
  });

  it('refuses anonymous callers, workers and training-institution staff', async () => {
    expect((await api.get('/api/evaluation-sessions')).status).toBe(401);
    const worker = await api.devLogin(uniqueName());
    expect((await api.get('/api/evaluation-sessions', { token: worker.token })).status).toBe(403);
    const trainer = await api.devLogin(uniqueName(), [{ role: 'institution_staff', scope: 'INS-001' }]);
    expect((await api.get('/api/evaluation-sessions', { token: trainer.token })).status).toBe(403);
  });

  it('refuses a bad window with 400 naming it', async () => {
    const staff = await api.devLogin(uniqueName(), [{ role: 'evaluator_staff', scope: 'EVA-001' }]);
    const reply = await api.get('/api/evaluation-sessions?days=0', { token: staff.token });
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toHaveProperty('days');
  });
});
