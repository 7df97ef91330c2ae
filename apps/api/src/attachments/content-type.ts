import * as fs from 'node:fs';
import { readZipEntries, ZipRefusal, zipEntryNames } from '../imports/zip-archive';

/**
 * What a file is, decided from its bytes (magic numbers and, for the Office formats, their inner
 * structure), never from its name or the client's Content-Type: a program renamed `.pdf` is no PDF.
 * Only the types offices keep as evidence are accepted; anything else is null.
 */
export const ATTACHMENT_TYPES = {
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  png: { contentType: 'image/png', extension: 'png' },
  doc: { contentType: 'application/msword', extension: 'doc' },
  xls: { contentType: 'application/vnd.ms-excel', extension: 'xls' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The type of the file at `file` (at most the upload limit in size, so reading an Office file whole is bounded). */
export async function detectAttachmentType(file: string): Promise<AttachmentType | null> {
  const head = await readHead(file, 8);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.equals(PNG)) return 'png';
  if (head.equals(OLE2)) return ole2Type(await fs.promises.readFile(file));
  if (head.subarray(0, 4).equals(ZIP)) return officeOpenXmlType(await fs.promises.readFile(file));
  return null;
}

async function readHead(file: string, n: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const CONTENT_TYPES = '[Content_Types].xml';
const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const EXCEL_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

/**
 * DOCX or XLSX: a zip whose `[Content_Types].xml` declares the Word or Excel main part, and which
 * holds that part (`word/document.xml`, `xl/workbook.xml`). Any other zip (an archive of programs, a
 * macro-enabled .docm, an .apk) is refused. Only `[Content_Types].xml` is inflated, capped at 1 MB.
 */
export async function officeOpenXmlType(file: Buffer): Promise<AttachmentType | null> {
  try {
    const names = new Set(zipEntryNames(file));
    if (!names.has(CONTENT_TYPES)) return null;
    const types = (await readZipEntries(file, (n) => n === CONTENT_TYPES, 1024 * 1024)).get(CONTENT_TYPES)!.toString('utf8');
    if (types.includes(WORD_MAIN) && names.has('word/document.xml')) return 'docx';
    if (types.includes(EXCEL_MAIN) && names.has('xl/workbook.xml')) return 'xlsx';
    return null;
  } catch (e) {
    if (e instanceof ZipRefusal || e instanceof RangeError) return null;
    throw e;
  }
}

const END_OF_CHAIN = 0xfffffffe;
/** A directory larger than this many sectors is no Word or Excel file an office keeps. */
const MAX_DIRECTORY_SECTORS = 4096;

/**
 * DOC or XLS: an OLE2 compound file whose directory holds a `WordDocument` stream (Word 97–2003) or
 * a `Workbook`/`Book` stream (Excel). Other compound files (an .msi installer, an .msg mail) are
 * refused. The directory's sector chain is followed through the FAT of the header's DIFAT.
 */
export function ole2Type(file: Buffer): AttachmentType | null {
  try {
    if (file.length < 512) return null;
    const sectorShift = file.readUInt16LE(0x1e);
    if (sectorShift !== 9 && sectorShift !== 12) return null;
    const sectorSize = 1 << sectorShift;
    const fatSectors: number[] = [];
    for (let i = 0; i < 109; i++) {
      const s = file.readUInt32LE(0x4c + i * 4);
      if (s >= 0xfffffffa) break;
      fatSectors.push(s);
    }
    const perSector = sectorSize / 4;
    const sectorAt = (n: number) => (n + 1) * sectorSize;
    const nextSector = (n: number): number => {
      const fatSector = fatSectors[Math.floor(n / perSector)];
      if (fatSector === undefined || sectorAt(fatSector) + sectorSize > file.length) return END_OF_CHAIN;
      return file.readUInt32LE(sectorAt(fatSector) + (n % perSector) * 4);
    };
    const names = new Set<string>();
    const seen = new Set<number>();
    for (let s = file.readUInt32LE(0x30); s < 0xfffffffa && !seen.has(s) && seen.size < MAX_DIRECTORY_SECTORS; s = nextSector(s)) {
      seen.add(s);
      const start = sectorAt(s);
      if (start + sectorSize > file.length) break;
      for (let at = start; at < start + sectorSize; at += 128) {
        const nameBytes = Math.min(file.readUInt16LE(at + 0x40), 64);
        const type = file[at + 0x42];
        if (type === 2 && nameBytes >= 2) names.add(file.toString('utf16le', at, at + nameBytes - 2));
      }
    }
    if (names.has('WordDocument')) return 'doc';
    if (names.has('Workbook') || names.has('Book')) return 'xls';
    return null;
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}
