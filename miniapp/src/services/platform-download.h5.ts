import { API_BASE, getToken } from './api'

export async function downloadStaffFile(apiPath: string, fileName: string): Promise<boolean> {
  const res = await fetch(`${API_BASE}${apiPath}`, { headers: { Authorization: `Bearer ${getToken()}` } })
  if (!res.ok) throw new Error(`export failed: ${res.status}`)
  const url = URL.createObjectURL(await res.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return true
}
