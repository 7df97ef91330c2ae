import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Small tools the measures share: progress lines, a bounded pool, percentiles, memory and CPU readings. */

const started = Date.now();

/** One progress line, stamped with the time since the bench started. */
export function log(message: string): void {
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Counts work done and prints a line at most every few seconds (and at the end). */
export class Progress {
  private done = 0;
  private readonly t0 = Date.now();
  private lastPrint = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly everyMs = 5_000,
  ) {}

  tick(n = 1): void {
    if (n <= 0) return;
    this.done += n;
    const now = Date.now();
    if (this.done >= this.total || now - this.lastPrint >= this.everyMs) {
      this.lastPrint = now;
      const rate = this.done / Math.max(0.001, (now - this.t0) / 1000);
      log(`  ${this.label}: ${this.done}/${this.total} (${rate.toFixed(1)}/s)`);
    }
  }
}

/**
 * Runs `task(0 … count-1)` with at most `concurrency` in flight; resolves with the results in
 * index order. The first failure rejects (the tasks already running finish on their own).
 */
export async function runConcurrently<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
  progress?: Progress,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
      progress?.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
  return results;
}

/** Nearest-rank percentile (p in 0–100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Polls `check` until it holds; throws `what` once `timeoutMs` has passed. */
export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${(timeoutMs / 1000).toFixed(0)} s waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * Makes V8's `gc()` available: on the main thread (below) and in every context created from now on,
 * the workflow sandboxes of workers started later included (bench/bare-workflows.ts
 * collectGarbageWorkflow calls it there). Node needs no --expose-gc flag for this; call it before
 * the first worker starts.
 */
export function exposeGarbageCollector(): void {
  v8.setFlagsFromString('--expose-gc');
}

/** A full garbage collection of the main thread's heap. */
export function collectGarbage(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g();
  exposeGarbageCollector();
  (vm.runInNewContext('gc') as () => void)();
}

/**
 * Resident set size of this process (every thread: main, workflow sandboxes, the Rust core) once it
 * has stopped moving. `collect` runs the garbage collections wanted before each sample. Sampled
 * every second for at least `minMs` — V8 hands freed pages back to the system only some seconds
 * after a collection — until four samples in a row lie within 1 %; their median. At most a minute.
 */
export async function settledRss(collect: () => Promise<void>, minMs = 10_000): Promise<number> {
  const t0 = Date.now();
  const samples: number[] = [];
  for (;;) {
    await collect();
    samples.push(process.memoryUsage().rss);
    const last = samples.slice(-4);
    const stable = last.length === 4 && Math.max(...last) - Math.min(...last) <= 0.01 * Math.max(...last);
    if ((stable && Date.now() - t0 >= minMs) || Date.now() - t0 > 60_000) return median(last);
    await sleep(1000);
  }
}

let clockTicks: number | undefined;

/**
 * CPU seconds (user + system, every thread) that process `pid` has used so far, from
 * /proc/<pid>/stat fields 14 (utime) and 15 (stime), in clock ticks (`getconf CLK_TCK`, 10 ms here).
 * Children are not included: the Temporal dev server is one Go process.
 */
export function cpuSeconds(pid: number | 'self'): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after it are space-separated.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

export const fmt = {
  ms: (ms: number): string =>
    ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`,
  kib: (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`,
  rate: (perSecond: number): string => `${perSecond.toFixed(1)}/s`,
};
