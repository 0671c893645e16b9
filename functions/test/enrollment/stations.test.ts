import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parseStationScene, stationScene } from '@jz/shared';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { fromDataUri, pngEncodes } from './qrMatrix';
import { createClass, enroll, staff, worker, type TestClass } from './support';

const api = apiClient(inject('stackUrl'));
const TAG = '0401';
const STATION = 'STA-110105-001';

describe('station scene strings', () => {
  it('fit in 32 characters and read back', () => {
    const longest = stationScene({ stationCode: 'STA-110119-999', classCode: 'BC-2026-9999999' });
    expect(longest).toBe('s=110119-999&c=2026-9999999');
    expect(longest.length).toBeLessThanOrEqual(32);
    expect(parseStationScene(longest)).toEqual({ stationCode: 'STA-110119-999', classCode: 'BC-2026-9999999' });
    expect(parseStationScene(encodeURIComponent('s=110105-001&p=2026-0001'))).toEqual({ stationCode: STATION, projectCode: 'XM-2026-0001' });
    expect(parseStationScene('s=110105-001')).toEqual({ stationCode: STATION });
    for (const bad of ['', 'c=2026-0001', 's=1&c=2', 's=110105-001&c=x', '%E0%A4%A']) expect(parseStationScene(bad)).toBeUndefined();
  });
});

describe('POST /api/stations/visits', () => {
  let cls: TestClass;
  beforeAll(async () => {
    cls = await createClass();
  });

  it('counts a visit anonymously, with the class’s project', async () => {
    const reply = await api.post('/api/stations/visits', { stationCode: STATION, classId: cls.id });
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ recorded: true });
    const rows = await sql(
      `select v.project_id from public.station_visits v join public.stations s on s.id = v.station_id where s.code = $1 and v.class_id = $2`,
      [STATION, cls.id],
    );
    expect(rows).toEqual([{ project_id: cls.projectId }]);
  });

  it('counts a project visit and a bare station visit', async () => {
    expect((await api.post('/api/stations/visits', { stationCode: STATION, projectId: cls.projectId })).status).toBe(202);
    expect((await api.post('/api/stations/visits', { stationCode: STATION })).status).toBe(202);
  });

  it.each([
    ['an unknown station', { stationCode: 'STA-999999-999' }, 404, 'station_not_found'],
    ['an unknown class', { stationCode: STATION, classId: '00000000-0000-4000-8000-000000000000' }, 404, 'class_not_found'],
    ['an unknown project', { stationCode: STATION, projectId: '00000000-0000-4000-8000-000000000000' }, 404, 'project_not_found'],
    ['a class and a project', { stationCode: STATION, classId: '00000000-0000-4000-8000-000000000000', projectId: '00000000-0000-4000-8000-000000000000' }, 400, 'invalid_input'],
    ['a malformed station code', { stationCode: 'STA-1' }, 400, 'invalid_input'],
    ['no station code', {}, 400, 'invalid_input'],
  ])('refuses %s', async (_label, body, status, code) => {
    const reply = await api.post('/api/stations/visits', body);
    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(code);
  });
});

