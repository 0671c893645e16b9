/**
 * Lookup rate limits with tiny, fast limits: a gateway of our own in this process (so the functions
 * read this file's LOOKUP_RATE_* settings), on the shared stack's database through its REST endpoint.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStack, type Stack } from '../../local/stack';
import { apiClient, type ApiClient } from '../support/api';
import { certifiedWorker, freshAddress, lookup, worker } from './support';

const WINDOW = 2;
const PER_WINDOW = 3;
const PER_DAY = 5;
const SETTINGS = {
  LOOKUP_RATE_WINDOW_SECONDS: String(WINDOW),
  LOOKUP_RATE_PER_MINUTE: String(PER_WINDOW),
  LOOKUP_RATE_PER_DAY: String(PER_DAY),
  LOG_LEVEL: 'silent',
};

const shared = apiClient(inject('stackUrl'));
let stack: Stack;
let api: ApiClient;
let query: { certificateNo: string; name: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  Object.assign(process.env, SETTINGS);
  stack = await startStack({
    port: 0,
    quiet: true,
    supabase: { url: inject('stackUrl'), anonKey: inject('anonKey'), serviceRoleKey: inject('serviceRoleKey'), jwtSecret: inject('jwtSecret') },
  });
  api = apiClient(stack.url);
  const { certificate } = await certifiedWorker(shared, '5501', { name: '周芷若' });
  query = { certificateNo: certificate.certificateNo, name: '周芷若' };
});

afterAll(async () => {
  await stack?.stop();
  for (const name of Object.keys(SETTINGS)) delete process.env[name];
});

describe('lookup rate limits (configurable; 10 a minute and 100 a day by default)', () => {
  it('answers 429 with a Chinese message and Retry-After once an address used its window, then recovers', async () => {
    const address = freshAddress();
    for (let i = 0; i < PER_WINDOW; i++) {
      const reply = await lookup(api, query, { address });
      expect(reply.status).toBe(200);
      expect(reply.body.items).toHaveLength(1);
    }
    const limited = await lookup(api, query, { address });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^查询太频繁了，请\d+秒后再试$/) });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW);

    // another address is not affected
    expect((await lookup(api, query, { address: freshAddress() })).status).toBe(200);

    await sleep(retryAfter * 1000 + 100);
    const again = await lookup(api, query, { address });
    expect(again.status).toBe(200);
    expect(again.body.items).toHaveLength(1);
  });

  it('counts per address across the wrong-name and unknown-number answers alike (no way around it by varying the query)', async () => {
    const address = freshAddress();
    const bodies = [query, { ...query, name: '周芷诺' }, { certificateNo: 'S999911000001254000001', name: '周芷若' }];
    for (const body of bodies) expect((await lookup(api, body, { address })).status).toBe(200);
    expect((await lookup(api, { ...query, name: '张无忌' }, { address })).status).toBe(429);
  });

  it('limits a signed-in user whatever address they come from', async () => {
    const person = await worker(shared, '5501');
    for (let i = 0; i < PER_WINDOW; i++) {
      expect((await lookup(api, query, { token: person.token, address: freshAddress() })).status).toBe(200);
    }
    const limited = await lookup(api, query, { token: person.token, address: freshAddress() });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('has a daily limit too, whose Retry-After runs to the end of the day window; refused requests are not counted', async () => {
    const address = freshAddress();
    let allowed = 0;
    for (let round = 0; round < 3 && allowed < PER_DAY; round++) {
      for (let i = 0; i < PER_WINDOW + 1; i++) {
        const reply = await lookup(api, query, { address });
        if (reply.status === 200) allowed++;
        else expect(reply.status).toBe(429);
      }
      if (allowed < PER_DAY) await sleep(WINDOW * 1000 + 100);
    }
    expect(allowed).toBe(PER_DAY);
    const limited = await lookup(api, query, { address });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(86400 - 60);
    expect(limited.body.error.message).toBe('查询太频繁了，请24小时后再试');
  });

  it('does not count malformed requests, which are refused before the counter', async () => {
    const address = freshAddress();
    for (let i = 0; i < PER_WINDOW + 2; i++) expect((await lookup(api, { name: '张三' }, { address })).status).toBe(400);
    expect((await lookup(api, query, { address })).status).toBe(200);
  });
});
