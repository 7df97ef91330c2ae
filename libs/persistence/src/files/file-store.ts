import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where attachments' bytes live: a storage port, content-addressed by SHA-256, so the same file
 * uploaded twice is stored once and a stored file never changes. The API never executes a stored
 * file nor serves it inline (attachments are downloads with `nosniff`).
 */
export interface FileStore {
  /**
   * Streams `source` into a temporary file, hashing and counting as it goes; stops reading (and
   * throws FileTooLargeError) as soon as more than `maxBytes` arrive, so nothing unbounded is
   * buffered. The bytes are not in the store until `commit()`.
   */
  receive(source: Readable, maxBytes: number): Promise<ReceivedFile>;
  /** The stored bytes of `sha256`, or null when the store does not hold them. */
  open(sha256: string): Promise<Readable | null>;
  /**
   * Finds (and unless `dryRun` removes) what nothing refers to any more and was last written before
   * `olderThan`: stored bytes whose SHA-256 is not in `referenced`, and uploads that never
   * finished. The age keeps it off an upload in progress, whose bytes are stored just before its
   * record is written.
   */
  sweep(options: { referenced: ReadonlySet<string>; olderThan: Date; dryRun: boolean }): Promise<SweepReport>;
}

/** What a sweep found (and removed unless it was a dry run). */
export interface SweepReport {
  /** stored files no attachment refers to */
  files: number;
  bytes: number;
  /** temporary files of uploads that never finished */
  partialUploads: number;
}

/** A file received but not yet stored: its hash and size, a path to read it (type detection), then commit or discard. */
export interface ReceivedFile {
  sha256: string;
  size: number;
  /** the temporary file, readable until commit or discard */
  readonly tempPath: string;
  /** Moves the bytes to their address (an atomic rename; the same bytes already there stay as they are). */
  commit(): Promise<void>;
  /** Removes the temporary file (safe to call more than once, and after commit). */
  discard(): Promise<void>;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Counts and hashes what passes; fails once more than `max` bytes passed. */
class Metered extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.max) return done(new FileTooLargeError(this.max));
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/**
 * The default store: a directory (`FILES_DIR`, or `DATA_DIR/files`), files at `ab/abcdef…` by their
 * hash. A file is written under `tmp/` first and renamed into place, so a reader (or another
 * replica on a shared volume) never sees a half-written file.
 */
export class DiskFileStore implements FileStore {
  private readonly tmpDir: string;

  constructor(private readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
  }

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async receive(source: Readable, maxBytes: number): Promise<ReceivedFile> {
    await fs.promises.mkdir(this.tmpDir, { recursive: true });
    const tempPath = path.join(this.tmpDir, `${randomUUID()}.part`);
    const meter = new Metered(maxBytes);
    const discard = () => fs.promises.rm(tempPath, { force: true });
    try {
      // mode 0600 and no execute bit: a stored file is data, never a program
      await pipeline(source, meter, fs.createWriteStream(tempPath, { mode: 0o600 }));
    } catch (e) {
      source.resume(); // drain what is left of the upload without keeping it
      await discard();
      throw e;
    }
    const sha256 = meter.hash.digest('hex');
    const target = this.pathOf(sha256);
    return {
      sha256,
      size: meter.size,
      tempPath,
      commit: async () => {
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.rename(tempPath, target);
      },
      discard,
    };
  }

  async sweep({
    referenced,
    olderThan,
    dryRun,
  }: {
    referenced: ReadonlySet<string>;
    olderThan: Date;
    dryRun: boolean;
  }): Promise<SweepReport> {
    const report: SweepReport = { files: 0, bytes: 0, partialUploads: 0 };
    const old = async (file: string) => {
      const stat = await fs.promises.stat(file).catch(() => null);
      return stat?.isFile() && stat.mtime < olderThan ? stat : null;
    };
    for (const dir of await entries(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of await entries(path.join(this.root, dir))) {
        if (!SHA256.test(name) || !name.startsWith(dir) || referenced.has(name)) continue;
        const file = path.join(this.root, dir, name);
        const stat = await old(file);
        if (!stat) continue;
        report.files++;
        report.bytes += stat.size;
        if (!dryRun) await fs.promises.rm(file, { force: true });
      }
    }
    for (const name of await entries(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      if (!name.endsWith('.part') || !(await old(file))) continue;
      report.partialUploads++;
      if (!dryRun) await fs.promises.rm(file, { force: true });
    }
    return report;
  }

  async open(sha256: string): Promise<Readable | null> {
    const file = this.pathOf(sha256);
    try {
      await fs.promises.access(file, fs.constants.R_OK);
    } catch {
      return null;
    }
    return fs.createReadStream(file);
  }
}

/** A directory's entries; none when it does not exist (an empty store). */
async function entries(dir: string): Promise<string[]> {
  try {
    return await fs.promises.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
