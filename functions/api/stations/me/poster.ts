import { stationPosterQuery } from '@jz/shared';
import { config } from '../../../lib/config';
import { ApiError } from '../../../lib/errors';
import { file, parseQuery, route } from '../../../lib/http';
import { promotionTarget } from '../../../lib/enrollment/promotion';
import { appOrigin } from '../../../lib/enrollment/rpc';
import { callerStation } from '../../../lib/enrollment/stations';
import { posterSvg, qrPng, sceneFor, stationLink, stationPage } from '../../../lib/qr/qr';
import { requireSession } from '../../../lib/session';
import { getUnlimitedWxacode } from '../../../lib/wechat';

/**
 * A printable poster (750×1200 SVG) for a class or project: title, dates, seats, place and the code —
 * the mini-program code when WeChat is configured and answers, else the QR code of the H5 link.
 */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const query = parseQuery(req, stationPosterQuery);
      const station = await callerStation(session, query.station);
      const target = await promotionTarget(session, query);
      let code: { png: Buffer; caption: string } | undefined;
      if (config.wechat.configured) {
        try {
          const { image } = await getUnlimitedWxacode({ scene: sceneFor(target, station.code), page: stationPage(target) });
          code = { png: image, caption: '微信扫一扫，立即报名' };
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
        }
      }
      code ??= { png: await qrPng(stationLink(appOrigin(req), target, station.code), 600), caption: '微信或手机浏览器扫码报名' };
      return file(posterSvg({ target, station, code }), 'image/svg+xml; charset=utf-8', {
        'Content-Disposition': `inline; filename="poster-${station.code}-${target.code}.svg"`,
      });
    },
  },
  'stations/me/poster',
);
