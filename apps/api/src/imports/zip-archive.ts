import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

/**
 * Just enough of the zip format for an uploaded .xlsx: reading the entries one needs with a cap on
 * the bytes they inflate to, and writing an archive (for the reader below, and for tests).
 */

const inflateRaw = promisify(zlib.inflateRaw);

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;

/** Why an archive was refused: not readable as a zip, or inflating past the cap. */
export class ZipRefusal extends Error {
  constructor(readonly reason: 'malformed' | 'too-large') {
    super(reason);
  }
}

/**
 * The entries whose names `wanted` accepts, inflated. The entries are found through the central
 * directory; the sizes it states are not trusted: each entry is inflated with the bytes still
 * allowed as zlib's output limit, so that inflation stops as soon as all entries together would
 * pass `maxInflatedBytes` (ZipRefusal 'too-large'). Entries not wanted are never inflated.
 */
export async function readZipEntries(
  file: Buffer,
  wanted: (name: string) => boolean,
  maxInflatedBytes: number,
): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  let inflated = 0;
  for (const entry of centralDirectory(file)) {
    if (!wanted(entry.name)) continue;
    if (entries.has(entry.name)) throw new ZipRefusal('malformed');
    const data = await inflateEntry(file, entry, maxInflatedBytes - inflated);
    inflated += data.length;
    if (inflated > maxInflatedBytes) throw new ZipRefusal('too-large');
    entries.set(entry.name, data);
  }
  return entries;
}

/** The names of an archive's entries, from its central directory (nothing is inflated). */
export function zipEntryNames(file: Buffer): string[] {
  return [...centralDirectory(file)].map((e) => e.name);
}

interface DirectoryEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localHeaderOffset: number;
}

function* centralDirectory(file: Buffer): Generator<DirectoryEntry> {
  const end = findEndOfDirectory(file);
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipRefusal('malformed');
    const nameLength = file.readUInt16LE(at + 28);
    yield {
      flags: file.readUInt16LE(at + 8),
      method: file.readUInt16LE(at + 10),
      compressedSize: file.readUInt32LE(at + 20),
      localHeaderOffset: file.readUInt32LE(at + 42),
      name: file.toString('utf8', at + 46, at + 46 + nameLength),
    };
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
}

/** The end-of-central-directory record: the last one, within the 64 KiB comment it may carry. */
function findEndOfDirectory(file: Buffer): number {
  for (let at = file.length - 22; at >= Math.max(0, file.length - 22 - 0xffff); at--) {
    if (file.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new ZipRefusal('malformed');
}

async function inflateEntry(file: Buffer, entry: DirectoryEntry, allowed: number): Promise<Buffer> {
  const at = entry.localHeaderOffset;
  const encrypted = (entry.flags & 1) !== 0;
  if (encrypted || at + 30 > file.length || file.readUInt32LE(at) !== LOCAL_HEADER) throw new ZipRefusal('malformed');
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  const data = file.subarray(start, start + entry.compressedSize);
  if (entry.method === STORED) return data;
  if (entry.method !== DEFLATED) throw new ZipRefusal('malformed');
  try {
    return await inflateRaw(data, { maxOutputLength: Math.max(1, allowed) });
  } catch (e) {
    throw new ZipRefusal((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'malformed');
  }
}

/** An entry to write: its data stored as it is, or already deflated with the size it inflates to. */
export type ZipEntryToWrite = { name: string; data: Buffer } | { name: string; deflated: Buffer; size: number; crc: number };

/** A zip archive of the entries, in their order (local headers, central directory, end record). */
export function writeZip(entries: readonly ZipEntryToWrite[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const [method, data, size, crc] =
      'data' in entry ? [STORED, entry.data, entry.data.length, zlib.crc32(entry.data)] : [DEFLATED, entry.deflated, entry.size, entry.crc];
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(20, 4);
    local.copy(central, 6, 4, 30); // version needed … name length, as in the local header
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    directory.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directorySize = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}
