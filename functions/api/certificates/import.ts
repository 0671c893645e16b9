import { randomUUID } from 'node:crypto';
import {
  beijingToday,
  certificateImportQuery,
  IMPORT_PART_MAX_BYTES,
  IMPORT_PART_MAX_ROWS,
  type CertificateImportReport,
} from '@jz/shared';
import { badRequest } from '../../lib/errors';
import { ok, parseQuery, route } from '../../lib/http';
import { requireEvaluatorStaff } from '../../lib/certificates/access';
import { readCsvUpload } from '../../lib/csv';
import { callRpc } from '../../lib/certificates/db';
import { checkImportRow, mapHeader } from '../../lib/certificates/importRows';
import { requireSession } from '../../lib/session';

/**
 * Import of earlier certificate records (evaluation institution staff; admins name the institution
 * with ?institution=EVA-…). The body is a CSV (header row + data rows, UTF-8 or GB18030, ≤ 1 MB).
 * A larger file is sent in parts, each a CSV with its header: ?batch=<uuid>&part=<n>&of=<m>, in
 * order; each answer reports progress and the rows rejected so far, the last one the whole result.
 * Rows are written only when the last part is in and every row is valid — or, with ?partial=1,
 * the valid ones.
 */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireEvaluatorStaff(session, { admins: true });
      const query = parseQuery(req, certificateImportQuery);
      const institution = query.institution ?? session.roles.find((g) => g.role === 'evaluator_staff')?.scope;
      if (!institution) throw badRequest('请指定评价机构', { institution: '管理员导入时请用 ?institution=EVA-… 指定评价机构' });

      const { header, data } = await readCsvUpload(req, {
        maxBytes: IMPORT_PART_MAX_BYTES,
        tooLargeMessage: '文件太大了：每段不能超过 1 MB，请分段上传（?batch=…&part=…&of=…）',
        expectedHeader: '证书编号,姓名,证件类型,证件号码,职业编码,工种/职业方向,等级,发证日期',
      });
      const mapped = mapHeader(header);
      if (!mapped.ok) throw badRequest('CSV 表头缺少必需的列', { header: `缺少：${mapped.missing.join('、')}` }, 'invalid_csv');
      if (data.length > IMPORT_PART_MAX_ROWS) {
        throw badRequest('这一段的行数太多了', { file: `每段最多 ${IMPORT_PART_MAX_ROWS} 行，请分段上传` }, 'invalid_csv');
      }

      const today = beijingToday();
      const rows = data.map((cells, i) => checkImportRow(cells, i + 1, mapped.columns, today));
      return ok(
        await callRpc<CertificateImportReport>(session, 'import_certificates', {
          p_import_id: query.batch ?? randomUUID(),
          p_institution_code: institution,
          p_part: query.part ?? 1,
          p_parts: query.of ?? 1,
          p_partial: query.partial ?? false,
          p_rows: rows,
        }),
      );
    },
  },
  'certificates/import',
);
