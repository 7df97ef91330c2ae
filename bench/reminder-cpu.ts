import { randomUUID } from 'node:crypto';
import { composeDigests, stagesOwing } from '@app/domain';
import { ReminderRenderer, SmtpMailer } from '@app/mail';
import { DistrictDirectoryRepository, DistrictEntity, ReminderEntity, StationEntity, StationProjectionRepository } from '@app/persistence';
import { applicationForm } from '../test/support/service';
import { BenchEnv, districtContact, MAIL_FROM } from './bench-env';
import { openRound, yearCalendar } from './cultivation-round';
import { fmt, log, sleep, waitUntil } from './measure-kit';
import { MeasureReport, row, target } from './report';

export interface CpuSplit {
  /** CPU seconds of this process (worker, activities, SMTP client, database) */
  bench: number;
  /** CPU seconds of the Temporal dev server process */
  server: number;
  wallSeconds: number;
}

export interface ReminderCpu {
  reminders: number;
  /** through the round workflow's checkpoint (sendCheckpointReminders), per 1,000 reminders */
  workflow: CpuSplit;
  /** a plain loop rendering and sending the same digests through SmtpMailer, per 1,000 reminders */
  plainLoop: CpuSplit;
}

const PER = 1000;
/** digests sent through the plain loop before either side is measured */
const WARM_UP = 50;

/**
 * Measure 4: CPU per 1,000 reminders. R districts (bench-only codes, removed afterwards) each owe
 * the recommendation for one station, so one checkpoint of one round sends R district digests.
 *
 * Workflow path: the round's timer fires at the checkpoint (`before: PT1H`, exact instants); the
 * round loads the work calendar and runs `sendCheckpointReminders`: the owing stations and the
 * district directory are read, R digests composed, rendered and stored (the idempotency records),
 * then each is sent over SMTP and marked sent, heartbeating. Plain loop: the same R digests
 * (composed beforehand, in memory) rendered by ReminderRenderer and sent one by one by an
 * SmtpMailer to the same SMTP server (the same nodemailer transport settings as the worker's).
 * Before either, a warm-up of 50 of those digests through the plain loop, not counted.
 *
 * What is counted: CPU (user + system, all threads) of this process — the in-process worker, its
 * activities, SQLite (better-sqlite3 runs in-process), the SMTP client — plus the Temporal dev
 * server process, from /proc/<pid>/stat, over the window from just before the checkpoint fires
 * (or the loop starts) to the last reminder sent. Not counted: the SMTP sink, a child process of
 * its own (receiving and parsing mail is not the sender's cost). Both windows include the idle
 * cost of the dev server and the worker's pollers for as long as they last. The station rows
 * are written straight into the projection: a checkpoint reads only the projection, never the
 * station workflows.
 */
export async function measureReminderCpu(env: BenchEnv, p: { reminders: number }): Promise<ReminderCpu> {
  const r = p.reminders;
  const codes = Array.from({ length: r }, (_, i) => `BR${String(i).padStart(6, '0')}`);
  const now = new Date().toISOString();
  const districts = codes.map((code, i) => ({
    code,
    name: `基准区县${i + 1}`,
    contacts: [districtContact(code)],
    createdAt: now,
    updatedAt: now,
  }));
  // In chunks: SQLite limits the number of bound parameters of one statement.
  for (let i = 0; i < districts.length; i += 50) await env.ds.getRepository(DistrictEntity).insert(districts.slice(i, i + 50));
  const worker = await env.startWorker('reminders');
  try {
    // The checkpoint fires a few seconds after the round starts (time to write the rows and warm
    // up); its deadline is an hour later.
    const sendAt = Date.now() + 7_000 + r * 2;
    const deadline = new Date(sendAt + 3600_000).toISOString();
    const roundCalendar = yearCalendar(Date.now(), { recommendation: deadline });
    const stationRows = codes.map((code, i) => {
      const id = randomUUID();
      const name = `基准站点${i + 1}`;
      return {
        id,
        districtCode: code,
        name,
        stage: 'recommendation',
        outcome: null,
        level: null,
        overdue: false,
        nextDeadline: deadline,
        application: applicationForm(code, name),
        state: {},
        version: 1,
        workflowId: `station-${id}`,
        createdAt: now,
        updatedAt: now,
      };
    });
    const round = await openRound(env, worker.taskQueue, {
      deadlines: roundCalendar,
      reminders: { before: ['PT1H'], onTheDay: false, after: [], repeatAfter: null, workingDaysOnly: false, sendAt: null },
    });
    for (let i = 0; i < stationRows.length; i += 50) {
      await env.ds
        .getRepository(StationEntity)
        .insert(stationRows.slice(i, i + 50).map((s) => ({ ...s, roundId: round.roundId })) as never);
    }
    // The plain loop's digests, composed from the same rows before any clock starts.
    const digests = composeDigests({
      round: { roundId: round.roundId, name: round.name, programme: round.programme, cityContacts: round.cityContacts },
      checkpoint: { deadlineKey: 'recommendation', deadline: new Date(deadline), checkpoint: 'before:PT1H', key: `plain-${round.roundId}` },
      owing: await new StationProjectionRepository(env.ds).listOwing(round.roundId, stagesOwing('recommendation')),
      districts: await new DistrictDirectoryRepository(env.ds).listDistricts(),
      now: new Date(sendAt),
    });
    if (digests.length !== r) throw new Error(`expected ${r} digests, composed ${digests.length}`);
    const renderer = new ReminderRenderer(MAIL_FROM);
    const mailer = new SmtpMailer(env.sink.url, MAIL_FROM);
    try {
      // Warm-up, not counted: rendering and nodemailer run once before either side is measured, so
      // that neither pays alone for compiling the code both share (the second side used to get it
      // warm from the first).
      const warm = await env.sink.received();
      for (const d of digests.slice(0, WARM_UP)) await mailer.send(renderer.digest(d));
      await env.sink.waitFor(warm + Math.min(WARM_UP, r));
      if (Date.now() > sendAt - 1_000)
        throw new Error('reminders: the station rows were not written, nor the warm-up sent, before the checkpoint');

      // Workflow path.
      await sleep(sendAt - 300 - Date.now());
      const received0 = await env.sink.received();
      log(`reminders: checkpoint of ${r} district digests firing`);
      const workflow = await cpuWindow(env, r, async () => {
        await env.sink.waitFor(received0 + r);
        await waitUntil(
          async () => (await env.ds.getRepository(ReminderEntity).countBy({ roundId: round.roundId, status: 'sent' })) === r,
          'reminders marked sent',
          60_000,
          50,
        );
      });
      log(
        `reminders: workflow path ${workflow.wallSeconds.toFixed(1)} s, ${(workflow.bench + workflow.server).toFixed(2)} CPU-s per ${PER}`,
      );

      const received1 = await env.sink.received();
      log(`reminders: plain loop over the same ${r} digests`);
      const plainLoop = await cpuWindow(env, r, async () => {
        for (const d of digests) await mailer.send(renderer.digest(d));
        await env.sink.waitFor(received1 + r);
      });
      log(
        `reminders: plain loop ${plainLoop.wallSeconds.toFixed(1)} s, ${(plainLoop.bench + plainLoop.server).toFixed(2)} CPU-s per ${PER} (${fmt.ms((plainLoop.wallSeconds * 1000) / r)} a mail)`,
      );
      return { reminders: r, workflow, plainLoop };
    } finally {
      mailer.close();
    }
  } finally {
    await worker.stop();
    // Bench-only districts and rows out of the way of later measures.
    await env.ds.getRepository(StationEntity).createQueryBuilder().delete().where('district_code LIKE :p', { p: 'BR%' }).execute();
    await env.ds.getRepository(DistrictEntity).createQueryBuilder().delete().where('code LIKE :p', { p: 'BR%' }).execute();
  }
}

