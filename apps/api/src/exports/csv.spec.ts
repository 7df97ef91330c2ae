import { parseCsv, toCsv } from './csv';

describe('CSV for Excel', () => {
  it('writes UTF-8 with a BOM, CRLF line ends and RFC 4180 quoting', () => {
    const bytes = toCsv([
      ['推荐站点名称', '备注'],
      ['解放碑"服务站"', '一行,\n两行'],
    ]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('推荐站点名称,备注\r\n"解放碑""服务站""","一行,\n两行"\r\n');
  });

  it('reads back what it writes, including quotes, commas and line breaks inside a cell', () => {
    const rows = [
      ['a', 'b c', ''],
      ['"引号"', '逗号,', '换\r\n行'],
      [' 前后空格 ', '023-12345678', '+86 13800000000'],
    ];
    expect(parseCsv(toCsv(rows).toString('utf8'))).toEqual(rows);
  });

  it('neutralises formula-like cells with an apostrophe, and reading removes it again', () => {
    const text = toCsv([['=HYPERLINK("http://x")', '@SUM(A1)', '-1+2*A1', '-12', '+86 23 1234']]).toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain(`'@SUM(A1)`);
    expect(text).toContain(`'-1+2*A1`);
    expect(text).toMatch(/,-12,\+86 23 1234\r\n$/); // numbers and phones are left alone
    expect(parseCsv(text)[0]).toEqual(['=HYPERLINK("http://x")', '@SUM(A1)', '-1+2*A1', '-12', '+86 23 1234']);
  });

  it('reads LF-only files and a last line without a line end', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,"b\n"\n')).toEqual([['a', 'b\n']]);
    expect(parseCsv('')).toEqual([]);
  });
});
