import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startStack } from '../../local/stack';
import { apiClient, type ApiClient } from '../support/api';
import { openidFor, startWeChatStandin, type WeChatStandin } from '../support/wechatStandin';

// Its own stack with WeChat configured (the local stand-in), on PGlite or TEST_DATABASE_URL.
const CRON_SECRET = 'cron-secret-for-tests-0123456789';
const ENV = ['WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_API_BASE', 'WECHAT_TIMEOUT_MS', 'CRON_SECRET', 'NOTIFICATION_BATCH_SIZE', 'NOTIFICATION_TIME_BUDGET_MS'];
let standin: WeChatStandin;
let stack: Awaited<ReturnType<typeof startStack>>;
let api: ApiClient;
let db: pg.Pool;
let seq = 0;

const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await db.query(text, params)).rows as T[];

async function signIn(name: string): Promise<{ id: string; token: string; openid: string }> {
  const code = `user:${name}:1`;
  const reply = await api.post('/api/auth/login', { code });
  expect(reply.status).toBe(200);
  return { id: reply.body.user.id, token: reply.body.token, openid: openidFor(code) };
}

async function consent(token: string, accepted: string[], templates = accepted) {
  const reply = await api.post('/api/me/notifications/subscriptions', { templates, accepted }, { token });
  expect(reply.status).toBe(200);
  return reply.body;
}

/** Queues a notification as the Postgres functions do; answers its outbox id. */
async function queue(userId: string, event: string, payload: object, dedupeKey: string | null = `test:${++seq}`): Promise<number> {
  await sql('select public.notify_user($1, $2, $3::jsonb, $4)', [userId, event, JSON.stringify(payload), dedupeKey]);
  const [row] = await sql<{ id: string }>('select id from public.outbox where dedupe_key = $1', [dedupeKey]);
  return Number(row!.id);
}

const runCron = (secret: string | null = CRON_SECRET) =>
  api.post('/api/cron/deliver-notifications', undefined, secret === null ? {} : { headers: { authorization: `Bearer ${secret}` } });

async function deliver() {
  const reply = await runCron();
  expect(reply.status).toBe(200);
  return reply.body as { claimed: number; sent: number; retried: number; failed: number; skipped: number };
}

const outboxRow = async (id: number) =>
  (
    await sql<{ status: string; attempts: number; last_error: string | null; wait_s: number; sent: boolean }>(
      `select status, attempts, last_error, round(extract(epoch from next_attempt_at - now()))::int as wait_s, sent_at is not null as sent
         from public.outbox where id = $1`,
      [id],
    )
  )[0]!;

const remaining = async (userId: string, key: string) =>
  (await sql<{ remaining: number }>('select remaining from public.notification_subscriptions where user_id = $1 and template_key = $2', [userId, key]))[0]
    ?.remaining ?? 0;

/** As if the backoff had passed. */
const makeDue = (id: number) => sql('update public.outbox set next_attempt_at = now() where id = $1', [id]);

beforeAll(async () => {
  standin = await startWeChatStandin({ appId: 'wx-notify-app', secret: 'notify-secret' });
  Object.assign(process.env, {
    WECHAT_APPID: 'wx-notify-app',
    WECHAT_SECRET: 'notify-secret',
    WECHAT_API_BASE: standin.url,
    WECHAT_TIMEOUT_MS: '2000',
    CRON_SECRET,
    LOG_LEVEL: 'silent',
  });
  const serverUrl = process.env.TEST_DATABASE_URL;
  stack = await startStack({ port: 0, quiet: true, ...(serverUrl ? { databaseUrl: serverUrl, createDatabase: true } : {}) });
  api = apiClient(stack.url);
  db = new pg.Pool({ connectionString: stack.databaseUrl, max: 1 });
  await sql(`update public.notification_templates set template_id = 'TPL-' || replace(event, '.', '-')`);
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
  await standin?.close();
  for (const name of ENV) delete process.env[name];
});

