import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startStack } from '../local/stack';
import { apiClient } from './support/api';

let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  stack = await startStack({ port: 0, quiet: true, apiDir: fileURLToPath(new URL('./fixtures/api', import.meta.url)) });
});
afterAll(async () => stack?.stop());

it('answers an unexpected failure with 500, the request id and no internal detail, and keeps serving', async () => {
  const api = apiClient(stack.url);
  const reply = await api.get('/api/boom');
  expect(reply.status).toBe(500);
  expect(reply.body.error).toEqual({
    code: 'internal',
    message: '服务器出了点问题，请稍后再试',
    requestId: reply.headers.get('x-request-id'),
  });
  expect(JSON.stringify(reply.body)).not.toContain('secret internal detail');
  expect((await api.get('/api/boom')).status).toBe(500);
});
