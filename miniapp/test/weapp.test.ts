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

let mini: MiniHarness
let open: RenderedPage[] = []

async function render(route: string) {
  const page = await mini.renderPage(route)
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
  it('首页 shows the programme header, search and the four key fields', async () => {
    const page = await render('pages/index/index')
    const text = page.text()
    expect(text).toContain('技能照亮前程')
    expect(text).toContain('北京市项目制培训：岗位需求＋技能培训＋技能评价＋就业服务')
    expect(text).toContain('搜索培训课程、工种')
    for (const field of ['康养托育', '先进制造', '现代服务', '新职业']) expect(text).toContain(field)
    // Signed out: no 完善资料 reminder, and no request was needed.
    expect(text).not.toContain('请先完善资料')
    expect(mini.requests).toEqual([])
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
