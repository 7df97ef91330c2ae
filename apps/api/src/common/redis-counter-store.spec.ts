import * as net from 'node:net';
import { RedisCounterStore } from './redis-counter-store';

/** Against the real Redis of the test machine (127.0.0.1:6379), under a prefix of this run's own. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisCounterStore', () => {
  const keyPrefix = `stations-test:${process.pid}-${Math.random().toString(36).slice(2)}:`;
  let store: RedisCounterStore;
  let replica: RedisCounterStore;

  beforeAll(async () => {
    store = new RedisCounterStore({ url: REDIS_URL, keyPrefix });
    replica = new RedisCounterStore({ url: REDIS_URL, keyPrefix });
    await Promise.all([store.connect(), replica.connect()]);
  });
  afterAll(async () => {
    await Promise.all([store.reset('user:a'), store.reset('user:b'), store.reset('race')]);
    await Promise.all([store.close(), replica.close()]);
  });

  it('counts hits of every replica in one window, and starts again when it ends', async () => {
    const first = await store.hit('user:a', 300);
    expect(first.count).toBe(1);
    expect(first.resetInMs).toBeGreaterThan(0);
    expect(first.resetInMs).toBeLessThanOrEqual(300);
    expect((await replica.hit('user:a', 300)).count).toBe(2);
    const peeked = await replica.peek('user:a');
    expect(peeked.count).toBe(2);
    expect(peeked.resetInMs).toBeLessThanOrEqual(300);
    expect(await store.peek('user:b')).toEqual({ count: 0, resetInMs: 0 });
    await new Promise((r) => setTimeout(r, 350));
    expect((await store.hit('user:a', 300)).count).toBe(1);
  });

  it('counts concurrent hits exactly once each, and forgets a key on reset', async () => {
    const counts = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? store : replica).hit('race', 60_000)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await replica.reset('race');
    expect(await store.peek('race')).toEqual({ count: 0, resetInMs: 0 });
  });

  it('fails fast with 503 UNAVAILABLE when Redis cannot be reached', async () => {
    // A port that accepts nothing: a server closed right after it got its port.
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const away = new RedisCounterStore({ url: `redis://127.0.0.1:${port}`, keyPrefix });
    await away.connect();
    const started = Date.now();
    await expect(away.hit('user:a', 1_000)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(away.peek('user:a')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(3_000);
    await away.close();
  });
});
