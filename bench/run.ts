import * as os from 'node:os';
import * as path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { BenchEnv } from './bench-env';
import { measureCachedWorkflowMemory, memoryReport } from './cached-workflow-memory';
import { deadlineReport, measureDeadlinePass } from './deadline-pass';
import { historyReport, measureHistorySize } from './history-size';
import { exposeGarbageCollector, log } from './measure-kit';
import { digestWallReport, measureReminderCpu, ReminderCpu, reminderReport } from './reminder-cpu';
import { bulkImportReport, measureBulkImport } from './bulk-import';
import { MeasureReport, NumberedReport, printReport, writeResults } from './report';
import { latencyReport, measureStationActionLatency } from './station-action-latency';
import { measureStationList, stationListReport } from './station-list';
import { measureStationThroughput, throughputReport } from './station-throughput';

/**
 * `npm run bench`: the workflow service measured against a real Temporal dev server
 * (`temporal server start-dev` on free ports, in a temporary directory), a real SQLite database and
 * a real SMTP server, with the worker in this process (bench/bench-env.ts). Each measure compares
 * the service's path with a baseline measured in the same run, and prints both; the table and the
 * raw figures go to bench-results/latest.json (merged with what other benches wrote there).
 *
 *  1. throughput: stations applied and driven to cultivation per second ÷ no-op workflows per second
 *  2. memory:     worker RSS per cached station workflow ÷ per cached parked workflow
 *  3. deadline:   time for a deadline to pass over S stations (overdue + digests) ÷ S bare timers
 *  4. reminders:  CPU per 1,000 reminders through the round workflow ÷ a plain SMTP loop
 *  5. history:    history events and bytes per station-year (time-skipping test server)
 *  6. latency:    p95 of a station action (Update) with a cold worker cache ÷ a warm one
 *  7. list:       p95 of the station list (filters, cursor pages) at 10,000 stations ÷ the raw SQL it runs
 *                 (no Temporal: projection rows inserted into fresh SQLite and PostgreSQL databases)
 *  8. digests:    wall time of 1,000 district digests at one checkpoint ÷ a pooled nodemailer loop sending the same mails
 *  9. import:     wall time of a bulk import of 1,000 applications ÷ starting 1,000 no-op workflows
 *
 * Every row prints its target and whether this run met it.
 *
 * Parameters (environment; the defaults finish within ten minutes on two shared cores):
 *
 *   BENCH_STATIONS=500         S: stations whose deadline passes at once (3), and the default of N
 *   BENCH_THROUGHPUT=S         N of measure 1: stations (and no-op workflows) driven
 *   BENCH_CACHED=S             N of measure 2: stations (and parked workflows) held in the cache
 *   BENCH_REMINDERS=1000       R of measure 4: district digests sent at one checkpoint (CPU scaled to 1,000)
 *   BENCH_LATENCY_SAMPLES=150  K of measure 6: Updates timed with each cache
 *   BENCH_LIST_STATIONS=10000  stations in the listed round (measure 7)
 *   BENCH_LIST_SAMPLES=500     pages timed per list and database (measure 7)
 *   BENCH_DIGESTS=1000         D of measure 8: district digests at one checkpoint (with D = R, measure 4's run serves both)
 *   BENCH_IMPORT=1000          A of measure 9: applications in the imported file (at most 1,000, the import's limit)
 *   BENCH_CONCURRENCY=16       callers in flight while starting and driving workflows
 *   BENCH_DEADLINE_LEAD_S      seconds between setting a deadline and its passing (3); calibrated if unset
 *   BENCH_ONLY                 comma-separated subset: throughput,memory,deadline,reminders,history,latency,list,digests,import
 */

const MEASURES = ['throughput', 'memory', 'deadline', 'reminders', 'history', 'latency', 'list', 'digests', 'import'] as const;
type MeasureId = (typeof MEASURES)[number];

const numbered = (n: number, report: MeasureReport): NumberedReport => ({ ...report, n });

