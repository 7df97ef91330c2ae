import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@app/persistence/testing';
import { eventually } from './support/eventually';
import { applyFor, createRound, RunningService } from './support/service';
import { SmtpSink } from './support/smtp-sink';

/**
 * The fault suite: a compressed round with real SMTP while processes die and servers go away.
 * Afterwards every station is in the right stage, the projection matches the workflows, and every
 * reminder was delivered exactly once.
 *
 * `npm test` runs each scenario once (CI's small version); `npm run test:faults` runs them
 * FAULT_RUNS times (default 3) in a row.
 */
const RUNS = Number(process.env.FAULT_RUNS ?? 1);
jest.setTimeout(600_000);

const DISTRICTS = ['500103', '500105', '500106', '500107'];
const contact = (code: string) => `d${code}@faults.example`;
const CITY = 'city@faults.example';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stdout.write(`[faults] ${line}\n`);

type Fault = { at: number; what: string; inject: (ctx: FaultContext) => Promise<void> };
interface FaultContext {
  svc: RunningService;
  sink: SmtpSink;
  db: TestDatabase;
}

/** Kills the worker with SIGKILL; the supervisor restarts it. */
const killWorker = async ({ svc }: FaultContext) => {
  const pid = svc.childPid('worker');
  if (pid) process.kill(pid, 'SIGKILL');
};
/** A power cut: the whole tree dies at once, then `npm start` again on the same data. */
const killEverything = async ({ svc }: FaultContext) => {
  await svc.crash();
  await svc.start();
};
/** The mail server goes away for a while. */
const smtpOutage =
  (ms: number) =>
  async ({ sink }: FaultContext) => {
    await sink.stop();
    await sleep(ms);
    await sink.start();
  };
/** Every connection of the service to its database is cut by the server. */
const cutDatabase = async ({ db }: FaultContext) => {
  const admin = new Client({ connectionString: db.url!.replace(/\/[^/]+$/, '/test') });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
      new URL(db.url!).pathname.slice(1),
    ]);
  } finally {
    await admin.end();
  }
};

/** Seconds after the round starts at which `count` faults of one kind strike, at random in a window. */
const randomTimes = (count: number, from: number, to: number) =>
  Array.from({ length: count }, () => from + Math.random() * (to - from)).sort((a, b) => a - b);

const SCENARIOS: { name: string; faults: () => Fault[] }[] = [
  {
    name: 'worker killed at random, SMTP down, database connections cut',
    faults: () => [
      ...randomTimes(3, 6, 40).map((at) => ({ at, what: 'SIGKILL worker', inject: killWorker })),
      { at: 14 + Math.random() * 6, what: 'SMTP server down for 8 s', inject: smtpOutage(8_000) },
      { at: 10 + Math.random() * 25, what: 'database connections cut', inject: cutDatabase },
    ],
  },
  {
    name: 'whole service killed at random, SMTP down',
    faults: () => [
      ...randomTimes(2, 8, 38).map((at) => ({ at, what: 'SIGKILL the whole service (dev server, API, worker)', inject: killEverything })),
      { at: 24 + Math.random() * 6, what: 'SMTP server down for 6 s', inject: smtpOutage(6_000) },
    ],
  },
];

