import { stationQrQuery, type StationQrCode } from '@jz/shared';
import { config } from '../../../lib/config';
import { ApiError } from '../../../lib/errors';
import { file, ok, parseQuery, route } from '../../../lib/http';
import { promotionTarget } from '../../../lib/enrollment/promotion';
import { appOrigin } from '../../../lib/enrollment/rpc';
import { callerStation } from '../../../lib/enrollment/stations';
import { dataUri, qrPng, sceneFor, stationLink, stationPage } from '../../../lib/qr/qr';
import { requireSession } from '../../../lib/session';
import { getUnlimitedWxacode } from '../../../lib/wechat';

/**
 * A station's code for a class (?classId=) or project (?projectId=): the H5 link with the station
 * code as a QR code, and the scene for a mini-program code, which is fetched from WeChat
 * (wxacode.getUnlimited) when WeChat is configured. format=json (default) answers both as data
 * URIs; format=png the QR code PNG itself; format=wxacode the mini-program code image itself.
 */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const query = parseQuery(req, stationQrQuery);
      const station = await callerStation(session, query.station);
      const target = await promotionTarget(session, query);
      const url = stationLink(appOrigin(req), target, station.code);
      const scene = sceneFor(target, station.code);
      const page = stationPage(target);

      if (query.format === 'png') {
        return file(await qrPng(url), 'image/png', {
          'Content-Disposition': `inline; filename="qrcode-${station.code}-${target.code}.png"`,
          'X-Scene': scene,
        });
      }
      if (query.format === 'wxacode') {
        if (!config.wechat.configured) throw new ApiError(503, 'wechat_not_configured', '微信接口尚未配置，暂时只能生成普通二维码');
        const { image, contentType } = await getUnlimitedWxacode({ scene, page });
        return file(image, contentType, { 'Content-Disposition': `inline; filename="wxacode-${station.code}-${target.code}"`, 'X-Scene': scene });
      }

      let wxacode: string | null = null;
      let wxacodeError: StationQrCode['wxacodeError'] = null;
      if (config.wechat.configured) {
        try {
          const { image, contentType } = await getUnlimitedWxacode({ scene, page });
          wxacode = dataUri(image, contentType);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          wxacodeError = { code: error.code, message: error.message };
        }
      }
      const body: StationQrCode = {
        station: { code: station.code, name: station.name },
        target: { kind: target.kind, id: target.id, code: target.code, title: target.title, ...(target.name ? { name: target.name } : {}) },
        url,
        page,
        scene,
        qrcode: dataUri(await qrPng(url)),
        wxacode,
        wxacodeError,
      };
      return ok(body);
    },
  },
  'stations/me/qrcode',
);
