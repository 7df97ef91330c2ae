import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const API_MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');
export const WORKER_MAIN = path.join(ROOT, 'dist/apps/worker/src/main.js');

/**
 * One process of a fleet (`npm run start:api` or `start:worker` as a replica runs them), started
 * from dist/ with its own environment; its output is kept for the test's failure messages.
 */
export class FleetProcess {
  child!: ChildProcess;
  output = '';

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: Record<string, string>,
  ) {
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
  }

  start(): void {
    this.output = '';
    this.child = spawn(process.execPath, [this.entry], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (b) => (this.output += b));
    this.child.stderr!.on('data', (b) => (this.output += b));
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits until the output shows `marker` (e.g. the worker's "polling task queue"). */
  async waitFor(marker: string | RegExp, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (typeof marker === 'string' ? this.output.includes(marker) : marker.test(this.output)) return;
      if (!this.running)
        throw new Error(`${this.name} exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.output.slice(-3000)}`);
      if (Date.now() > deadline)
        throw new Error(`${this.name}: "${String(marker)}" not seen within ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Until GET `url` answers 200 (an API's /api/health). */
  async waitHealthy(url: string, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running)
        throw new Error(`${this.name} exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.output.slice(-3000)}`);
      const status = await fetch(url).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`${this.name} not healthy within ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  /** SIGKILL: no drain, no goodbye (a machine lost). */
  async kill(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, then SIGKILL if it does not end within `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
