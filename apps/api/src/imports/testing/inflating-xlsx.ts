import * as zlib from 'node:zlib';
import { writeZip, ZipEntryToWrite } from '../zip-archive';

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="申报导入" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET = `<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`;

/**
 * A zip bomb in the shape of an .xlsx (test data): one sheet whose only cell is a shared string of
 * `inflatedMb` MiB of one letter. The string is deflated as it is generated, so neither the test
 * nor the archive ever holds it: 300 MiB compress to about 0.3 MB. The headers state a size of one
 * KiB for it, as a forged archive would, so only a reader that counts what it inflates notices.
 */
export async function inflatingXlsx(inflatedMb: number): Promise<Buffer> {
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(RELS) },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(SHEET) },
    await inflatingEntry('xl/sharedStrings.xml', inflatedMb),
  ]);
}

/** A zip entry of `inflatedMb` MiB of shared-strings XML that claims to inflate to one KiB. */
export async function inflatingEntry(name: string, inflatedMb: number): Promise<ZipEntryToWrite> {
  const head = Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>');
  const tail = Buffer.from('</t></si></sst>');
  const deflated = await deflateChunks([head, ...Array.from({ length: inflatedMb }, () => MEBIBYTE), tail]);
  return { name, deflated, size: 1024, crc: 0 };
}

const MEBIBYTE = Buffer.alloc(1024 * 1024, 'a');

async function deflateChunks(chunks: readonly Buffer[]): Promise<Buffer> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  for (const chunk of chunks) {
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}
