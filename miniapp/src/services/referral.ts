/**
 * Station referral (服务站推荐): a person who arrives through a station's QR code carries its code for
 * the rest of the visit, and the sign-up sends it as `stationCode`. H5 links carry `station=`;
 * mini-program codes carry a `scene` (`s=<station>&c=<class>`), resolved by the API.
 */
import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { STATION_CODE, parseStationScene } from '@jz/shared'
import { recordStationVisit, resolveStationScene } from './api'
import { useLoad } from './load'

const STORAGE_KEY = 'jz_station'
/** A visit: long enough to sign in and fill in the profile, short enough not to credit a later, unrelated sign-up. */
const VISIT_MS = 12 * 3600 * 1000

interface StoredStation {
  code: string
  at: number
}

export function rememberStation(code: string): void {
  if (!STATION_CODE.test(code)) return
  Taro.setStorageSync(STORAGE_KEY, { code, at: Date.now() } satisfies StoredStation)
}

/** The station this visit came through, if any (and still fresh). */
export function currentStationCode(): string | undefined {
  try {
    const stored = Taro.getStorageSync(STORAGE_KEY) as StoredStation | ''
    if (stored && typeof stored.code === 'string' && Date.now() - stored.at < VISIT_MS) return stored.code
  } catch {
    // storage unavailable: no referral
  }
  return undefined
}

const counted = new Set<string>()

/** Remembers the station and counts the visit once per app session and target. */
export function noteStationVisit(stationCode: string, target: { classId?: string; projectId?: string }): void {
  if (!STATION_CODE.test(stationCode)) return
  rememberStation(stationCode)
  const key = `${stationCode}|${target.classId ?? ''}|${target.projectId ?? ''}`
  if (counted.has(key)) return
  counted.add(key)
  void recordStationVisit({ stationCode, ...target }).catch(() => counted.delete(key))
}

/** What a scanned code asks to open. */
export type ScannedTarget =
  | { kind: 'scene'; scene: string }
  | { kind: 'class'; id: string; station?: string }
  | { kind: 'project'; id: string; station?: string }

function queryOf(text: string): Map<string, string> {
  const out = new Map<string, string>()
  const qs = text.includes('?') ? text.slice(text.indexOf('?') + 1) : ''
  for (const part of qs.split('#')[0]!.split('&')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    try {
      out.set(part.slice(0, eq), decodeURIComponent(part.slice(eq + 1)))
    } catch {
      // a malformed value is skipped
    }
  }
  return out
}

/**
 * Reads a scan: a mini-program code gives a page path with `scene=`, a poster's H5 QR code gives
 * a link to /pages/class/index?id=…&station=…. Anything else is not ours (undefined).
 */
export function readScannedCode(scan: { result: string; path?: string }): ScannedTarget | undefined {
  for (const text of [scan.path, scan.result]) {
    if (!text) continue
    const q = queryOf(text)
    const scene = q.get('scene')
    if (scene && parseStationScene(scene)) return { kind: 'scene', scene }
    const id = q.get('id')
    const station = q.get('station')
    if (id && text.includes('pages/class/index')) return { kind: 'class', id, station }
    if (id && text.includes('pages/project/index')) return { kind: 'project', id, station }
  }
  return undefined
}

/** Opens what a scanned station code points to; false when the code is not one of ours. */
export function openScannedCode(scan: { result: string; path?: string }, open: (page: 'class' | 'project', query: Record<string, string>) => void): boolean {
  const target = readScannedCode(scan)
  if (!target) return false
  if (target.kind === 'scene') {
    const parsed = parseStationScene(target.scene)
    if (!parsed) return false
    rememberStation(parsed.stationCode)
    if (parsed.classCode) open('class', { scene: target.scene })
    else if (parsed.projectCode) open('project', { scene: target.scene })
    return true
  }
  if (target.station) rememberStation(target.station)
  open(target.kind, target.station ? { id: target.id, station: target.station } : { id: target.id })
  return true
}

export type RouteTarget =
  | { status: 'resolving' }
  | { status: 'ready'; id: string; stationCode?: string }
  | { status: 'error'; message: string }

/**
 * The class or project a page should show, from its URL: `id` (and `station` from an H5 poster
 * link), or the `scene` of a mini-program code, which the API resolves. A station found either
 * way is remembered for the visit and the opening counted.
 */
export function useRouteTarget(kind: 'class' | 'project'): RouteTarget {
  const { params } = useRouter()
  const id = params.id
  const station = params.station ? decodeSafe(params.station) : undefined
  const scene = !id && params.scene ? decodeSafe(params.scene) : null
  const resolvedScene = useLoad(scene, () => resolveStationScene(scene ?? '', { silent: true }))

  let target: RouteTarget
  if (id) target = { status: 'ready', id, stationCode: station }
  else if (scene === null) target = { status: 'error', message: kind === 'class' ? '没有指定班次' : '没有指定培训项目' }
  else if (resolvedScene.status === 'loading') target = { status: 'resolving' }
  else if (resolvedScene.status === 'error') target = { status: 'error', message: resolvedScene.message }
  else {
    const found = kind === 'class' ? resolvedScene.data.classId : resolvedScene.data.projectId
    target = found ? { status: 'ready', id: found, stationCode: resolvedScene.data.stationCode } : { status: 'error', message: '这个二维码没有对应的内容' }
  }

  const readyId = target.status === 'ready' ? target.id : undefined
  const readyStation = target.status === 'ready' ? target.stationCode : undefined
  useEffect(() => {
    if (readyId && readyStation) noteStationVisit(readyStation, kind === 'class' ? { classId: readyId } : { projectId: readyId })
  }, [readyId, readyStation, kind])

  return target
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