describe.each(Array.from({ length: RUNS }, (_, i) => i + 1))('fault run %i', (run) => {
  describe.each(SCENARIOS)('$name', ({ name, faults }) => {
    let db: TestDatabase;
    let svc: RunningService;
    const sink = new SmtpSink();

    beforeAll(async () => {
      await sink.start();
      db = await createTestDatabase('postgres');
      svc = new RunningService({ databaseUrl: db.url, smtpUrl: sink.url, detached: true });
      await svc.start();
    });
    afterAll(async () => {
      await svc?.cleanup();
      await db?.drop();
      await sink.stop();
    });

    it('loses nothing and sends every reminder exactly once', async () => {
      for (const code of DISTRICTS) {
        expect(
          (await svc.request('PUT', `/api/districts/${code}/contacts`, { contacts: [{ name: code, email: contact(code) }] })).status,
        ).toBe(200);
      }
      // Checkpoints 20 s and 10 s before the recommendation deadline and 3 s after it.
      const t0 = Date.now();
      const deadlineAt = 45;
      const { id: roundId } = await createRound(svc, {
        name: `故障测试批次${run}`,
        deadlinesInSeconds: { recommendation: deadlineAt, selfAssessment: 3600, cityEvaluation: 3700, publication: 3800, promotion: 3900 },
        reminders: {
          before: ['PT20S', 'PT10S'],
          onTheDay: false,
          after: ['PT3S'],
          repeatAfter: null,
          workingDaysOnly: false,
          sendAt: null,
        },
        cityContacts: [{ name: '市三方办', email: CITY }],
      });

      // Two stations per district; the first district recommends both, every other district one.
      const stations: { id: string; district: string; recommended: boolean }[] = [];
      for (const district of DISTRICTS) {
        for (const n of [1, 2]) {
          stations.push({
            id: await applyFor(svc, roundId, district, `${district}站${n}`),
            district,
            recommended: district === DISTRICTS[0] || n === 1,
          });
        }
      }
      for (const s of stations.filter((x) => x.recommended)) {
        expect((await svc.request('POST', `/api/stations/${s.id}/recommendation`, { recommended: true })).status).toBe(200);
      }
      const setupSeconds = (Date.now() - t0) / 1000;
      expect(setupSeconds).toBeLessThan(deadlineAt - 20); // the first checkpoint is still ahead

      // Inject the faults at their times (relative to t0), one after another.
      log(`${name}, run ${run}`);
      const injected: string[] = [];
      for (const fault of faults().sort((a, b) => a.at - b.at)) {
        const wait = t0 + fault.at * 1000 - Date.now();
        if (wait > 0) await sleep(wait);
        const started = (Date.now() - t0) / 1000;
        await fault.inject({ svc, sink, db });
        injected.push(`t+${started.toFixed(1)} s: ${fault.what}`);
        log(`injected t+${started.toFixed(1)} s: ${fault.what}`);
      }

      // Expected reminders: at each before checkpoint, one digest per district still owing
      // (every district but the first); after the deadline, those and one escalation to the city.
      const owing = DISTRICTS.slice(1).map(contact);
      const expected = [
        ...owing.map((c) => `before:PT20S ${c}`),
        ...owing.map((c) => `before:PT10S ${c}`),
        ...owing.map((c) => `after:PT3S ${c}`),
        `after:PT3S ${CITY}`,
      ].sort();
      type Reminder = { checkpoint: string; recipients: string[]; status: string; messageId: string };
      const reminders = await eventually(
        async () => (await svc.request('GET', `/api/reminders?roundId=${roundId}&limit=200`)).body.items as Reminder[],
        (items) => items?.length === expected.length && items.every((r) => r.status === 'sent'),
        240_000,
      );
      await eventually(
        async () => sink.received.filter((m) => m.subject.includes(`故障测试批次${run}`)).length,
        (n) => n >= expected.length,
        60_000,
      );
      await sleep(3000); // a duplicate would arrive now

      const received = sink.received.filter((m) => m.subject.includes(`故障测试批次${run}`));
      const checks: [string, boolean][] = [];
      const check = (what: string, ok: boolean) => {
        checks.push([what, ok]);
        log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
      };
      check(
        'the reminder log holds exactly the expected digests',
        JSON.stringify(reminders.map((r) => `${r.checkpoint} ${r.recipients.join(',')}`).sort()) === JSON.stringify(expected),
      );
      const ids = received.map((m) => m.messageId);
      check(
        `every digest arrived exactly once (${received.length} messages)`,
        ids.length === new Set(ids).size && new Set(ids).size === expected.length,
      );
      check(
        'what arrived is what the log says was sent',
        JSON.stringify([...new Set(ids)].sort()) === JSON.stringify(reminders.map((r) => r.messageId).sort()),
      );
      check(
        'no digest reached the district that owed nothing',
        received.every((m) => !m.rcpt.includes(contact(DISTRICTS[0]))),
      );

      for (const s of stations) {
        const st = (await svc.request('GET', `/api/stations/${s.id}`)).body;
        check(
          `${s.district} station ${s.id.slice(0, 8)} is ${s.recommended ? 'in filing' : 'overdue in recommendation'}`,
          s.recommended ? st.stage === 'filing' && !st.overdue : st.stage === 'recommendation' && st.overdue === true,
        );
      }
      const reconcile = await svc.request('POST', '/api/admin/reconcile', { roundId, dryRun: true });
      check(
        `the projection matches the workflows (${reconcile.body.checked?.stations} stations checked)`,
        reconcile.status === 200 && reconcile.body.repaired.length === 0 && reconcile.body.problems.length === 0,
      );

      log(`injected: ${injected.join('; ')}`);
      expect(checks.filter(([, ok]) => !ok)).toEqual([]);
    });
  });
});
