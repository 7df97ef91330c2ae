import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { devServerSearchAttributeFlags } from './search-attributes';

export interface DevServerOptions {
  binary: string;
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** how long to wait for the frontend to answer */
  readyTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` with its SQLite file under DATA_DIR, so that workflows survive
 * a restart of the whole service, and the search attributes the workflows set already registered.
 * Resolves once the frontend answers; rejects with the tail of the server's log if it dies first.
 */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const logFile = path.join(opts.dataDir, 'temporal-server.log');
  const log = fs.openSync(logFile, 'a');
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(opts.dataDir, 'temporal.sqlite'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--ui-port',
    String(opts.uiPort),
    '--namespace',
    opts.namespace,
    '--log-level',
    'warn',
    ...devServerSearchAttributeFlags(),
  ];
  const child = spawn(opts.binary, args, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const address = `127.0.0.1:${opts.port}`;
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      reject(new Error(`Temporal dev server exited early (code ${code}, signal ${signal}); see ${logFile}:\n${tail(logFile)}`));
    });
    child.once('error', reject);
  });
  try {
    await Promise.race([waitForFrontend(address, opts.readyTimeoutMs ?? 60_000), exited]);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  exited.catch(() => undefined); // a later exit is reported through stop() / the supervisor
  return {
    address,
    uiUrl: `http://localhost:${opts.uiPort}`,
    process: child,
    stop: () => stopChild(child),
  };
}

/** Polls the frontend until GetSystemInfo answers. */
export async function waitForFrontend(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (e) {
      lastError = e;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error(`Temporal frontend at ${address} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
