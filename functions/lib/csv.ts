/**
 * CSV for the imports (certificates, demands) and exports (rosters, payment files, statistics).
 * Reading: a small RFC 4180 reader — quoted fields (with commas, quotes doubled, line breaks), CRLF
 * or LF, a UTF-8 byte-order mark; files Excel saved in GB18030/GBK are decoded too; columns are found
 * by header name, in any order. Writing: UTF-8 with a byte-order mark for Excel, formulas defused.
 */
import type { VercelRequest } from '@vercel/node';
import { badRequest } from './errors';
import { readRawBody } from './http';

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Text of an uploaded file: UTF-8 (BOM dropped), or GB18030 when the bytes are not UTF-8 (Excel's “CSV” on Chinese Windows). */
export function decodeCsv(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The records of a CSV text; each record an array of fields. Blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let quoteLine = 1;

  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          while (text[i + 1] === ' ' || text[i + 1] === '\t') i++; // spaces after the closing quote
          const next = text[i + 1];
          if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
            throw new CsvError(`第${line}行：引号后面应是逗号或换行`, line);
          }
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (fieldStarted && field.trim() !== '') throw new CsvError(`第${line}行：字段中间出现了引号，请用引号把整个字段括起来`, line);
      field = '';
      quoted = true;
      fieldStarted = true;
      quoteLine = line;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvError(`第${quoteLine}行：引号没有闭合`, quoteLine);
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** A header cell as compared: no spaces (full-width ones too), lower case. */
export const squash = (s: string) => s.replace(/[\s\u3000]+/g, '').toLowerCase();

export interface ColumnSpec {
  /** Header names that mean this column; the first is the one reports name. */
  names: readonly string[];
  required: boolean;
}

/** Column index of every known column; the missing required ones are listed instead. Unknown columns are ignored. */
export function mapColumns<K extends string>(
  header: string[],
  spec: Record<K, ColumnSpec>,
): { ok: true; columns: Partial<Record<K, number>> } | { ok: false; missing: string[] } {
  const columns: Partial<Record<K, number>> = {};
  const cells = header.map(squash);
  const entries = Object.entries(spec) as [K, ColumnSpec][];
  for (const [key, column] of entries) {
    const index = cells.findIndex((c) => column.names.some((n) => squash(n) === c));
    if (index >= 0) columns[key] = index;
  }
  const missing = entries.filter(([key, column]) => column.required && columns[key] === undefined).map(([, column]) => column.names[0]!);
  return missing.length ? { ok: false, missing } : { ok: true, columns };
}

/** YYYY-MM-DD from 2024-05-06, 2024/5/6, 2024.5.6 or 2024年5月6日, when it is a real date. */
export function parseDate(raw: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/* ---------------------------------------------------------------- writing (exports) */

const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '""';
  if (typeof value === 'number') return `"${value}"`;
  const text = String(value);
  // A leading = + - @ would be a formula in Excel.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

/** A CSV file for Excel: UTF-8 with a byte-order mark, CRLF, every cell quoted, formulas defused. */
export function csvText(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Content-Disposition for a download named in Chinese (ASCII fallback for old clients). */
export function attachment(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/* ---------------------------------------------------------------- uploads */

/** What browsers and Excel send a CSV file as. */
const CSV_MEDIA_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream'];

/**
 * Reads an uploaded CSV (UTF-8 with or without BOM, or GB18030) into its header row and data rows;
 * 413 / 415 / 400 with the field `file` when it is too large, not a CSV, unreadable or empty.
 */
export async function readCsvUpload(
  req: VercelRequest,
  options: { maxBytes: number; tooLargeMessage: string; expectedHeader: string },
): Promise<{ header: string[]; data: string[][] }> {
  const bytes = await readRawBody(req, {
    maxBytes: options.maxBytes,
    mediaTypes: CSV_MEDIA_TYPES,
    tooLargeMessage: options.tooLargeMessage,
    wrongTypeMessage: '请以 CSV 文件（text/csv）上传',
  });
  let records: string[][];
  try {
    records = parseCsv(decodeCsv(bytes));
  } catch (error) {
    if (error instanceof CsvError) throw badRequest('CSV 文件格式有误', { file: error.message }, 'invalid_csv');
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw badRequest('文件是空的', { file: `第一行应为表头：${options.expectedHeader}` }, 'invalid_csv');
  return { header, data };
}
