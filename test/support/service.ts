import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, TestDatabase } from '@app/persistence/testing';

const ROOT = path.resolve(__dirname, '../..');
export const SUPERVISOR = path.join(ROOT, 'dist/apps/supervisor/src/main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServiceOptions {
  dataDir?: string;
  databaseUrl?: string;
  smtpUrl?: string;
  env?: Record<string, string>;
  /** own process group, so that `crash()` can kill the whole tree at once (fault tests) */
  detached?: boolean;
}

/**
 * The real service as `npm start` runs it (supervisor → Temporal dev server, API, worker), on free
 * ports and a temporary DATA_DIR, for end-to-end tests.
 */
export class RunningService {
  child!: ChildProcess;
  output = '';
  readonly adminToken = `test-admin-${Math.random().toString(36).slice(2)}-token`;
  port!: number;
  private temporalPort!: number;
  private uiPort!: number;
  readonly dataDir: string;

  constructor(private readonly opts: ServiceOptions = {}) {
    if (!fs.existsSync(SUPERVISOR)) throw new Error(`${SUPERVISOR} is missing: run \`npm run build\` first (npm test does)`);
    this.dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'stations-e2e-'));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port ??= await freePort();
    this.temporalPort ??= await freePort();
    this.uiPort ??= await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(this.port),
      DATA_DIR: this.dataDir,
      ADMIN_TOKEN: this.adminToken,
      TEMPORAL_DEV_PORT: String(this.temporalPort),
      TEMPORAL_UI_PORT: String(this.uiPort),
      ...(this.opts.databaseUrl ? { DATABASE_URL: this.opts.databaseUrl } : {}),
      ...(this.opts.smtpUrl ? { SMTP_URL: this.opts.smtpUrl } : {}),
      ...this.opts.env,
    };
    delete env.TEMPORAL_ADDRESS;
    if (!this.opts.databaseUrl) delete env.DATABASE_URL;
    this.child = spawn(process.execPath, [SUPERVISOR], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: this.opts.detached ?? false });
    this.child.stdout!.on('data', (b) => (this.output += b));
    this.child.stderr!.on('data', (b) => (this.output += b));
    await this.waitHealthy(90_000);
  }

  async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`service exited (${this.child.exitCode}):\n${this.output.slice(-3000)}`);
      try {
        const res = await fetch(`${this.baseUrl}/api/health`);
        if (res.status === 200) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`service not healthy within ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  /** The pid of one of the supervisor's children (`api` or `worker`), for crash tests. */
  childPid(name: 'api' | 'worker'): number | null {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === this.child.pid && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(`${name}/src/main.js`))
          return Number(entry);
      } catch {
        /* the process ended while we looked */
      }
    }
    return null;
  }

  /** SIGKILL to the whole tree (supervisor, dev server, API, worker): a power cut. Needs `detached`. */
  async crash(): Promise<void> {
    if (!this.opts.detached) throw new Error('crash() needs a detached service');
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    process.kill(-this.child.pid!, 'SIGKILL');
    await exited;
  }

  /** Ctrl-C: stops the API, drains the worker, stops the dev server. */
  async stop(): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null) return this.child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 60_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }

  async cleanup(): Promise<void> {
    await this.stop();
    if (!this.opts.dataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read JSON bodies loosely unless they pass T
  async request<T = any>(
    method: string,
    url: string,
    body?: unknown,
    token: string | null = this.adminToken,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T };
  }
}

export interface TestRound {
  name: string;
  /** each round date as seconds from now (compressed calendars); omitted dates are left out */
  deadlinesInSeconds: Record<string, number>;
  reminders?: Record<string, unknown>;
  cityContacts?: { name: string; email?: string; webhook?: { kind: string; url: string; secret?: string } }[];
}

/** Creates a round through the API (as admin unless `token`); throws unless it answers 201. */
export async function createRound(
  svc: RunningService,
  round: TestRound,
  token?: string,
): Promise<{ id: string; deadlines: Record<string, string> }> {
  const t0 = Date.now();
  const deadlines = Object.fromEntries(
    Object.entries(round.deadlinesInSeconds).map(([k, s]) => [k, new Date(t0 + s * 1000).toISOString()]),
  );
  const r = await svc.request(
    'POST',
    '/api/rounds',
    {
      code: `e2e-${t0}-${Math.random().toString(36).slice(2, 8)}`,
      name: round.name,
      programme: 'six-haves',
      deadlines,
      ...(round.reminders ? { reminders: round.reminders } : {}),
      cityContacts: round.cityContacts ?? [{ name: '市三方办', email: 'city@example.org' }],
    },
    token,
  );
  if (r.status !== 201) throw new Error(`round not created (${r.status}): ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Issues a role token (as admin) and returns its secret. */
export async function issueToken(svc: RunningService, role: string, extra: Record<string, string> = {}): Promise<string> {
  const r = await svc.request('POST', '/api/tokens', { role, label: `${role}${extra.districtCode ?? ''}`, ...extra });
  if (r.status !== 201) throw new Error(`token not issued (${r.status}): ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/** Applies for a station (as admin unless `token`); throws unless it answers 201. */
export async function applyFor(
  svc: RunningService,
  roundId: string,
  districtCode: string,
  name: string,
  extra: Record<string, unknown> = {},
  token?: string,
): Promise<string> {
  const r = await svc.request('POST', `/api/rounds/${roundId}/applications`, applicationForm(districtCode, name, extra), token);
  if (r.status !== 201) throw new Error(`application ${name} refused (${r.status}): ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/**
 * POSTs a station action (`recommendation`, `filing`, …) and expects `status` (200 by default);
 * on any other answer the test fails showing the step and the API's error.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever the API answered
export async function actOn<T = any>(
  svc: RunningService,
  id: string,
  step: string,
  body: unknown,
  token: string,
  status = 200,
): Promise<T> {
  const r = await svc.request('POST', `/api/stations/${id}/${step}`, body, token);
  expect({ step, status: r.status, body: r.status === status ? 'ok' : r.body }).toEqual({ step, status, body: 'ok' });
  return r.body as T;
}

/**
 * The real service on a fresh database for one spec file: started before its tests, stopped and
 * dropped after them. Returns an accessor, since the service exists only once `beforeAll` has run.
 */
export function useService(kind: 'sqlite' | 'postgres', opts: Omit<ServiceOptions, 'databaseUrl' | 'dataDir'> = {}): () => RunningService {
  let db: TestDatabase | undefined;
  let svc: RunningService | undefined;
  beforeAll(async () => {
    if (kind === 'postgres') db = await createTestDatabase('postgres');
    svc = new RunningService({ ...opts, databaseUrl: db?.url });
    await svc.start();
  });
  afterAll(async () => {
    await svc?.cleanup();
    await db?.drop();
  });
  return () => svc!;
}

/** A valid application form (annex 2) for tests. */
export function applicationForm(districtCode: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    stationName: name,
    districtCode,
    hostUnit: `${name}承担单位`,
    address: '重庆市渝中区解放碑街道1号',
    contact: { name: '张三', phone: '023-12345678', email: 'zhangsan@example.org' },
    establishedOn: '2021-05-01',
    workerVisitsServed: 1500,
    incidentsInLastTwoYears: false,
    services: ['劳动法律宣传', '劳动争议调解'],
    cases: [{ title: '调解欠薪纠纷', summary: '成功调解一起欠薪纠纷，涉及职工12人。' }],
    ...extra,
  };
}
