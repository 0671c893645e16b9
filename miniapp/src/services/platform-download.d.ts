/**
 * Downloading a staff file (CSV export): `platform-download.h5.ts` saves it in the browser,
 * `platform-download.weapp.ts` cannot (WeChat phones have nowhere to open a CSV). Taro picks the file.
 */

/** Downloads a file the API serves to signed-in staff under `fileName`; false when this build cannot (rejects when the server refuses). */
export function downloadStaffFile(apiPath: string, fileName: string): Promise<boolean>
