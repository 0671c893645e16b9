/**
 * A small RFC 4180 CSV reader for certificate imports: quoted fields (with commas, quotes doubled,
 * line breaks), CRLF or LF, a UTF-8 byte-order mark; files Excel saved in GB18030/GBK are decoded too.
 */

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
