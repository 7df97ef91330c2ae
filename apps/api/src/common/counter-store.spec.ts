import { InMemoryCounterStore } from './counter-store';

describe('InMemoryCounterStore', () => {
  it('counts hits within a window and starts again when it ends', async () => {
    let now = 1_000_000;
    const store = new InMemoryCounterStore(() => now);
    expect(await store.hit('user:a', 1_000)).toEqual({ count: 1, resetInMs: 1_000 });
    now += 400;
    expect(await store.hit('user:a', 1_000)).toEqual({ count: 2, resetInMs: 600 });
    expect(await store.peek('user:a')).toEqual({ count: 2, resetInMs: 600 });
    expect(await store.peek('user:b')).toEqual({ count: 0, resetInMs: 0 });
    now += 600;
    expect(await store.hit('user:a', 1_000)).toEqual({ count: 1, resetInMs: 1_000 });
  });

  it('forgets a key on reset', async () => {
    const store = new InMemoryCounterStore(() => 0);
    await store.hit('user:a', 1_000);
    await store.reset('user:a');
    expect(await store.peek('user:a')).toEqual({ count: 0, resetInMs: 0 });
  });
});
