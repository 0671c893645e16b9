import Taro from '@tarojs/taro'
import { wgs84ToGcj02 } from './geo'
import type { Venue } from './platform-device'

export const supportsScan = true

export async function scanQrCode(): Promise<{ result: string; path?: string } | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
    return { result: res.result ?? '', path: res.path || undefined }
  } catch {
    // closed by the person, or the camera was refused
    return null
  }
}

export function openMap(venue: Venue): void {
  const { lat, lng } = wgs84ToGcj02(venue.lat, venue.lng)
  void Taro.openLocation({ latitude: lat, longitude: lng, name: venue.name, address: venue.address, scale: 16 }).catch(() => undefined)
}

export function mapLink(_venue: Venue): string | null {
  return null
}

export function coverTabBar(): () => void {
  return () => undefined
}

/** WeChat cannot show an SVG file; posters are printed from the web version. */
export function openStaffFile(_apiPath: string): Promise<boolean> {
  return Promise.resolve(false)
}
