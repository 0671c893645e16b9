// Draws the four tab bar icons (81x81 PNG, normal and selected) with no dependencies: shapes are
// rasterised with 4x4 supersampling and written as PNG bytes through zlib. Run: npm run icons -w @jz/miniapp
import { writeFileSync, mkdirSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

const SIZE = 81
const OUT = fileURLToPath(new URL('../src/assets/tab/', import.meta.url))
const GREY = [0x86, 0x8a, 0x93]
const BRAND = [0x1a, 0x5f, 0xd0]

// Shapes work in a 0..100 box; each returns true when the point is inside.
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const ring = (cx, cy, r, w) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy)
  return d <= r && d >= r - w
}
const rect = (x0, y0, x1, y1, r = 0) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}
const polygon = (pts) => (x, y) => {
  let inside = false
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i]
    const [xj, yj] = pts[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}
const union = (...fs) => (x, y) => fs.some((f) => f(x, y))
const minus = (a, ...bs) => (x, y) => a(x, y) && !bs.some((b) => b(x, y))

const ICONS = {
  // 首页: a house with a door
  home: minus(
    union(polygon([[50, 10], [92, 46], [80, 46], [80, 88], [20, 88], [20, 46], [8, 46]])),
    rect(42, 60, 58, 88, 3),
  ),
  // 培训: an open book
  training: union(
    polygon([[8, 22], [46, 28], [46, 86], [8, 80]]),
    polygon([[54, 28], [92, 22], [92, 80], [54, 86]]),
  ),
  // 证书: a medal with two ribbons
  certificates: union(
    minus(circle(50, 38, 28), ring(50, 38, 19, 4)),
    polygon([[30, 58], [40, 62], [34, 94], [26, 86], [16, 88]]),
    polygon([[70, 58], [60, 62], [66, 94], [74, 86], [84, 88]]),
  ),
  // 我的: a person
  me: union(circle(50, 30, 18), minus(circle(50, 96, 38), rect(0, 92, 100, 100))),
}

function crc32(buf) {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}

function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

function png(shape, [r, g, b]) {
  const SS = 4
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0 // filter: none
    for (let x = 0; x < SIZE; x++) {
      let hits = 0
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const px = ((x + (sx + 0.5) / SS) / SIZE) * 100
          const py = ((y + (sy + 0.5) / SS) / SIZE) * 100
          if (shape(px, py)) hits++
        }
      }
      const o = y * (SIZE * 4 + 1) + 1 + x * 4
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = Math.round((hits / (SS * SS)) * 255)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

mkdirSync(OUT, { recursive: true })
for (const [name, shape] of Object.entries(ICONS)) {
  writeFileSync(`${OUT}${name}.png`, png(shape, GREY))
  writeFileSync(`${OUT}${name}-active.png`, png(shape, BRAND))
}
console.log(`tab icons written to ${OUT}`)
