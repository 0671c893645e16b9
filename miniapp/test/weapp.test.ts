import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startMiniProgram, type MiniHarness, type RenderedPage } from './weapp-harness'

const USER = { id: '4b5a8a5e-0000-4000-8000-000000000001', displayName: '王建国', roles: [{ role: 'worker' }], hasProfile: true }
const PROFILE = {
  realName: '王建国',
  idType: 'resident',
  idNumberMasked: '110105********0021',
  mobileMasked: '138****1234',
  category: 'rural_migrant',
  district: '110105',
  householdType: 'other_rural',
  birthDate: '1979-12-31',
  gender: 'female',
  updatedAt: '2025-11-25T08:00:00Z',
}

const NEXT_CLASS = {
  id: 'd4041b13-39d4-43b9-961c-dc93485937fc',
  code: 'BC-2026-00023',
  name: '2026年第3期',
  startDate: '2026-12-20',
  endDate: '2027-01-02',
  schedule: '周一至周五 9:00–16:30',
  district: '110112',
  districtName: '通州区',
  address: '通州区示例路5号',
  lat: 39.9227,
  lng: 116.6345,
  online: false,
  capacity: 40,
  seatsLeft: 33,
  enrollOpensAt: '2026-11-20T01:00:00+00:00',
  enrollClosesAt: '2026-12-18T10:00:00+00:00',
  enrollment: 'open',
  fee: 0,
  distanceKm: null,
}
const PROJECT = {
  id: 'f754a24d-c079-4200-8be4-e0f08c914cd8',
  code: 'XM-2026-0002',
  title: '养老护理员（五级/初级工）就业技能培训',
  projectType: 'employment',
  field: { code: 'care', name: '康养托育' },
  occupations: [{ code: '4-10-01-05', name: '养老护理员', isSpecialty: false }],
  level: '5',
  mode: 'offline',
  audiences: ['key_group'],
  hours: 96,
  headcount: 76,
  funding: 'subsidised',
  fee: 0,
  institution: { id: '98dba30d-76f1-4024-b03d-39c2a2efedca', code: 'INS-001', name: '京华康养职业技能培训学校（示例）', district: '110105' },
  publishedAt: '2026-08-29T18:48:38.586+00:00',
  nextClass: NEXT_CLASS,
  classCount: 4,
  seatsLeft: 106,
  distanceKm: null,
  match: 'title',
}
const CLASS = {
  ...NEXT_CLASS,
  sessions: [{ date: '2026-12-21', start: '09:00', end: '16:30' }],
  project: PROJECT,
  institution: { ...PROJECT.institution, kind: 'training', carrierType: 'private_institution', whitelistedOn: '2026-08-08', districtName: '朝阳区', districtsServed: [], address: '朝阳区示例大厦', lat: null, lng: null, contactPhone: '010-62001357', description: '' },
}

let mini: MiniHarness
let open: RenderedPage[] = []

async function render(route: string, query?: Record<string, string>) {
  const page = await mini.renderPage(route, query)
  open.push(page)
  return page
}

beforeAll(() => {
  mini = startMiniProgram()
})

afterEach(() => {
  open.forEach((p) => p.close())
  open = []
  mini.storage.clear()
  mini.requests.length = 0
  mini.navigations.length = 0
})

