import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../local/gateway';
import { startStack, type Stack } from '../../local/stack';

const apiDir = fileURLToPath(new URL('./fixtures/api', import.meta.url));
const h5Dir = fileURLToPath(new URL('./fixtures/h5', import.meta.url));

let stack: Stack;
const get = (path: string, init?: RequestInit) => fetch(new URL(path, stack.url), init);
const json = async (path: string, init?: RequestInit) => {
  const res = await get(path, init);
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, any> };
};

beforeAll(async () => {
  stack = await startStack({ apiDir, h5Dir, port: 0, quiet: true });
});
afterAll(async () => stack?.stop());

describe('API routing like Vercel', () => {
  it('serves a static file route, keeping the status the handler set', async () => {
    expect(await json('/api/hello')).toMatchObject({ status: 201, body: { route: 'hello', method: 'GET' } });
  });

  it('serves index.ts at its folder path, with or without a trailing slash', async () => {
    expect((await json('/api')).body).toEqual({ route: 'index' });
    expect((await json('/api/items')).body.route).toBe('items');
    expect((await json('/api/items/')).body.route).toBe('items');
  });

  it('fills [id] from the path and merges it into req.query', async () => {
    const { body } = await json('/api/items/42?sort=asc');
    expect(body).toEqual({ route: 'items/[id]', query: { sort: 'asc', id: '42' } });
  });

  it('decodes dynamic segments', async () => {
    const { body } = await json(`/api/items/${encodeURIComponent('北京 1')}`);
    expect(body.query.id).toBe('北京 1');
  });

  it('matches nested dynamic folders', async () => {
    const { body } = await json('/api/users/u1/posts/p2');
    expect(body).toEqual({ route: 'users/[userId]/posts/[postId]', query: { userId: 'u1', postId: 'p2' } });
  });

  it('prefers a static segment over a dynamic one', async () => {
    expect((await json('/api/items/special')).body.route).toBe('items/special');
  });

  it('collects the rest of the path in a [...slug] route', async () => {
    expect((await json('/api/docs/a/b/c')).body.query.slug).toEqual(['a', 'b', 'c']);
  });

  it('never routes files starting with an underscore', async () => {
    expect((await json('/api/_shared')).status).toBe(404);
  });

  it('answers an unknown route with 404 JSON in Chinese', async () => {
    const res = await json('/api/nope/nothing');
    expect(res).toEqual({
      status: 404,
      type: 'application/json; charset=utf-8',
      body: { error: { code: 'not_found', message: '找不到这个接口' } },
    });
  });
});

