import * as ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { writeZip } from '../../imports/zip-archive';

/** Files of every accepted type, and look-alikes that must be refused, for specs. */

export const pdf = (): Buffer => Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const png = (): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 0)]);
export const jpeg = (): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 0), Buffer.from([0xff, 0xd9])]);
/** A Windows program (MZ header): refused whatever its name. */
export const exe = (): Buffer => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126, 0), Buffer.from('PE\0\0'), Buffer.alloc(64, 0x90)]);

/** A real .docx, written by the `docx` library. */
export const docx = (): Promise<Buffer> =>
  Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('劳动关系公共服务站点申请书')] }] }));

/** A real .xlsx, written by ExcelJS. */
export async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('汇总').addRow(['站点', '区县']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A zip that is no Office document (a program packed in an archive). */
export const plainZip = (): Buffer => writeZip([{ name: 'setup.exe', data: exe() }]);

/**
 * A minimal OLE2 compound file (512-byte sectors: header, one FAT sector, one directory sector)
 * whose directory lists `streams` — `WordDocument` makes a .doc, `Workbook` an .xls, `!_StringPool`
 * an installer-like file that must be refused.
 */
export function compoundFile(streams: string[]): Buffer {
  const sector = 512;
  const header = Buffer.alloc(sector, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // the directory starts in sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0: the FAT itself
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1: the directory, one sector long
  const dir = Buffer.alloc(sector, 0);
  const entry = (i: number, name: string, type: number) => {
    const at = i * 128;
    const bytes = Buffer.from(`${name}\0`, 'utf16le');
    bytes.copy(dir, at, 0, Math.min(64, bytes.length));
    dir.writeUInt16LE(Math.min(64, bytes.length), at + 0x40);
    dir[at + 0x42] = type;
  };
  entry(0, 'Root Entry', 5);
  streams.slice(0, 3).forEach((s, i) => entry(i + 1, s, 2));
  return Buffer.concat([header, fat, dir]);
}
export const doc = (): Buffer => compoundFile(['WordDocument', '1Table']);
export const xls = (): Buffer => compoundFile(['Workbook']);
