/** QR codes (the `qrcode` package, pure JS) and the links and posters stations print. */
import QRCode from 'qrcode';
import { stationScene } from '@jz/shared';

/** Mini-program pages the codes open (same paths in weapp and in the H5 build, which uses the browser router). */
export const CLASS_PAGE = 'pages/class/index';
export const PROJECT_PAGE = 'pages/project/index';

export interface PromotionTarget {
  kind: 'class' | 'project';
  id: string;
  code: string;
  title: string;
  /** Class name, e.g. 2026年第3期（周末班）. */
  name?: string;
  projectId?: string;
  projectCode?: string;
  startDate?: string;
  endDate?: string;
  schedule?: string;
  capacity?: number;
  seatsLeft?: number;
  address?: string;
  districtName?: string;
  institutionName?: string;
  hours?: number;
  nextClass?: { id: string; name: string; startDate: string; endDate: string; seatsLeft: number } | null;
}

/** The H5 link a station's QR code opens: the class (or project) page carrying the station code. */
export function stationLink(appUrl: string, target: PromotionTarget, stationCode: string): string {
  const page = target.kind === 'class' ? CLASS_PAGE : PROJECT_PAGE;
  const url = new URL(`/${page}`, appUrl.endsWith('/') ? appUrl : `${appUrl}/`);
  url.searchParams.set('id', target.id);
  url.searchParams.set('station', stationCode);
  return url.toString();
}

export function stationPage(target: PromotionTarget): string {
  return target.kind === 'class' ? CLASS_PAGE : PROJECT_PAGE;
}

export function sceneFor(target: PromotionTarget, stationCode: string): string {
  return stationScene(target.kind === 'class' ? { stationCode, classCode: target.code } : { stationCode, projectCode: target.code });
}

/** A QR code PNG of `text` (error correction M: survives a crease or a smudge on a poster). */
export function qrPng(text: string, width = 480): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width });
}

export const dataUri = (png: Buffer, mime = 'image/png') => `data:${mime};base64,${png.toString('base64')}`;

/* ---------------------------------------------------------------- poster */

const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** Width of text in ems: CJK and full-width characters 1, others about 0.55. */
const emWidth = (s: string) => Array.from(s).reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 1 : 0.55), 0);

/** Breaks text into lines of at most `maxEm` ems, at most `maxLines` (the last one ends with …). */
export function wrap(text: string, maxEm: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of Array.from(text)) {
    if (emWidth(line + ch) > maxEm) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = kept[maxLines - 1]!.slice(0, -1) + '…';
    return kept;
  }
  return lines;
}

const dateText = (iso?: string) => (iso ? `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : '');

/**
 * A printable 750×1200 poster as SVG: class (or project) title, dates, seats, place and the code.
 * SVG rather than PNG: drawing Chinese text into a PNG needs a CJK font and a rasteriser, which no
 * pure-JS package here provides; browsers, WeChat's image viewer and printers render the SVG with
 * the phone's or computer's own fonts.
 */
export function posterSvg(input: {
  target: PromotionTarget;
  station: { name: string };
  code: { png: Buffer; caption: string };
}): string {
  const { target, station, code } = input;
  const W = 750;
  const text: string[] = [];
  let y = 150;
  const line = (s: string, size: number, opts: { weight?: number; color?: string; gap?: number } = {}) => {
    text.push(`<text x="${W / 2}" y="${y}" font-size="${size}" text-anchor="middle" font-weight="${opts.weight ?? 400}" fill="${
      opts.color ?? '#1f2937'}">${escapeXml(s)}</text>`);
    y += opts.gap ?? Math.round(size * 1.5);
  };
  for (const l of wrap(target.title, 15, 2)) line(l, 44, { weight: 700, gap: 62 });
  y += 6;
  if (target.kind === 'class') {
    if (target.name) line(target.name, 30, { color: '#374151' });
    line(`开班 ${dateText(target.startDate)} — ${dateText(target.endDate)}`, 30, { color: '#374151' });
    if (target.schedule) for (const l of wrap(target.schedule, 22, 1)) line(l, 26, { color: '#4b5563' });
    line(target.seatsLeft && target.seatsLeft > 0 ? `剩余名额 ${target.seatsLeft} / ${target.capacity}` : '名额已满，可报名候补', 30, {
      weight: 700,
      color: target.seatsLeft && target.seatsLeft > 0 ? '#b91c1c' : '#6b7280',
    });
    const place = [target.districtName, target.address].filter(Boolean).join(' ') || '线上授课';
    for (const l of wrap(place, 24, 1)) line(l, 24, { color: '#4b5563' });
  } else {
    if (target.hours) line(`培训时长 ${target.hours} 课时`, 30, { color: '#374151' });
    if (target.nextClass) line(`最近一期 ${dateText(target.nextClass.startDate)} 开班`, 30, { color: '#374151' });
  }
  if (target.institutionName) for (const l of wrap(target.institutionName, 24, 1)) line(l, 24, { color: '#6b7280' });

  const qrSize = 420;
  const qrY = Math.max(y + 10, 1200 - qrSize - 170);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${W}" height="1200" viewBox="0 0 ${W} 1200" font-family="'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif">`,
    `<rect width="${W}" height="1200" fill="#ffffff"/>`,
    `<rect width="${W}" height="96" fill="#1d4ed8"/>`,
    `<text x="${W / 2}" y="62" font-size="36" text-anchor="middle" font-weight="700" fill="#ffffff">技能照亮前程 · 免费技能培训</text>`,
    ...text,
    `<image x="${(W - qrSize) / 2}" y="${qrY}" width="${qrSize}" height="${qrSize}" xlink:href="${dataUri(code.png)}" href="${dataUri(code.png)}"/>`,
    `<text x="${W / 2}" y="${qrY + qrSize + 50}" font-size="30" text-anchor="middle" fill="#1f2937">${escapeXml(code.caption)}</text>`,
    `<text x="${W / 2}" y="${qrY + qrSize + 100}" font-size="24" text-anchor="middle" fill="#6b7280">${escapeXml(station.name)}</text>`,
    `</svg>`,
    '',
  ].join('\n');
}
