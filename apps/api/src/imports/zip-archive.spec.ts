import * as zlib from 'node:zlib';
import { readZipEntries, writeZip, ZipRefusal } from './zip-archive';

const reason = async (p: Promise<unknown>) =>
  p.then(
    () => 'read',
    (e: unknown) => (e instanceof ZipRefusal ? e.reason : String(e)),
  );

describe('zip archives', () => {
  const text = Buffer.from('劳动关系'.repeat(100));
  const deflated = { name: 'b.xml', deflated: zlib.deflateRawSync(text), size: text.length, crc: zlib.crc32(text) };

  it('reads back the wanted entries it wrote, stored or deflated', async () => {
    const zip = writeZip([{ name: 'a.xml', data: Buffer.from('甲') }, deflated, { name: 'c.png', data: Buffer.from('x') }]);
    const entries = await readZipEntries(zip, (name) => name.endsWith('.xml'), 10_000);
    expect([...entries].map(([name, data]) => [name, data.toString()])).toEqual([
      ['a.xml', '甲'],
      ['b.xml', text.toString()],
    ]);
  });

  it('counts the bytes the wanted entries inflate to together, up to the cap', async () => {
    const zip = writeZip([{ name: 'a.xml', data: Buffer.from('甲') }, deflated]);
    expect(await reason(readZipEntries(zip, () => true, text.length + 3))).toBe('read');
    expect(await reason(readZipEntries(zip, () => true, text.length + 2))).toBe('too-large');
    expect(await reason(readZipEntries(zip, (name) => name === 'b.xml', text.length))).toBe('read');
  });

  it('refuses what is not a readable archive', async () => {
    const zip = writeZip([deflated]);
    expect(await reason(readZipEntries(Buffer.from('PK\u0003\u0004 not a zip'), () => true, 1000))).toBe('malformed');
    expect(await reason(readZipEntries(writeZip([{ ...deflated, deflated: deflated.deflated.subarray(0, 10) }]), () => true, 10_000))).toBe(
      'malformed',
    );
    expect(await reason(readZipEntries(writeZip([deflated, deflated]), () => true, 10_000))).toBe('malformed'); // the same name twice
    const encrypted = Buffer.from(zip);
    encrypted.writeUInt16LE(1, encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    expect(await reason(readZipEntries(encrypted, () => true, 10_000))).toBe('malformed');
  });
});