beforeEach(() => {
  standin.subscribeErrors.length = 0;
  standin.subscribeDelayMs = 0;
  delete process.env.NOTIFICATION_BATCH_SIZE;
  delete process.env.NOTIFICATION_TIME_BUDGET_MS;
});

describe('the deliverer is a cron job', () => {
  it('refuses calls without the CRON_SECRET bearer token', async () => {
    expect((await runCron(null)).status).toBe(401);
    const wrong = await runCron('not-the-secret');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    expect(await deliver()).toEqual({ claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 });
  });
});

describe('POST /api/me/notifications/subscriptions', () => {
  it('records each acceptance as one more message allowed, and lists templates with their WeChat ids', async () => {
    const me = await signIn('consenting');
    const first = await consent(me.token, ['waitlist.promoted'], ['waitlist.promoted', 'class.cancelled']);
    const item = (body: { items: Array<{ key: string }> }, key: string) => body.items.find((i) => i.key === key);
    expect(item(first, 'waitlist.promoted')).toMatchObject({ templateId: 'TPL-waitlist-promoted', remaining: 1 });
    expect(item(first, 'class.cancelled')).toMatchObject({ remaining: 0, grantedAt: null });
    await consent(me.token, ['waitlist.promoted']);
    const listed = await api.get('/api/me/notifications/subscriptions', { token: me.token });
    expect(item(listed.body, 'waitlist.promoted')).toMatchObject({ remaining: 2 });
  });

  it('refuses unknown templates, acceptances not asked for, and anonymous callers', async () => {
    const me = await signIn('careless');
    const unknown = await api.post('/api/me/notifications/subscriptions', { templates: ['nope'], accepted: [] }, { token: me.token });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unknown_template');
    const notAsked = await api.post(
      '/api/me/notifications/subscriptions',
      { templates: ['class.cancelled'], accepted: ['waitlist.promoted'] },
      { token: me.token },
    );
    expect(notAsked.status).toBe(400);
    expect((await api.post('/api/me/notifications/subscriptions', { templates: ['class.cancelled'], accepted: [] })).status).toBe(401);
  });
});

