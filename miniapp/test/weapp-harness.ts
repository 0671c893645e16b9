/**
 * Runs the real compiled weapp build (dist/weapp) in Node with miniprogram-simulate: WeChat's own
 * WXML compiler renders Taro's templates, so a node the mini-program cannot draw (e.g. a raw
 * `<div>`) is missing here exactly as it would be on a phone.
 */
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { JSDOM } from 'jsdom'

export const DIST = fileURLToPath(new URL('../dist/weapp/', import.meta.url))

const require = createRequire(import.meta.url)

type Json = unknown
export interface FakeResponse {
  statusCode: number
  data: Json
}
/** Answers `wx.request` calls; return undefined to simulate a network failure. */
export type FakeServer = (method: string, url: string, body: Json) => FakeResponse | undefined

interface WxRequestOptions {
  url: string
  method?: string
  data?: unknown
  success?: (res: FakeResponse & { header: Record<string, string> }) => void
  fail?: (err: { errMsg: string }) => void
  complete?: (res: unknown) => void
}

interface SimComponent {
  dom: HTMLElement
  attach(parent: Element): void
  detach(): void
}

interface Simulate {
  load(componentPath: string, options?: { rootPath?: string }): string
  render(id: string): SimComponent
  sleep(ms?: number): Promise<void>
}

interface PageOptions {
  data?: Record<string, unknown>
  [key: string]: unknown
}

export interface MiniHarness {
  storage: Map<string, unknown>
  /** URLs passed to wx.navigateTo / wx.switchTab, in order. */
  navigations: string[]
  requests: { method: string; url: string; body: Json }[]
  setServer(server: FakeServer): void
  /** Renders a page; `query` is what the page's onLoad receives (its URL parameters). */
  renderPage(route: string, query?: Record<string, string>): Promise<RenderedPage>
}

export interface RenderedPage {
  dom: HTMLElement
  /** All text in the rendered tree, whitespace collapsed. */
  text(): string
  /** The text of every element with the given wx tag, e.g. `wx-button`. */
  textsOf(tag: string): string[]
  settle(ms?: number): Promise<void>
  close(): void
}

let harness: MiniHarness | null = null

export function startMiniProgram(): MiniHarness {
  if (harness) return harness
  if (!existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(`No weapp build in ${DIST}: run \`npm run build:weapp -w @jz/miniapp\` (the vitest globalSetup normally does).`)
  }

  // miniprogram-simulate draws into a DOM; Taro's own runtime brings its own document and window.
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true })
  const g = globalThis as Record<string, unknown>
  g.window = dom.window
  for (const k of ['document', 'Event', 'CustomEvent', 'Node', 'Element', 'HTMLElement', 'MutationObserver'] as const) {
    g[k] = dom.window[k]
  }

  const simulate = require('miniprogram-simulate') as Simulate
  const wx = g.wx as Record<string, unknown>

  const storage = new Map<string, unknown>()
  const requests: MiniHarness['requests'] = []
  let server: FakeServer = () => ({ statusCode: 404, data: { error: { code: 'not_found', message: '没有这个接口' } } })

  const navigations: string[] = []
  for (const api of ['navigateTo', 'switchTab', 'redirectTo'] as const) {
    wx[api] = (options: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      navigations.push(options.url)
      setTimeout(() => {
        options.success?.({ errMsg: `${api}:ok` })
        options.complete?.({ errMsg: `${api}:ok` })
      }, 0)
    }
  }

  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '')
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, value)
  wx.removeStorageSync = (key: string) => void storage.delete(key)
  wx.request = (options: WxRequestOptions) => {
    const method = (options.method ?? 'GET').toUpperCase()
    const body = typeof options.data === 'string' && options.data ? (JSON.parse(options.data) as Json) : (options.data ?? null)
    requests.push({ method, url: options.url, body })
    setTimeout(() => {
      const res = server(method, options.url, body)
      if (res) {
        const full = { ...res, header: { 'Content-Type': 'application/json' }, errMsg: 'request:ok' }
        options.success?.(full)
        options.complete?.(full)
      } else {
        const err = { errMsg: 'request:fail timeout' }
        options.fail?.(err)
        options.complete?.(err)
      }
    }, 0)
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
  }

  // Taro's Page() config maps onto a Component whose lifetimes call the page hooks.
  let app: Record<string, (arg?: unknown) => void> | null = null
  const stack: unknown[] = []
  let nextQuery: Record<string, string> = {}
  g.App = (options: typeof app) => {
    app = options
  }
  g.getApp = () => app
  g.getCurrentPages = () => stack
  g.Page = (options: PageOptions) => {
    const methods: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(options)) if (typeof v === 'function') methods[k] = v
    ;(g.Component as (o: unknown) => void)({
      data: options.data,
      methods,
      lifetimes: {
        attached(this: Record<string, (arg?: unknown) => void>) {
          stack.push(this)
          this.onLoad?.(nextQuery)
          this.onShow?.()
        },
        ready(this: Record<string, () => void>) {
          this.onReady?.()
        },
        detached(this: Record<string, () => void>) {
          this.onUnload?.()
          stack.splice(stack.indexOf(this), 1)
        },
      },
    })
  }

  require(path.join(DIST, 'app.js'))
  if (!app) throw new Error('app.js did not call App(): is dist/weapp a Taro build?')
  const launched = app as Record<string, (arg?: unknown) => void>
  launched.onLaunch?.({ path: 'pages/index/index', query: {}, scene: 1001 })
  launched.onShow?.({ path: 'pages/index/index', query: {}, scene: 1001 })

  const pageIds = new Map<string, string>()
  harness = {
    storage,
    navigations,
    requests,
    setServer(next) {
      server = next
    },
    async renderPage(route, query = {}) {
      nextQuery = query
      // A page's chunk registers its Page() only the first time it is required: load once, render many.
      const id = pageIds.get(route) ?? simulate.load(path.join(DIST, route), { rootPath: DIST })
      pageIds.set(route, id)
      const comp = simulate.render(id)
      const parent = dom.window.document.createElement('main')
      dom.window.document.body.appendChild(parent)
      comp.attach(parent)
      const page: RenderedPage = {
        dom: comp.dom,
        text: () => (comp.dom.textContent ?? '').replace(/\s+/g, ' ').trim(),
        textsOf: (tag) => Array.from(comp.dom.querySelectorAll(tag)).map((el) => (el.textContent ?? '').trim()),
        settle: (ms = 50) => simulate.sleep(ms),
        close: () => {
          comp.detach()
          parent.remove()
        },
      }
      await page.settle()
      return page
    },
  }
  return harness
}