describe('GET /api/stations/scene', () => {
  it('turns a scene into the station and the class or project to open', async () => {
    const cls = await createClass();
    const reply = await api.get(`/api/stations/scene?scene=${encodeURIComponent(stationScene({ stationCode: STATION, classCode: cls.code }))}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ stationCode: STATION, classId: cls.id, projectId: null });
    const project = await api.get(`/api/stations/scene?scene=${encodeURIComponent(stationScene({ stationCode: STATION, projectCode: cls.projectCode }))}`);
    expect(project.body).toEqual({ stationCode: STATION, classId: null, projectId: cls.projectId });
  });

  it.each([
    ['a scene that is not ours', 'foo=bar', 400, 'scene_invalid'],
    ['an unknown station', 's=999999-999', 404, 'station_not_found'],
    ['an unknown class', 's=110105-001&c=2026-0000001', 404, 'class_not_found'],
  ])('refuses %s', async (_label, scene, status, code) => {
    const reply = await api.get(`/api/stations/scene?scene=${encodeURIComponent(scene)}`);
    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(code);
  });
});

describe('station staff endpoints', () => {
  let cls: TestClass;
  let stationStaff: string;
  beforeAll(async () => {
    cls = await createClass({ capacity: 30 });
    stationStaff = (await staff(api, 'station_staff', STATION)).token;
  });

  it('GET /api/stations/me: the caller’s station', async () => {
    const reply = await api.get('/api/stations/me', { token: stationStaff });
    expect(reply.status).toBe(200);
    expect(reply.body.station).toMatchObject({ code: STATION, district: '110105', districtName: '朝阳区' });
  });

  describe('GET /api/stations/me/qrcode', () => {
    it('answers the H5 link with the station code as a QR code, and the mini-program scene', async () => {
      const reply = await api.get(`/api/stations/me/qrcode?classId=${cls.id}`, { token: stationStaff });
      expect(reply.status).toBe(200);
      const origin = new URL(inject('stackUrl')).origin;
      expect(reply.body).toMatchObject({
        station: { code: STATION },
        target: { kind: 'class', id: cls.id, code: cls.code },
        url: `${origin}/pages/class/index?id=${cls.id}&station=${STATION}`,
        page: 'pages/class/index',
        scene: stationScene({ stationCode: STATION, classCode: cls.code }),
        wxacode: null,
        wxacodeError: null,
      });
      expect(reply.body.scene.length).toBeLessThanOrEqual(32);
      expect(pngEncodes(fromDataUri(reply.body.qrcode), reply.body.url)).toBe(true);
    });

    it('format=png answers the QR code image itself', async () => {
      const response = await fetch(new URL(`/api/stations/me/qrcode?classId=${cls.id}&format=png`, inject('stackUrl')), {
        headers: { authorization: `Bearer ${stationStaff}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('x-scene')).toBe(stationScene({ stationCode: STATION, classCode: cls.code }));
      const png = Buffer.from(await response.arrayBuffer());
      expect(pngEncodes(png, `${new URL(inject('stackUrl')).origin}/pages/class/index?id=${cls.id}&station=${STATION}`)).toBe(true);
    });

    it('for a project: the project page and a p= scene', async () => {
      const reply = await api.get(`/api/stations/me/qrcode?projectId=${cls.projectId}`, { token: stationStaff });
      expect(reply.status).toBe(200);
      expect(reply.body.url).toMatch(new RegExp(`/pages/project/index\\?id=${cls.projectId}&station=${STATION}$`));
      expect(reply.body.scene).toBe(`s=110105-001&p=${cls.projectCode.slice(3)}`);
    });

    it('format=wxacode: 503 while WeChat is not configured', async () => {
      const reply = await api.get(`/api/stations/me/qrcode?classId=${cls.id}&format=wxacode`, { token: stationStaff });
      expect(reply.status).toBe(503);
      expect(reply.body.error.code).toBe('wechat_not_configured');
    });

    it.each([
      ['neither class nor project', '', 400],
      ['both', `classId=CLASS&projectId=PROJECT`, 400],
      ['a malformed id', 'classId=abc', 400],
      ['an unknown class', 'classId=00000000-0000-4000-8000-000000000000', 404],
      ['a bad format', 'classId=CLASS&format=gif', 400],
    ])('refuses %s', async (_label, query, status) => {
      const q = query.replace('CLASS', cls.id).replace('PROJECT', cls.projectId);
      expect((await api.get(`/api/stations/me/qrcode?${q}`, { token: stationStaff })).status).toBe(status);
    });

    it('refuses a draft class (404)', async () => {
      const draft = await createClass({ status: 'draft' });
      const reply = await api.get(`/api/stations/me/qrcode?classId=${draft.id}`, { token: stationStaff });
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('class_not_found');
    });
  });

  it('GET /api/stations/me/poster: a printable SVG with the title, dates, seats and the code', async () => {
    const reply = await api.get(`/api/stations/me/poster?classId=${cls.id}`, { token: stationStaff });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = reply.body as string;
    expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg [^>]*width="750" height="1200"/);
    expect(svg).toContain(`测试项目${cls.projectCode}`);
    expect(svg).toContain('剩余名额 30 / 30');
    expect(svg).toContain('开班 ');
    expect(svg).toContain('微信或手机浏览器扫码报名');
    const png = /href="(data:image\/png;base64,[^"]+)"/.exec(svg)?.[1];
    expect(pngEncodes(fromDataUri(png!), `${new URL(inject('stackUrl')).origin}/pages/class/index?id=${cls.id}&station=${STATION}`)).toBe(true);
  });

  it('GET /api/stations/me/stats: referrals, enrollments and completions per class and per week', async () => {
    const statsClass = await createClass({ capacity: 5 });
    for (let i = 0; i < 3; i++) await api.post('/api/stations/visits', { stationCode: STATION, classId: statsClass.id });
    await api.post('/api/stations/visits', { stationCode: STATION, projectId: statsClass.projectId });
    const [p1, p2, p3, p4] = await Promise.all([0, 1, 2, 3].map(() => worker(api, TAG)));
    const e1 = (await enroll(api, p1!.token, statsClass.id, { stationCode: STATION })).body.enrollment.id;
    const e2 = (await enroll(api, p2!.token, statsClass.id, { stationCode: STATION })).body.enrollment.id;
    await enroll(api, p3!.token, statsClass.id, { stationCode: 'STA-110108-001' });
    await enroll(api, p4!.token, statsClass.id);
    await sql(`update public.enrollments set status = 'completed', completed_at = now() where id = $1`, [e1]);
    await api.call('DELETE', `/api/enrollments/${e2}`, { token: p2!.token });

    const reply = await api.get('/api/stations/me/stats?weeks=4', { token: stationStaff });
    expect(reply.status).toBe(200);
    expect(reply.body.station).toMatchObject({ code: STATION, districtName: '朝阳区' });
    const row = reply.body.byClass.find((c: any) => c.classId === statsClass.id);
    expect(row).toMatchObject({ classCode: statsClass.code, referrals: 3, enrollments: 1, completions: 1 });
    expect(reply.body.byProject.find((p: any) => p.projectId === statsClass.projectId)).toMatchObject({ referrals: 1 });
    expect(reply.body.byWeek).toHaveLength(4);
    const week = reply.body.byWeek[3];
    expect(week.week).toMatch(/^\d{4}-W\d{2}$/);
    expect(week.referrals).toBeGreaterThanOrEqual(4);
    expect(week.enrollments).toBeGreaterThanOrEqual(1);
    expect(week.completions).toBeGreaterThanOrEqual(1);
    expect(reply.body.totals.referrals).toBeGreaterThanOrEqual(week.referrals);
    // another station's staff see their own numbers only
    const other = await staff(api, 'station_staff', 'STA-110108-001');
    const theirs = await api.get('/api/stations/me/stats', { token: other.token });
    expect(theirs.body.byClass.find((c: any) => c.classId === statsClass.id)).toMatchObject({ referrals: 0, enrollments: 1, completions: 0 });
    expect(theirs.body.byWeek).toHaveLength(12);
  });

  it('stats: 400 for weeks out of range', async () => {
    const reply = await api.get('/api/stations/me/stats?weeks=0', { token: stationStaff });
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toHaveProperty('weeks');
  });

  describe('who may not', () => {
    const paths = (cls: TestClass) => [
      '/api/stations/me',
      `/api/stations/me/qrcode?classId=${cls.id}`,
      `/api/stations/me/poster?classId=${cls.id}`,
      '/api/stations/me/stats',
    ];

    it.each([
      ['a worker', () => worker(api, TAG)],
      ['institution staff', () => staff(api, 'institution_staff', 'INS-001')],
      ['a reviewer', () => staff(api, 'reviewer', '110105')],
    ])('%s is refused (403)', async (_label, make) => {
      const caller = await make();
      for (const path of paths(cls)) expect((await api.get(path, { token: caller.token })).status, path).toBe(403);
    });

    it('staff of another station may not act for this one (403)', async () => {
      const other = await staff(api, 'station_staff', 'STA-110108-001');
      for (const path of paths(cls)) {
        const sep = path.includes('?') ? '&' : '?';
        expect((await api.get(`${path}${sep}station=${STATION}`, { token: other.token })).status, path).toBe(403);
      }
    });

    it('anonymous callers are refused (401)', async () => {
      for (const path of paths(cls)) expect((await api.get(path)).status, path).toBe(401);
    });

    it('a role revoked since sign-in stops working at once', async () => {
      const revoked = await staff(api, 'station_staff', 'STA-110114-001');
      await sql(`delete from public.role_grants where user_id = $1`, [revoked.userId]);
      expect((await api.get('/api/stations/me/stats', { token: revoked.token })).status).toBe(403);
    });

    it('admins name the station; without one it is a 400', async () => {
      const admin = await staff(api, 'admin');
      expect((await api.get('/api/stations/me', { token: admin.token })).status).toBe(400);
      const reply = await api.get(`/api/stations/me/stats?station=${STATION}`, { token: admin.token });
      expect(reply.status).toBe(200);
      expect(reply.body.station.code).toBe(STATION);
    });
  });
});
