/**
 * Runs `work` over `items` with at most `limit` calls in flight, in the items' order. After the
 * first failure no further item starts; the calls already in flight are awaited (so what they did
 * is recorded before the activity gives up), then the first failure is thrown.
 */
export async function eachInFlight<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  async function lane(): Promise<void> {
    while (failure === undefined && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure) throw failure.error;
}