/** CPU of this process and the dev server over `work`, scaled to 1,000 reminders. */
async function cpuWindow(env: BenchEnv, reminders: number, work: () => Promise<void>): Promise<CpuSplit> {
  const cpu0 = env.cpu();
  const t0 = performance.now();
  await work();
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu1 = env.cpu();
  const scale = PER / reminders;
  return { bench: (cpu1.bench - cpu0.bench) * scale, server: (cpu1.server - cpu0.server) * scale, wallSeconds };
}

export function reminderReport(c: ReminderCpu): MeasureReport {
  const size = `R=${c.reminders}`;
  const total = (s: CpuSplit) => s.bench + s.server;
  const split = (s: CpuSplit) =>
    `${total(s).toFixed(2)} CPU-s (bench ${s.bench.toFixed(2)} + dev server ${s.server.toFixed(2)}), ${s.wallSeconds.toFixed(1)} s wall for ${c.reminders}`;
  return {
    id: 'reminderCpu',
    headline: {
      label: 'CPU per 1,000 reminders, workflow path ÷ plain loop',
      target: target('≤', 1.5),
      ratio: total(c.workflow) / total(c.plainLoop),
      value: `${total(c.workflow).toFixed(2)} CPU-s`,
      baseline: `${total(c.plainLoop).toFixed(2)} CPU-s loop`,
      size,
    },
    rows: [
      row({
        measure: 'CPU seconds per 1,000 reminders through the round workflow (÷ plain SMTP loop)',
        value: total(c.workflow),
        unit: 'CPU-s',
        baseline: total(c.plainLoop),
        size,
      }),
    ],
    lines: [`workflow path: ${split(c.workflow)}`, `plain loop:    ${split(c.plainLoop)}`],
    details: c,
  };
}

/**
 * Measure 8: wall time of one checkpoint of D district digests (default 1,000) through the round
 * workflow (store, send over the pooled SMTP transport, mark sent, heartbeating) against a plain
 * loop sending the same mails through the same pooled transport (SmtpMailer). Same run as
 * measure 4, at D reminders.
 */
export function digestWallReport(c: ReminderCpu): MeasureReport {
  const size = `D=${c.reminders}`;
  return {
    id: 'digestWall',
    headline: {
      label: 'D digests at one checkpoint, wall: workflow path ÷ pooled SMTP loop',
      target: target('≤', 1.5),
      ratio: c.workflow.wallSeconds / c.plainLoop.wallSeconds,
      value: fmt.ms(c.workflow.wallSeconds * 1000),
      baseline: `${fmt.ms(c.plainLoop.wallSeconds * 1000)} loop`,
      size,
    },
    rows: [
      row({
        measure: 'wall seconds for D district digests at one checkpoint through the round workflow (÷ pooled nodemailer loop)',
        value: c.workflow.wallSeconds,
        unit: 's',
        baseline: c.plainLoop.wallSeconds,
        size,
      }),
    ],
    lines: [
      `workflow path ${fmt.ms(c.workflow.wallSeconds * 1000)} (${fmt.ms((c.workflow.wallSeconds * 1000) / c.reminders)} a digest), ` +
        `pooled loop ${fmt.ms(c.plainLoop.wallSeconds * 1000)} (${fmt.ms((c.plainLoop.wallSeconds * 1000) / c.reminders)} a mail)`,
    ],
    details: { reminders: c.reminders, workflowWallSeconds: c.workflow.wallSeconds, loopWallSeconds: c.plainLoop.wallSeconds },
  };
}
