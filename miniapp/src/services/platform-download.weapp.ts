/** WeChat on a phone has no place to open a spreadsheet: exports are made on a computer (H5). */
export function downloadStaffFile(_apiPath: string, _fileName: string): Promise<boolean> {
  return Promise.resolve(false)
}
