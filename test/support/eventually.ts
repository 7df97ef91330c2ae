/** Polls `read` until `ok` holds (projections and timers catch up asynchronously), or fails with the last value. */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`not reached: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Polls `read` until its value stays the same for `quietMs`: a station's workflow may still be
 * writing its projection (a deadline refresh that followed its last action) after the Update has
 * answered, and a test that damages or compares the projection must start after that.
 */
export async function settled<T>(read: () => Promise<T>, quietMs = 1_500, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify(await read());
  let quietSince = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const value = await read();
    const now = JSON.stringify(value);
    if (now !== last) [last, quietSince] = [now, Date.now()];
    else if (Date.now() - quietSince >= quietMs) return value;
    if (Date.now() > deadline) throw new Error(`did not settle within ${timeoutMs} ms: ${now.slice(0, 500)}`);
  }
}