describe('weapp build rendered by miniprogram-simulate', () => {
  it('首页 shows the programme header, search with 扫码, the four key fields and the links to the lists', async () => {
    const page = await render('pages/index/index')
    await page.settle(200)
    const text = page.text()
    expect(text).toContain('技能照亮前程')
    expect(text).toContain('北京市项目制培训：岗位需求＋技能培训＋技能评价＋就业服务')
    expect(text).toContain('搜索')
    // The scanner exists only in WeChat.
    expect(text).toContain('扫码')
    for (const field of ['康养托育', '先进制造', '现代服务', '新职业']) expect(text).toContain(field)
    for (const link of ['近期开班', '机构名录', '需求清单', '薪酬指引']) expect(text).toContain(link)
    expect(text).toContain('政策资讯')
    // Signed out: no 完善资料 reminder; the only calls are the public 近期开班 and 政策资讯 lists.
    expect(text).not.toContain('请先完善资料')
    expect(mini.requests.map((r) => r.url.replace(/\?.*$/, '')).sort()).toEqual([
      'https://api.example.com/api/articles',
      'https://api.example.com/api/catalog/projects',
    ])
  })

  it('培训 shows its search, filter bar and the projects the API returns', async () => {
    mini.setServer((method, url) =>
      method === 'GET' && url.includes('/api/catalog/projects') ? { statusCode: 200, data: { items: [PROJECT], nextCursor: null, total: 1 } } : undefined,
    )
    const page = await render('pages/training/index')
    await page.settle(150)
    const text = page.text()
    expect(text).toContain('筛选')
    expect(text).toContain('只看能报名的')
    expect(text).toContain('共找到 1 个培训项目')
    expect(text).toContain('养老护理员（五级/初级工）就业技能培训')
    expect(text).toContain('12月20日开班')
    expect(text).toContain('报名中')
  })

  it('班次详情 offers 打开地图 and 立即报名 in weapp', async () => {
    mini.setServer((method, url) => (method === 'GET' && url.includes('/api/catalog/classes/') ? { statusCode: 200, data: { class: CLASS } } : undefined))
    const page = await render('pages/class/index', { id: CLASS.id })
    await page.settle(150)
    const text = page.text()
    expect(text).toContain('2026年第3期')
    expect(text).toContain('剩余名额')
    expect(page.textsOf('wx-button')).toEqual(expect.arrayContaining(['打开地图', '立即报名']))
  })

  it('证书验证 shows a big 已撤销 and the masked holder from the public verification API', async () => {
    const certificate = {
      certificateNo: 'S000311000001265000003',
      type: 'skill_level',
      status: 'revoked',
      holder: { name: '赵*例', idType: 'resident', idNumberMasked: '110108********0035' },
      occupation: { code: '6-31-01-03', name: '电工', isSpecialty: false },
      direction: '低压电工',
      level: '5',
      institution: { code: 'EVA-003', name: '示例评价机构' },
      issuedOn: '2026-03-01',
      revokedAt: '2026-06-01T02:00:00Z',
    }
    mini.setServer((method, url) => (method === 'GET' && url.includes('/api/verify/') ? { statusCode: 200, data: { certificate } } : undefined))
    const page = await render('pages/verify/index', { token: 'SAMPLE-revoked-skill-level-certificate-03' })
    await page.settle(150)
    const text = page.text()
    expect(text).toContain('已撤销')
    expect(text).toContain('赵*例')
    expect(text).toContain('电工（低压电工）')
    expect(text).toContain('五级/初级工')
    expect(text).not.toContain('真实有效')
    expect(mini.requests.map((r) => r.url)).toEqual(['https://api.example.com/api/verify/SAMPLE-revoked-skill-level-certificate-03'])
  })

  it('证书 offers the lookup form and 登录 for 我的证书 when signed out', async () => {
    const page = await render('pages/certificates/index')
    await page.settle(100)
    const text = page.text()
    expect(text).toContain('按证书编号')
    expect(text).toContain('按证件号码')
    expect(text).toContain('持证人姓名')
    expect(page.textsOf('wx-button')).toEqual(expect.arrayContaining(['登录', '查询']))
  })

  it('我的 offers 登录 when signed out', async () => {
    const page = await render('pages/me/index')
    expect(page.text()).toContain('您还没有登录')
    // The NutUI button must come out as a real mini-program <button>.
    expect(page.textsOf('wx-button')).toContain('登录')
  })

  it('我的 shows the name and masked profile when signed in', async () => {
    mini.storage.set('jz_token', 'test-token')
    mini.setServer((method, url) => {
      if (method === 'GET' && url.endsWith('/api/me')) return { statusCode: 200, data: { user: USER } }
      if (method === 'GET' && url.endsWith('/api/me/profile')) return { statusCode: 200, data: { profile: PROFILE } }
      return { statusCode: 404, data: { error: { code: 'not_found', message: '没有这个接口' } } }
    })
    const page = await render('pages/me/index')
    await page.settle(100)
    const text = page.text()
    expect(text).toContain('王建国')
    expect(text).toContain('110105********0021')
    expect(text).toContain('138****1234')
    expect(text).toContain('朝阳区')
    expect(text).toContain('农村转移就业劳动者')
    expect(page.textsOf('wx-button')).toContain('退出登录')
    // The weapp build talks to the build-time API origin with the stored token.
    expect(mini.requests.map((r) => r.url)).toContain('https://api.example.com/api/me/profile')
  })

  it('首页 reminds a signed-in person without a profile to complete it', async () => {
    mini.storage.set('jz_token', 'test-token')
    mini.setServer((method, url) =>
      method === 'GET' && url.endsWith('/api/me') ? { statusCode: 200, data: { user: { ...USER, hasProfile: false } } } : undefined,
    )
    const page = await render('pages/index/index')
    await page.settle(100)
    expect(page.text()).toContain('请先完善资料')
  })

  it('a 401 forgets the token and opens the login page once', async () => {
    mini.storage.set('jz_token', 'expired-token')
    mini.setServer((method, url) =>
      url.endsWith('/api/me')
        ? { statusCode: 200, data: { user: USER } }
        : { statusCode: 401, data: { error: { code: 'unauthorized', message: '登录已过期，请重新登录' } } },
    )
    const page = await render('pages/profile/index')
    await page.settle(100)
    expect(mini.storage.has('jz_token')).toBe(false)
    expect(mini.navigations).toEqual(['/pages/login/index'])
  })
})
