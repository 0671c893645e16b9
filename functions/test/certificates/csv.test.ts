import { describe, expect, it } from 'vitest';
import { CsvError, decodeCsv, parseCsv, parseDate as parseIssueDate } from '../../lib/csv';

describe('CSV reader (pure)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks; CRLF and LF; skips blank lines', () => {
    const text = 'a,b,c\r\n"1,5","say ""hi""","line one\r\nline two"\n\n x ,,"" \n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['1,5', 'say "hi"', 'line one\r\nline two'],
      [' x ', '', ''],
    ]);
  });

  it('reads the last record without a final line break', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('names the line of a broken quote', () => {
    expect(() => parseCsv('a\n"open\nstill open')).toThrow(CsvError);
    expect(() => parseCsv('a\n"open\nstill open')).toThrow('第2行：引号没有闭合');
    expect(() => parseCsv('a\n"x"y,1')).toThrow('第2行：引号后面应是逗号或换行');
    expect(() => parseCsv('a\nab"c"\n')).toThrow(/字段中间出现了引号/);
  });

  it('drops a UTF-8 BOM and decodes GB18030 when the bytes are not UTF-8', () => {
    expect(decodeCsv(Buffer.from('\ufeff姓名,证书编号', 'utf8'))).toBe('姓名,证书编号');
    expect(decodeCsv(Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]))).toBe('张三');
  });

  it('reads issue dates as people write them, and only real dates', () => {
    expect(['2024-05-06', '2024/5/6', '2024.5.6', '2024年5月6日'].map(parseIssueDate)).toEqual(Array(4).fill('2024-05-06'));
    expect(parseIssueDate('2024-02-30')).toBeUndefined();
    expect(parseIssueDate('06/05/2024')).toBeUndefined();
  });
});
