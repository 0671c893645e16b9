import Taro from '@tarojs/taro'
import { API_BASE, getToken } from './api'
import type { Venue } from './platform-device'

/** Browsers here have no scanner API (Taro.scanCode is unsupported in H5). */
export const supportsScan = false

export function scanQrCode(): Promise<{ result: string; path?: string } | null> {
  return Promise.resolve(null)
}

/** Amap's web marker page: opens the Amap app on phones that have it, else a web map. */
export function mapLink(venue: Venue): string | null {
  const q = [
    `position=${venue.lng},${venue.lat}`,
    `name=${encodeURIComponent(venue.name)}`,
    'coordinate=wgs84',
    'callnative=1',
    'src=jzzlqc',
  ].join('&')
  return `https://uri.amap.com/marker?${q}`
}

export function openMap(venue: Venue): void {
  const url = mapLink(venue)
  if (!url) return
  // A new tab keeps the class page (and a half-finished sign-up) where it was.
  if (!window.open(url, '_blank')) window.location.href = url
}

const TAB_PAGES = ['pages/index/index', 'pages/training/index', 'pages/certificates/index', 'pages/me/index']

export function coverTabBar(): () => void {
  const pages = Taro.getCurrentPages()
  const route = (pages[pages.length - 1]?.route ?? '').replace(/^\//, '').split('?')[0] ?? ''
  if (!TAB_PAGES.includes(route)) return () => undefined
  void Taro.hideTabBar({ animation: false }).catch(() => undefined)
  return () => void Taro.showTabBar({ animation: false }).catch(() => undefined)
}

export async function openStaffFile(apiPath: string): Promise<boolean> {
  // Opened before the fetch so the browser counts it as the tap's own window (no popup blocking).
  const win = window.open('', '_blank')
  const res = await fetch(`${API_BASE}${apiPath}`, { headers: { Authorization: `Bearer ${getToken()}` } })
  if (!res.ok) {
    win?.close()
    return false
  }
  const url = URL.createObjectURL(await res.blob())
  if (win) win.location.href = url
  else window.location.href = url
  return true
}
