import { eachInFlight } from './in-flight';

/** A call that finishes when the test says so, so that how many are in flight can be read. */
function gate() {
  let open!: () => void;
  let shut!: (e: Error) => void;
  const done = new Promise<void>((resolve, reject) => ((open = resolve), (shut = reject)));
  return { done, open, shut };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('eachInFlight', () => {
  it('keeps at most `limit` calls in flight and starts them in order', async () => {
    const gates = Array.from({ length: 7 }, gate);
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    const run = eachInFlight([0, 1, 2, 3, 4, 5, 6], 3, async (i) => {
      started.push(i);
      most = Math.max(most, ++inFlight);
      await gates[i].done;
      inFlight--;
    });
    await turn();
    expect(started).toEqual([0, 1, 2]);
    gates[1].open();
    await turn();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const g of gates) g.open();
    await run;
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(most).toBe(3);
  });

  it('starts nothing after a failure, waits for the calls in flight, then throws the first failure', async () => {
    const gates = Array.from({ length: 6 }, gate);
    const started: number[] = [];
    const finished: number[] = [];
    const run = eachInFlight([0, 1, 2, 3, 4, 5], 2, async (i) => {
      started.push(i);
      await gates[i].done;
      finished.push(i);
    });
    let settled = false;
    const outcome = run.then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    void outcome.then(() => (settled = true));
    gates[0].shut(new Error('421 try later'));
    await turn();
    expect(settled).toBe(false); // item 1 is still in flight
    gates[1].open();
    await expect(outcome).resolves.toBe('421 try later');
    expect(started).toEqual([0, 1]);
    expect(finished).toEqual([1]);
  });

  it('runs one at a time with a limit below one, and nothing for no items', async () => {
    const order: number[] = [];
    await eachInFlight([1, 2, 3], 0, async (i) => {
      order.push(i);
    });
    expect(order).toEqual([1, 2, 3]);
    await expect(eachInFlight([], 4, async () => Promise.reject(new Error('never called')))).resolves.toBeUndefined();
  });
});
