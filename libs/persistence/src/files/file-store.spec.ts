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
});