describe('Vercel request helpers', () => {
  it('parses the query string, repeated keys as arrays, and cookies', async () => {
    const { body } = await json('/api/echo?a=1&b=x&b=y&empty=', { headers: { cookie: 'sid=abc; name=%E5%BC%A0' } });
    expect(body.query).toEqual({ a: '1', b: ['x', 'y'], empty: '' });
    expect(body.cookies).toEqual({ sid: 'abc', name: '张' });
  });

  it('parses a JSON body and reports its byte length in content-length', async () => {
    const payload = JSON.stringify({ name: '王小明', n: 1 });
    const { body } = await json('/api/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
    expect(body).toMatchObject({ method: 'POST', bodyType: 'object', body: { name: '王小明', n: 1 } });
    expect(body.contentLength).toBe(String(Buffer.byteLength(payload)));
  });

  it('sets content-length even for a chunked upload', async () => {
    const chunks = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
        controller.enqueue(new TextEncoder().encode('1}'));
        controller.close();
      },
    });
    const { body } = await json('/api/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(body).toMatchObject({ body: { a: 1 }, contentLength: '7' });
  });

  it('makes the body getter throw an error with statusCode 400 for invalid JSON', async () => {
    const { body } = await json('/api/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(body.bodyError).toEqual({ message: 'Invalid JSON', statusCode: 400 });
  });

  it('answers 400 when that error escapes the handler', async () => {
    const res = await json('/api/strictJson', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  it('parses text, form and binary bodies as Vercel does', async () => {
    const post = (type: string, body: BodyInit) =>
      json('/api/echo', { method: 'POST', headers: { 'content-type': type }, body }).then((r) => r.body);
    expect(await post('text/plain; charset=utf-8', '你好')).toMatchObject({ bodyType: 'string', body: '你好' });
    expect(await post('application/x-www-form-urlencoded', 'a=1&b=2&b=3')).toMatchObject({ body: { a: '1', b: ['2', '3'] } });
    expect(await post('application/octet-stream', new Uint8Array([1, 2, 3]))).toMatchObject({
      bodyType: 'buffer',
      body: Buffer.from([1, 2, 3]).toString('base64'),
    });
    expect(await post('application/json', '')).toMatchObject({ bodyType: 'object', body: {} });
  });

  it('refuses a body over 4.5 MB with 413 and keeps serving', async () => {
    const big = 'x'.repeat(4.5 * 1024 * 1024 + 1);
    const res = await json('/api/echo', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: big });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    const justFits = 'x'.repeat(4.5 * 1024 * 1024);
    const ok = await json('/api/echo', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: justFits });
    expect(ok.status).toBe(200);
    expect(ok.body.contentLength).toBe(String(justFits.length));
  });

  it('redirects with 307 by default', async () => {
    const res = await get('/api/redirect', { redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('/api/hello');
  });

  it('answers 500 JSON when a route throws, and keeps serving', async () => {
    const res = await json('/api/throws');
    expect(res).toEqual({
      status: 500,
      type: 'application/json; charset=utf-8',
      body: { error: { code: 'internal', message: '服务器出了点问题，请稍后再试' } },
    });
    expect((await json('/api/hello')).status).toBe(201);
  });
});

describe('the H5 app', () => {
  it('serves files with their content type', async () => {
    const js = await get('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('falls back to index.html for app routes, not for missing assets', async () => {
    const page = await get('/pages/profile/index');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<div id="app">');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('does not serve files outside the build', async () => {
    const res = await get('/..%2F..%2F..%2Fpackage.json');
    expect(res.status).toBe(403);
  });

  it('explains how to build when there is no H5 build', async () => {
    const server = createGateway({ apiDir, h5Dir: fileURLToPath(new URL('./fixtures/no-such-build', import.meta.url)) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('npm run build:h5');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('environment for the functions', () => {
  it('points SUPABASE_URL at the gateway and provides the keys', () => {
    expect(process.env.SUPABASE_URL).toBe(stack.url);
    expect(process.env.SUPABASE_ANON_KEY).toBe(stack.anonKey);
    expect(process.env.SUPABASE_SERVICE_ROLE_KEY).toBe(stack.serviceRoleKey);
    expect(process.env.SUPABASE_JWT_SECRET).toBe(stack.jwtSecret);
    expect(process.env.DATA_ENCRYPTION_KEY).toBe(stack.dataEncryptionKey);
    expect(process.env.DATABASE_KIND).toBe('pglite');
  });
});

describe('PostgREST schema cache on PGlite', () => {
  it('sees a function created after startup once reloadSchema() is called', async () => {
    const { withClient } = await import('../harness/db');
    await withClient(stack.databaseUrl!, (c) =>
      c.query(`create function public.stack_answer() returns int language sql stable as $$ select 42 $$`),
    );
    await stack.reloadSchema();
    const res = await fetch(`${stack.url}/rest/v1/rpc/stack_answer`, { headers: { apikey: stack.anonKey } });
    expect(res.status).toBe(200);
    expect(await res.json()).toBe(42);
  });
});

describe('hosted Supabase mode', () => {
  it('serves the gateway only, without a database or PostgREST', async () => {
    const hosted = await startStack({
      apiDir,
      h5Dir,
      quiet: true,
      supabase: { url: 'https://example.supabase.co', anonKey: 'anon', serviceRoleKey: 'service', jwtSecret: 'x'.repeat(40) },
    });
    try {
      expect(hosted.databaseKind).toBe('supabase');
      expect(hosted.databaseUrl).toBeUndefined();
      expect(hosted.postgrest).toBeUndefined();
      expect(process.env.DATABASE_KIND).toBe('supabase');
      expect((await fetch(`${hosted.url}/api/hello`)).status).toBe(201);
      expect((await fetch(`${hosted.url}/rest/v1/`)).status).toBe(404);
    } finally {
      await hosted.stop();
    }
    expect(process.env.DATABASE_KIND).toBe('pglite'); // restored for the stack still running
  });
})