function intParam(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: expected a positive integer, got "${raw}"`);
  return n;
}

function params() {
  const stations = intParam('BENCH_STATIONS', 500);
  const only = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((m) => !MEASURES.includes(m as MeasureId));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown measure(s) ${unknown.join(', ')}; known: ${MEASURES.join(', ')}`);
  const lead = process.env.BENCH_DEADLINE_LEAD_S ? intParam('BENCH_DEADLINE_LEAD_S', 0) : undefined;
  return {
    stations,
    throughput: intParam('BENCH_THROUGHPUT', stations),
    cached: intParam('BENCH_CACHED', stations),
    reminders: intParam('BENCH_REMINDERS', 1000),
    latencySamples: intParam('BENCH_LATENCY_SAMPLES', 150),
    listStations: intParam('BENCH_LIST_STATIONS', 10_000),
    listSamples: intParam('BENCH_LIST_SAMPLES', 500),
    digests: intParam('BENCH_DIGESTS', 1000),
    imports: Math.min(1000, intParam('BENCH_IMPORT', 1000)),
    concurrency: intParam('BENCH_CONCURRENCY', 16),
    leadSeconds: lead,
    measures: (only.length ? only : MEASURES) as readonly MeasureId[],
  };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const p = params();
  // The SDK logs every worker state change at INFO; the bench prints its own progress.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  // Before any worker starts, so that its workflow sandbox can collect garbage too (measure 2).
  exposeGarbageCollector();
  const parameters = {
    BENCH_STATIONS: p.stations,
    BENCH_THROUGHPUT: p.throughput,
    BENCH_CACHED: p.cached,
    BENCH_REMINDERS: p.reminders,
    BENCH_LATENCY_SAMPLES: p.latencySamples,
    BENCH_CONCURRENCY: p.concurrency,
    BENCH_DEADLINE_LEAD_S: p.leadSeconds ?? 'calibrated',
    BENCH_LIST_STATIONS: p.listStations,
    BENCH_LIST_SAMPLES: p.listSamples,
    BENCH_DIGESTS: p.digests,
    BENCH_IMPORT: p.imports,
    BENCH_ONLY: p.measures.join(','),
  };
  log(
    `parameters: ${Object.entries(parameters)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  const wanted = (m: MeasureId) => p.measures.includes(m);

  const reports: NumberedReport[] = [];
  let temporal = 'Temporal dev server not started';
  if (p.measures.some((m) => m !== 'history' && m !== 'list')) {
    const env = await BenchEnv.open();
    temporal = `${env.temporalVersion} (dev server, SQLite)`;
    try {
      if (wanted('throughput')) {
        log(`measure 1, throughput: ${p.throughput} stations and ${p.throughput} no-op workflows`);
        reports.push(
          numbered(1, throughputReport(await measureStationThroughput(env, { stations: p.throughput, concurrency: p.concurrency }))),
        );
      }
      if (wanted('memory')) {
        log(`measure 2, memory: ${p.cached} stations and ${p.cached} parked workflows cached`);
        reports.push(
          numbered(2, memoryReport(await measureCachedWorkflowMemory(env, { workflows: p.cached, concurrency: p.concurrency }))),
        );
      }
      if (wanted('deadline')) {
        log(`measure 3, deadline: S=${p.stations} stations, then ${p.stations} bare timers`);
        reports.push(
          numbered(
            3,
            deadlineReport(
              await measureDeadlinePass(env, { stations: p.stations, concurrency: p.concurrency, leadSeconds: p.leadSeconds }),
            ),
          ),
        );
      }
      // Measures 4 and 8 time the same checkpoint (CPU and wall): one run serves both when their sizes agree.
      let reminderRun: ReminderCpu | undefined;
      if (wanted('reminders')) {
        log(`measure 4, reminders: ${p.reminders} digests through the round workflow, then through a plain loop`);
        reminderRun = await measureReminderCpu(env, { reminders: p.reminders });
        reports.push(numbered(4, reminderReport(reminderRun)));
      }
      if (wanted('latency')) {
        log(`measure 6, latency: ${p.latencySamples} file Updates with a warm cache, ${p.latencySamples} with a cold one`);
        reports.push(
          numbered(6, latencyReport(await measureStationActionLatency(env, { samples: p.latencySamples, concurrency: p.concurrency }))),
        );
      }
      if (wanted('digests')) {
        const shared = reminderRun?.reminders === p.digests ? reminderRun : undefined;
        log(
          shared
            ? `measure 8, digests: wall time of measure 4's ${p.digests} digests`
            : `measure 8, digests: ${p.digests} district digests through the round workflow, then a pooled SMTP loop (wall time)`,
        );
        reports.push(numbered(8, digestWallReport(shared ?? (await measureReminderCpu(env, { reminders: p.digests })))));
      }
      if (wanted('import')) {
        log(`measure 9, import: ${p.imports} no-op workflows started, then a bulk import of ${p.imports} applications`);
        reports.push(numbered(9, bulkImportReport(await measureBulkImport(env, { applications: p.imports }))));
      }
    } finally {
      log('stopping the dev server');
      await env.close();
    }
  }
  if (wanted('history')) {
    log('measure 5, history: a compact round story on the time-skipping test server');
    reports.push(numbered(5, historyReport(await measureHistorySize())));
  }
  if (wanted('list')) {
    log(`7/7 list: ${p.listSamples} pages of the station list at ${p.listStations} stations, service and raw SQL`);
    reports.push(numbered(7, stationListReport(await measureStationList({ stations: p.listStations, samples: p.listSamples }))));
  }

  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}, ${temporal}, load average ${os.loadavg()[0].toFixed(2)}`;
  const durationSeconds = Math.round((Date.now() - t0) / 1000);
  reports.sort((a, b) => a.n - b.n);
  printReport(
    machine,
    Object.entries(parameters).map(([k, v]) => `${k}=${v}`),
    reports,
  );
  const out = path.resolve(__dirname, '../../bench-results/latest.json');
  writeResults(out, { at: new Date().toISOString(), machine, parameters, durationSeconds }, reports);
  log(`done in ${durationSeconds} s; written to ${out}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
