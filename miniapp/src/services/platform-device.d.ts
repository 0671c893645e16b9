/**
 * Scanning and maps differ per platform: `platform-device.weapp.ts` uses WeChat's scanner and map,
 * `platform-device.h5.ts` has no scanner and opens a web map. Taro picks the file for the build.
 */

export interface Venue {
  /** WGS-84, as the catalog stores it. */
  lat: number
  lng: number
  name: string
  address: string
}

/** Whether this build can scan a QR code with the camera. */
export const supportsScan: boolean

/** Scans a code; null when the person closed the scanner. `path` is set for mini-program codes. */
export function scanQrCode(): Promise<{ result: string; path?: string } | null>

/** Shows the venue on a map. */
export function openMap(venue: Venue): void

/** A web link to the venue on a map (H5), else null. */
export function mapLink(venue: Venue): string | null

/**
 * Lets a bottom sheet cover the tab bar while it is open; returns the undo. In H5 the tab bar is
 * part of the page and would sit on top of the sheet's buttons; WeChat draws sheets above its own.
 */
export function coverTabBar(): () => void

/** Opens a file the API serves to signed-in staff (e.g. a printable SVG poster); false when this build cannot. */
export function openStaffFile(apiPath: string): Promise<boolean>
