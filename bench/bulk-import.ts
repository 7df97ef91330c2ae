import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/config';
import { CHONGQING_DISTRICTS } from '@app/domain';
import { AppModule } from '../apps/api/src/app.module';
import type { Principal } from '../apps/api/src/auth/principal';
import { toCsv } from '../apps/api/src/exports/csv';
import { ImportApplications } from '../apps/api/src/imports/import-applications';
import { goodRow, HEADERS } from '../apps/api/src/imports/testing/rows';
import type { noopWorkflow } from './bare-workflows';
import { BenchEnv } from './bench-env';
import { openRound } from './cultivation-round';
import { fmt, log } from './measure-kit';
import { MeasureReport, row, target } from './report';

export interface BulkImport {
  applications: number;
  /** POST /api/rounds/:id/imports/applications of a CSV with that many rows: read, checked, every station created and started */
  importSeconds: number;
  /** the same number of no-op workflows started one after another by one caller, as the import starts its stations */
  noopStartSeconds: number;
  accepted: number;
}

const admin: Principal = {
  tokenId: 'admin',
  userId: null,
  kind: 'token',
  role: 'admin',
  label: '管理员',
  districtCode: null,
  stationId: null,
};

/**
 * Measure 9: a bulk import of A applications (a CSV over the 41 districts) through the API's own
 * ImportApplications, in the API's Nest context on the bench's SQLite file and dev server (as
 * `npm start` runs the API beside the worker), against starting A no-op workflows one after
 * another. The import reads and checks every row, then per row writes the projection row and
 * starts the station with its round's calendar (CalendarHandOff), one after another. A worker
 * runs the started stations meanwhile, as it runs the no-ops.
 */
export async function measureBulkImport(env: BenchEnv, p: { applications: number }): Promise<BulkImport> {
  const worker = await env.startWorker('import');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const config = loadConfig(
    { DATA_DIR: dataDir, ADMIN_TOKEN: 'bench-admin-token-0123456789', TEMPORAL_TASK_QUEUE: worker.taskQueue },
    dataDir,
  );
  config.database = { type: 'sqlite', file: env.sqliteFile };
  const app = await NestFactory.createApplicationContext(AppModule.register(config, env.server.address), { logger: false });
  try {
    const round = await openRound(env, worker.taskQueue);
    const csv = toCsv([
      ['推荐区县', ...HEADERS],
      ...Array.from({ length: p.applications }, (_, i) => [
        CHONGQING_DISTRICTS[i % CHONGQING_DISTRICTS.length].name,
        ...goodRow(`导入基准站点${String(i + 1).padStart(5, '0')}`),
      ]),
    ]);
    // Warm both paths (module loading, connections, the first workflow tasks).
    for (let i = 0; i < 5; i++) await startNoop(env, worker.taskQueue);

    log(`import: ${p.applications} no-op workflows started one after another`);
    let t0 = performance.now();
    for (let i = 0; i < p.applications; i++) await startNoop(env, worker.taskQueue);
    const noopStartSeconds = (performance.now() - t0) / 1000;

    log(`import: a CSV of ${p.applications} applications`);
    t0 = performance.now();
    const report = await app.get(ImportApplications).execute(round.roundId, csv, false, admin);
    const importSeconds = (performance.now() - t0) / 1000;
    if (report.accepted !== p.applications) {
      throw new Error(
        `import: ${report.accepted} of ${p.applications} accepted: ${JSON.stringify(report.rows.find((r) => r.status !== 'accepted'))}`,
      );
    }
    return { applications: p.applications, importSeconds, noopStartSeconds, accepted: report.accepted };
  } finally {
    await app.close();
    await worker.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function startNoop(env: BenchEnv, taskQueue: string) {
  return env.client.workflow.start<typeof noopWorkflow>('noopWorkflow', { taskQueue, workflowId: `noop-${randomUUID()}` });
}

export function bulkImportReport(b: BulkImport): MeasureReport {
  const size = `A=${b.applications}`;
  return {
    id: 'bulkImport',
    headline: {
      label: 'bulk import of A applications ÷ starting A no-op workflows (wall)',
      target: target('≤', 2),
      ratio: b.importSeconds / b.noopStartSeconds,
      value: fmt.ms(b.importSeconds * 1000),
      baseline: `${fmt.ms(b.noopStartSeconds * 1000)} no-op starts`,
      size,
    },
    rows: [
      row({
        measure: 'bulk import of A applications, wall seconds (÷ starting A no-op workflows one after another)',
        value: b.importSeconds,
        unit: 's',
        baseline: b.noopStartSeconds,
        size,
      }),
    ],
    lines: [
      `${b.applications} applications imported (read, checked, stations created and started) in ${fmt.ms(b.importSeconds * 1000)}, ` +
        `${fmt.ms((b.importSeconds * 1000) / b.applications)} each; ${b.applications} no-op workflows started in ${fmt.ms(b.noopStartSeconds * 1000)}`,
    ],
    details: b,
  };
}
