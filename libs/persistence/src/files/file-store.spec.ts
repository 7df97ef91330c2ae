import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { DiskFileStore, FileTooLargeError } from './file-store';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function read(r: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('DiskFileStore', () => {
  let dir: string;
  let store: DiskFileStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-'));
    store = new DiskFileStore(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores bytes under their SHA-256, once, only after commit', async () => {
    const bytes = Buffer.from('%PDF-1.7 证明材料');
    const received = await store.receive(Readable.from([bytes]), 1024);
    expect(received).toMatchObject({ sha256: sha(bytes), size: bytes.length });
    expect(await store.open(received.sha256)).toBeNull();
    await received.commit();
    expect(await read((await store.open(received.sha256))!)).toEqual(bytes);
    expect(fs.existsSync(path.join(dir, received.sha256.slice(0, 2), received.sha256))).toBe(true);

    const again = await store.receive(Readable.from([bytes]), 1024);
    await again.commit();
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('stops at the cap, keeps nothing and says so', async () => {
    const chunk = Buffer.alloc(1000, 1);
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(pulled > 10_000 ? null : chunk);
      },
    });
    await expect(store.receive(endless, 5000)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('discards a received file that is not committed', async () => {
    const received = await store.receive(Readable.from([Buffer.from('x')]), 10);
    await received.discard();
    await received.discard();
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
    expect(await store.open(received.sha256)).toBeNull();
  });

  it('refuses an address that is not a hash (no path tricks)', async () => {
    await expect(store.open('../../etc/passwd')).rejects.toThrow(/SHA-256/);
  });

  it('sweeps old bytes nothing refers to and unfinished uploads, leaving the referenced and the recent', async () => {
    const store1 = async (text: string) => {
      const r = await store.receive(Readable.from([Buffer.from(text)]), 1024);
      await r.commit();
      return r.sha256;
    };
    const [kept, orphan, fresh] = [await store1('仍在使用'), await store1('已删除的附件'), await store1('刚上传')];
    const unfinished = await store.receive(Readable.from([Buffer.from('上传中断')]), 1024);
    const now = Date.now();
    const age = (file: string, hours: number) => fs.utimesSync(file, new Date(now - hours * 3600_000), new Date(now - hours * 3600_000));
    // every age set from this test's clock: the file system stamps files with the kernel's, which
    // libfaketime does not move (npm run test:instants)
    for (const sha256 of [kept, orphan]) age(path.join(dir, sha256.slice(0, 2), sha256), 48);
    age(path.join(dir, fresh.slice(0, 2), fresh), 1);
    age(unfinished.tempPath, 48);
    // a stranger in the store (not a SHA-256, or in the wrong folder) is never touched
    fs.writeFileSync(path.join(dir, orphan.slice(0, 2), 'README'), 'x');
    const options = { referenced: new Set([kept]), olderThan: new Date(now - 24 * 3600_000) };

    const dry = await store.sweep({ ...options, dryRun: true });
    expect(dry).toEqual({ files: 1, bytes: Buffer.byteLength('已删除的附件'), partialUploads: 1 });
    expect(await store.open(orphan)).not.toBeNull();

    expect(await store.sweep({ ...options, dryRun: false })).toEqual(dry);
    expect(await store.open(orphan)).toBeNull();
    expect(fs.existsSync(unfinished.tempPath)).toBe(false);
    expect(await read((await store.open(kept))!)).toEqual(Buffer.from('仍在使用'));
    expect(await read((await store.open(fresh))!)).toEqual(Buffer.from('刚上传'));
    expect(fs.existsSync(path.join(dir, orphan.slice(0, 2), 'README'))).toBe(true);
    expect(await store.sweep({ ...options, dryRun: false })).toEqual({ files: 0, bytes: 0, partialUploads: 0 });
    // an empty store sweeps to nothing
    expect(await new DiskFileStore(path.join(dir, 'none')).sweep({ ...options, dryRun: false })).toEqual({
      files: 0,
      bytes: 0,
      partialUploads: 0,
    });
  });
});
