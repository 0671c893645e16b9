import { demandImportQuery, type DemandImportProblem, type DemandImportReport } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { readCsvUpload } from '../../../lib/csv';
import { badRequest } from '../../../lib/errors';
import { ok, parseQuery, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';
import { requireSupplyReviewer } from '../../../lib/supply/access';
import { checkDemandRow, DEMAND_IMPORT_HEADER, mapDemandHeader, type CheckedDemandRow } from '../../../lib/supply/demandImport';

const MAX_BYTES = 1024 * 1024;
const MAX_ROWS = 2000;

/**
 * 需求导入: reviewers and admins import demands their district collected (征集通知, 企业服务包) as a
 * CSV with the 企业申报 form's Chinese headers (UTF-8 with or without BOM, or GB18030). Imported
 * demands are published at once, in the reviewer's districts only. All or nothing: one bad row and
 * nothing is written; with ?partial=1 the good rows are. The answer reports every problem by row.
 */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireSupplyReviewer(session);
      const { partial = false } = parseQuery(req, demandImportQuery);
      const { header, data } = await readCsvUpload(req, {
        maxBytes: MAX_BYTES,
        tooLargeMessage: '文件太大了：不能超过 1 MB，请分成几个文件导入',
        expectedHeader: DEMAND_IMPORT_HEADER,
      });
      const mapped = mapDemandHeader(header);
      if (!mapped.ok) throw badRequest('CSV 表头缺少必需的列', { header: `缺少：${mapped.missing.join('、')}` }, 'invalid_csv');
      if (data.length === 0) throw badRequest('文件里没有数据行', { file: '表头下面至少要有一行需求' }, 'invalid_csv');
      if (data.length > MAX_ROWS) throw badRequest('行数太多了', { file: `一次最多导入 ${MAX_ROWS} 行，请分成几个文件` }, 'invalid_csv');

      const good: CheckedDemandRow[] = [];
      const problems: DemandImportProblem[] = [];
      data.forEach((cells, i) => {
        const checked = checkDemandRow(cells, i + 2, mapped.columns);
        if (checked.ok) good.push(checked.value);
        else problems.push(...checked.problems);
      });
      const rejectedRows = new Set(problems.map((p) => p.row)).size;
      const result = await callRpc<{ committed: boolean; imported: DemandImportReport['imported']; errors: DemandImportProblem[] }>(
        session,
        'import_demands',
        { p_rows: good, p_partial: partial, p_rejected_before: rejectedRows },
      );
      const report: DemandImportReport = {
        rows: data.length,
        committed: result.committed,
        partial,
        imported: result.imported,
        problems: [...problems, ...result.errors].sort((a, b) => a.row - b.row),
      };
      return ok(report);
    },
  },
  'review/demands/import',
);