describe('delivering the outbox as subscribe messages', () => {
  it('sends a due notification once, within the template field limits, and uses up the consent', async () => {
    const me = await signIn('alice');
    await consent(me.token, ['waitlist.promoted']);
    const id = await queue(me.id, 'waitlist.promoted', {
      enrollmentId: 'e-1',
      className: '北京市朝阳区2026年第四期中式烹调师（四级）培训班',
      startDate: '2026-12-01',
    });
    const before = standin.subscribeSends.length;
    expect(await deliver()).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0, skipped: 0 });
    expect(standin.subscribeSends.slice(before)).toEqual([
      {
        touser: me.openid,
        template_id: 'TPL-waitlist-promoted',
        page: 'pages/enrollments/index?id=e-1',
        data: {
          thing1: { value: '北京市朝阳区2026年第四期中式烹调师…' },
          date2: { value: '2026年12月01日' },
          thing3: { value: '候补成功，已为您保留名额' },
        },
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      },
    ]);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 1, sent: true });
    expect(await remaining(me.id, 'waitlist.promoted')).toBe(0);

    await makeDue(id);
    expect((await deliver()).claimed).toBe(0);
    expect(standin.subscribeSends.length).toBe(before + 1);
  });

  it('retries when WeChat is busy (-1) after a backoff, then sends', async () => {
    const me = await signIn('bob');
    await consent(me.token, ['class.cancelled']);
    const id = await queue(me.id, 'class.cancelled', { enrollmentId: 'e-2', className: '电工培训班', startDate: '2026-12-05' });
    standin.subscribeErrors.push(-1);
    const before = standin.subscribeSends.length;
    expect(await deliver()).toEqual({ claimed: 1, sent: 0, retried: 1, failed: 0, skipped: 0 });
    const waiting = await outboxRow(id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, last_error: '-1 system error' });
    expect(waiting.wait_s).toBeGreaterThan(50);
    expect(waiting.wait_s).toBeLessThanOrEqual(60);
    expect(await remaining(me.id, 'class.cancelled')).toBe(1);

    expect((await deliver()).claimed).toBe(0);
    await makeDue(id);
    expect(await deliver()).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0, skipped: 0 });
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(standin.subscribeSends.length).toBe(before + 1);
    expect(await remaining(me.id, 'class.cancelled')).toBe(0);
  });

  it('backs off 1 min, 5 min, 30 min, 2 h and fails after the fifth attempt', async () => {
    const me = await signIn('unlucky');
    await consent(me.token, ['enrollment.completed']);
    const id = await queue(me.id, 'enrollment.completed', { enrollmentId: 'e-3', className: '育婴员培训班' });
    standin.subscribeErrors.push(-1, 45009, -1, -1, -1);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await deliver()).retried).toBe(1);
      waits.push((await outboxRow(id)).wait_s);
      await makeDue(id);
    }
    expect(waits.map((s) => Math.round(s / 60))).toEqual([1, 5, 30, 120]);
    expect(await deliver()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await outboxRow(id)).toMatchObject({ status: 'failed', attempts: 5 });
    expect(await remaining(me.id, 'enrollment.completed')).toBe(1);
  });

  it('skips, without retrying, a person who refused (43101), and clears their consent', async () => {
    const me = await signIn('carol');
    await consent(me.token, ['enrollment.dropped']);
    await consent(me.token, ['enrollment.dropped']);
    const id = await queue(me.id, 'enrollment.dropped', { enrollmentId: 'e-4', className: '保安员培训班', reason: '连续缺勤' });
    standin.subscribeErrors.push(43101);
    const before = standin.subscribeSends.length;
    expect(await deliver()).toEqual({ claimed: 1, sent: 0, retried: 0, failed: 0, skipped: 1 });
    expect(await outboxRow(id)).toMatchObject({ status: 'skipped', attempts: 1, last_error: '43101 user refuse to accept the msg' });
    expect(await remaining(me.id, 'enrollment.dropped')).toBe(0);
    await makeDue(id);
    expect((await deliver()).claimed).toBe(0);
    expect(standin.subscribeSends.length).toBe(before);
  });

  it('skips a person who has not subscribed to the template, and sends nothing', async () => {
    const me = await signIn('dave');
    await consent(me.token, ['waitlist.promoted']);
    const id = await queue(me.id, 'certificate.revoked', { certificateId: 'c-1', certificateNo: 'S000011012345678', reason: '证书信息有误' });
    const before = standin.subscribeSends.length;
    expect(await deliver()).toEqual({ claimed: 1, sent: 0, retried: 0, failed: 0, skipped: 1 });
    expect(await outboxRow(id)).toMatchObject({ status: 'skipped', last_error: 'no_consent' });
    expect(standin.subscribeSends.length).toBe(before);
    expect(await remaining(me.id, 'waitlist.promoted')).toBe(1);
  });

  it('marks a message WeChat rejects as invalid (40037) failed at once', async () => {
    const me = await signIn('erin');
    await consent(me.token, ['evaluation.result']);
    const id = await queue(me.id, 'evaluation.result', { outcome: 'pass', occupationName: '电工', level: '4' });
    standin.subscribeErrors.push(40037);
    expect(await deliver()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await outboxRow(id)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('replaces an access token WeChat calls invalid (40001) and sends', async () => {
    const me = await signIn('frank');
    await consent(me.token, ['evaluation.result']);
    await queue(me.id, 'evaluation.result', { outcome: 'fail', occupationName: '中式烹调师', level: '5' });
    standin.revokeTokens();
    const before = standin.subscribeSends.length;
    expect(await deliver()).toMatchObject({ claimed: 1, sent: 1 });
    expect(standin.subscribeSends.slice(before)[0]!.data).toEqual({
      thing1: { value: '中式烹调师五级' },
      phrase2: { value: '不合格' },
      thing3: { value: '评价未通过，可报名下次评价' },
    });
  });

  it('never sends a row twice when deliverers run at the same time', async () => {
    const me = await signIn('grace');
    const key = 'subsidy.status_changed';
    for (let i = 0; i < 8; i++) await consent(me.token, [key]);
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) ids.push(await queue(me.id, key, { applicationId: `app-${i}`, status: 'paid', amount: 1500 + i }));
    process.env.NOTIFICATION_BATCH_SIZE = '3';
    standin.subscribeDelayMs = 50;
    const before = standin.subscribeSends.length;
    const reports = (await Promise.all([deliver(), deliver(), deliver(), deliver()])).concat(await deliver(), await deliver());
    const total = reports.reduce((sum, r) => ({ claimed: sum.claimed + r.claimed, sent: sum.sent + r.sent }), { claimed: 0, sent: 0 });
    expect(total).toEqual({ claimed: 8, sent: 8 });
    const pages = standin.subscribeSends.slice(before).map((s) => s.page);
    expect(new Set(pages).size).toBe(8);
    expect(pages.sort()).toEqual(ids.map((_, i) => `pages/subsidy/index?id=app-${i}`).sort());
    expect(await remaining(me.id, key)).toBe(0);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('lets concurrent claims in open transactions take disjoint rows (skip locked)', async () => {
    const me = await signIn('judy');
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push(await queue(me.id, 'class.cancelled', { enrollmentId: `lock-${i}` }));
    const first = new pg.Client({ connectionString: stack.databaseUrl });
    const second = new pg.Client({ connectionString: stack.databaseUrl });
    await Promise.all([first.connect(), second.connect()]);
    try {
      await first.query('begin');
      await second.query('begin');
      const a = (await first.query('select id from public.claim_due_notifications(2)')).rows.map((r) => Number(r.id));
      const b = (await second.query('select id from public.claim_due_notifications(10)')).rows.map((r) => Number(r.id));
      expect(a).toHaveLength(2);
      expect(b).toHaveLength(2);
      expect([...a, ...b].sort()).toEqual([...ids].sort());
    } finally {
      await first.query('rollback');
      await second.query('rollback');
      await Promise.all([first.end(), second.end()]);
    }
    expect(await deliver()).toMatchObject({ claimed: 4, skipped: 4 });
  });

  it('leaves rows it has no time for to the next run, uncounted and with their consent kept', async () => {
    const me = await signIn('ivan');
    const key = 'enrollment.completed';
    for (let i = 0; i < 3; i++) await consent(me.token, [key]);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(await queue(me.id, key, { enrollmentId: `late-${i}`, className: '养老护理员培训班' }));
    process.env.NOTIFICATION_TIME_BUDGET_MS = '1';
    standin.subscribeDelayMs = 20;
    expect(await deliver()).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0, skipped: 0 });
    expect(await outboxRow(ids[1]!)).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await outboxRow(ids[2]!)).wait_s).toBeLessThanOrEqual(0);
    expect(await remaining(me.id, key)).toBe(2);
    delete process.env.NOTIFICATION_TIME_BUDGET_MS;
    expect(await deliver()).toEqual({ claimed: 2, sent: 2, retried: 0, failed: 0, skipped: 0 });
    expect(await remaining(me.id, key)).toBe(0);
  });

  it('queues a notification only once per dedupe key', async () => {
    const me = await signIn('heidi');
    await queue(me.id, 'waitlist.promoted', { enrollmentId: 'e-9' }, 'waitlist.promoted:e-9');
    await queue(me.id, 'waitlist.promoted', { enrollmentId: 'e-9' }, 'waitlist.promoted:e-9');
    expect(await sql('select id from public.outbox where dedupe_key = $1', ['waitlist.promoted:e-9'])).toHaveLength(1);
    expect(await deliver()).toMatchObject({ claimed: 1, skipped: 1 });
  });
});
