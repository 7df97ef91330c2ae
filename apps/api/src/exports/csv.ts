/**
 * CSV as Excel on a Chinese desktop reads and writes it: RFC 4180 quoting, CRLF line ends, UTF-8
 * with a byte-order mark (without it Excel takes the file for the ANSI code page and garbles 汉字).
 */

const BOM = '\uFEFF';

/**
 * A cell that starts like a formula (`=`, `@`, or `+`/`-` followed by something other than a
 * number or phone) would be run by Excel when the file is opened: formula injection. Such a cell
 * is written with a leading apostrophe, which Excel shows as text and `parseCsv` removes again.
 */
const FORMULA_LIKE = /^(?:[=@\t\r]|[+-](?![\d\s().-]*$))/;

function csvField(value: string): string {
  const safe = FORMULA_LIKE.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as a CSV file for Excel (BOM, CRLF). */
export function toCsv(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(BOM + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** Text of a CSV file (BOM already removed or not) → records of fields; quoted fields may span lines. */
export function parseCsv(text: string): string[][] {
  return [...csvRecords(text)];
}

/** The records of a CSV text one at a time, so that a reader can stop early (an upload's row cap). */
export function* csvRecords(text: string): Generator<string[]> {
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const endField = () => {
    record.push(unescapeFormula(field));
    field = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (src[i + 1] === '"') field += src[++i];
      else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endField();
      yield record;
      record = [];
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    endField();
    yield record;
  }
}

const unescapeFormula = (v: string) => (v.startsWith("'") && FORMULA_LIKE.test(v.slice(1)) ? v.slice(1) : v);
