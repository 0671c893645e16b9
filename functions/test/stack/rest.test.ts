import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql, withClient } from '../harness/db';

// Runs against the shared stack the harness started (child process, real PostgREST).
const base = inject('stackUrl');
const table = `stack_probe_${randomUUID().slice(0, 8)}`;
const alice = randomUUID();
const bob = randomUUID();

const rest = (path: string, headers: Record<string, string> = {}) => fetch(`${base}/rest/v1${path}`, { headers });
const userToken = (sub: string) =>
  new SignJWT({ sub, role: 'authenticated', aud: 'authenticated' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(inject('jwtSecret')));

beforeAll(async () => {
  await sql(`create table public.${table} (id serial primary key, owner uuid not null, note text not null)`);
  await sql(`alter table public.${table} enable row level security`);
  await sql(`revoke all on public.${table} from anon`);
  await sql(`grant select on public.${table} to authenticated`);
  await sql(`create policy own_rows on public.${table} for select to authenticated using (owner = auth.uid())`);
  await sql(`insert into public.${table} (owner, note) values ($1, 'alice note'), ($2, 'bob note')`, [alice, bob]);
});
afterAll(async () => {
  await sql(`drop table if exists public.${table}`);
});

describe('/rest/v1 → PostgREST', () => {
  it('answers the OpenAPI description with the service key', async () => {
    const res = await rest('/', { apikey: inject('serviceRoleKey') });
    expect(res.status).toBe(200);
    const spec = (await res.json()) as { swagger: string; info: { version: string } };
    expect(spec.swagger).toBe('2.0');
    expect(spec.info.version).toContain('12.0');
  });

  it('refuses a request without an API key, as Supabase does', async () => {
    const res = await rest('/');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'No API key found in request' });
  });

  it('refuses an unknown API key', async () => {
    const res = await rest('/', { apikey: 'not-a-key' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'Invalid API key' });
  });

  it('accepts the key as a query parameter and does not pass it on as a filter', async () => {
    const res = await fetch(`${base}/rest/v1/${table}?select=note&apikey=${inject('serviceRoleKey')}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBe(2);
  });

  it('refuses the anon role a table it has no grant on', async () => {
    const res = await rest(`/${table}?select=*`, { apikey: inject('anonKey') });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: '42501' });
  });

  it('lets the service role see every row (it bypasses RLS)', async () => {
    const res = await rest(`/${table}?select=note&order=note`, { apikey: inject('serviceRoleKey') });
    expect(await res.json()).toEqual([{ note: 'alice note' }, { note: 'bob note' }]);
  });
});

describe('row level security with a session JWT', () => {
  it('shows a user only the rows auth.uid() owns', async () => {
    const headers = async (sub: string) => ({ apikey: inject('anonKey'), authorization: `Bearer ${await userToken(sub)}` });
    const asAlice = await rest(`/${table}?select=owner,note`, await headers(alice));
    expect(asAlice.status).toBe(200);
    expect(await asAlice.json()).toEqual([{ owner: alice, note: 'alice note' }]);
    const asBob = await rest(`/${table}?select=note`, await headers(bob));
    expect(await asBob.json()).toEqual([{ note: 'bob note' }]);
    const asStranger = await rest(`/${table}?select=note`, await headers(randomUUID()));
    expect(await asStranger.json()).toEqual([]);
  });

  it('rejects a token signed with another secret', async () => {
    const forged = await new SignJWT({ sub: alice, role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    const res = await rest(`/${table}?select=note`, { apikey: inject('anonKey'), authorization: `Bearer ${forged}` });
    expect(res.status).toBe(401);
  });

  it('provides auth.uid(), auth.role() and auth.jwt() from the claims, and the older claim.sub setting', async () => {
    const read = (setting: string, value: string) =>
      withClient(inject('databaseUrl'), async (client) => {
        await client.query('begin');
        try {
          await client.query('select set_config($1, $2, true)', [setting, value]);
          const { rows } = await client.query(
            `select auth.uid()::text as uid, auth.role() as role, auth.jwt()->>'sub' as sub`,
          );
          return rows[0] as { uid: string | null; role: string | null; sub: string | null };
        } finally {
          await client.query('rollback');
        }
      });
    expect(await read('request.jwt.claims', JSON.stringify({ sub: alice, role: 'authenticated' }))).toEqual({
      uid: alice,
      role: 'authenticated',
      sub: alice,
    });
    expect((await read('request.jwt.claim.sub', bob)).uid).toBe(bob);
  });
});
