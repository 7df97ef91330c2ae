import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, Logger as OrmLogger } from 'typeorm';
import { loadConfig } from '@app/config';
import { CHONGQING_DISTRICTS, STAGES } from '@app/domain';
import { StationEntity } from '@app/persistence';
import { createTestDatabase } from '@app/persistence/testing';
import { AppModule } from '../apps/api/src/app.module';
import type { Principal } from '../apps/api/src/auth/principal';
import { ListStations } from '../apps/api/src/stations/list-stations.query';
import { fmt, log, percentile } from './measure-kit';
import { MeasureReport, row } from './report';

type Kind = 'sqlite' | 'postgres';

/** One way of listing: the filters of a page, and who asks. */
interface ListShape {
  label: string;
  limit: number;
  /** the successive filters; each is paged through to its end with the cursor */
  filters: { districtCode?: string; stage?: string }[];
  principal: (filter: { districtCode?: string }) => Principal;
}

export interface ListTimes {
  samples: number;
  serviceP50Ms: number;
  serviceP95Ms: number;
  rawP50Ms: number;
  rawP95Ms: number;
  /** the query plan of the SQL, and whether it reads the page in index order without sorting */
  plan: string[];
  indexOrdered: boolean;
}

export interface StationListLatency {
  stations: number;
  /** per database: the district office's list (round + district + stage) and the city's (round only) */
  results: { kind: Kind; district: ListTimes; city: ListTimes }[];
  skipped: { kind: Kind; reason: string }[];
}

const admin: Principal = {
  tokenId: 'admin',
  role: 'admin',
  label: '管理员',
  districtCode: null,
  stationId: null,
  userId: null,
  kind: 'token',
};
const districtOffice = (districtCode: string): Principal => ({
  tokenId: `bench-${districtCode}`,
  role: 'district',
  label: `${districtCode} 人社局`,
  districtCode,
  stationId: null,
  userId: null,
  kind: 'token',
});

/** Where a station of the projection waits, skewed to the early stages as in a running round. */
const STAGE_WEIGHTS: Record<string, number> = {
  application: 1,
  recommendation: 3,
  filing: 2,
  cultivation: 3,
  self_assessment: 2,
  city_evaluation: 1,
  publication: 1,
  promotion: 1,
  closed: 2,
};
const WEIGHTED_STAGES = STAGES.flatMap((s) => Array<string>(STAGE_WEIGHTS[s] ?? 1).fill(s));

/** Captures the SQL TypeORM sends, so that the baseline runs exactly the statement the service ran. */
class CapturingLogger implements OrmLogger {
  last: { sql: string; parameters: unknown[] } | null = null;
  logQuery(sql: string, parameters?: unknown[]): void {
    this.last = { sql, parameters: parameters ?? [] };
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/**
 * Measure 7: the station list (`GET /api/stations`: filters, cursor pagination) at 10,000 stations,
 * as `ListStations` serves it (TypeORM `find`, entity hydration, the row view), against
 * the SQL statement it runs sent raw through the same connection — the same statement with the
 * same parameters, captured from the service's own call, alternating which goes first. The
 * projection rows are inserted directly into a fresh database migrated by the real migrations
 * (SQLite, and PostgreSQL when TEST_DATABASE_URL's server answers), in the API's own Nest context.
 */
export async function measureStationList(p: { stations: number; samples: number }): Promise<StationListLatency> {
  const out: StationListLatency = { stations: p.stations, results: [], skipped: [] };
  for (const kind of ['sqlite', 'postgres'] as const) {
    let db;
    try {
      db = await createTestDatabase(kind);
    } catch (e) {
      log(`  ${kind}: skipped (${(e as Error).message.split('\n')[0]})`);
      out.skipped.push({ kind, reason: (e as Error).message.split('\n')[0] });
      continue;
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-list-'));
    let app: INestApplicationContext | undefined;
    try {
      const env = { DATA_DIR: dataDir, ADMIN_TOKEN: 'bench-admin-token-0123456789', ...(db.url ? { DATABASE_URL: db.url } : {}) };
      const config = loadConfig(env, dataDir);
      if (kind === 'sqlite') config.database = db.config;
      // The API's providers (the data source migrates before it resolves); Temporal is never called.
      app = await NestFactory.createApplicationContext(AppModule.register(config, '127.0.0.1:1'), { logger: false });
      const ds = app.get(DataSource);
      const roundId = await insertStations(ds, p.stations);
      if (kind === 'postgres') await ds.query('ANALYZE stations');
      const service = app.get(ListStations);
      const districts = CHONGQING_DISTRICTS.map((d) => d.code);
      const district: ListShape = {
        label: 'district office: round + district + stage, 20 a page',
        limit: 20,
        filters: districts.flatMap((districtCode) => STAGES.map((stage) => ({ districtCode, stage }))),
        principal: (f) => districtOffice(f.districtCode!),
      };
      const city: ListShape = { label: 'city office: round, 50 a page', limit: 50, filters: [{}], principal: () => admin };
      log(`  ${kind}: ${p.stations} stations inserted; timing ${p.samples} pages of each list`);
      out.results.push({
        kind,
        district: await timeList(ds, service, kind, roundId, district, p.samples),
        city: await timeList(ds, service, kind, roundId, city, p.samples),
      });
    } finally {
      await app?.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return out;
}

/** The projection rows of one round (and a smaller other round, so the round filter filters). */
async function insertStations(ds: DataSource, count: number): Promise<string> {
  const roundId = randomUUID();
  const other = randomUUID();
  const now = new Date().toISOString();
  const repo = ds.getRepository(StationEntity);
  const total = count + Math.ceil(count / 5);
  for (let from = 0; from < total; from += 500) {
    const rows = Array.from({ length: Math.min(500, total - from) }, (_, k) => {
      const i = from + k;
      const id = randomUUID();
      const districtCode = CHONGQING_DISTRICTS[i % CHONGQING_DISTRICTS.length].code;
      const stage = WEIGHTED_STAGES[Math.floor(i / CHONGQING_DISTRICTS.length) % WEIGHTED_STAGES.length];
      const name = `基准站点${i}`;
      return {
        id,
        roundId: i < count ? roundId : other,
        districtCode,
        name,
        stage,
        outcome: stage === 'closed' ? 'withdrawn' : null,
        level: null,
        overdue: i % 7 === 0,
        nextDeadline: now,
        workflowId: `station-${id}`,
        version: 3,
        createdAt: now,
        updatedAt: now,
        application: {
          stationName: name,
          districtCode,
          hostUnit: `${name}承担单位`,
          address: '重庆市渝中区解放碑街道1号',
          workerVisitsServed: 1500,
          services: ['劳动法律宣传', '劳动争议调解'],
        },
        state: { recommendation: { recommended: true, note: null, at: now } },
      };
    });
    await repo.insert(rows as never);
  }
  return roundId;
}

async function timeList(
  ds: DataSource,
  service: ListStations,
  kind: Kind,
  roundId: string,
  shape: ListShape,
  samples: number,
): Promise<ListTimes> {
  const capture = new CapturingLogger();
  const ormLogger = ds.logger;
  Object.assign(ds, { logger: capture });
  const serviceMs: number[] = [];
  const rawMs: number[] = [];
  let plan: string[] = [];
  try {
    const warmUp = 10;
    let n = 0;
    for (let f = 0; n < samples + warmUp; f = (f + 1) % shape.filters.length) {
      const filter = shape.filters[f];
      const principal = shape.principal(filter);
      let cursor: string | undefined;
      do {
        const q = { roundId, ...filter, limit: shape.limit, ...(cursor ? { cursor } : {}) };
        // An untimed call first: it shows the statement (and parameters) the service sends for this
        // page, and warms the page for both timed runs alike.
        const page = await service.execute(q, principal);
        const { sql, parameters } = capture.last!;
        const timeService = async () => {
          const t0 = performance.now();
          await service.execute(q, principal);
          return performance.now() - t0;
        };
        const timeRaw = async () => {
          const t0 = performance.now();
          await ds.query(sql, parameters);
          return performance.now() - t0;
        };
        // Alternately the service and the raw statement first, so neither always has the warmer cache.
        let serviceTime: number;
        let rawTime: number;
        if (n % 2 === 0) {
          serviceTime = await timeService();
          rawTime = await timeRaw();
        } else {
          rawTime = await timeRaw();
          serviceTime = await timeService();
        }
        if (n >= warmUp) {
          serviceMs.push(serviceTime);
          rawMs.push(rawTime);
        }
        if (n === warmUp) plan = await queryPlan(ds, kind, sql, parameters);
        n++;
        cursor = page.nextCursor ?? undefined;
      } while (cursor && n < samples + warmUp);
    }
  } finally {
    Object.assign(ds, { logger: ormLogger });
  }
  const sorts = kind === 'sqlite' ? plan.some((l) => /TEMP B-TREE/i.test(l)) : plan.some((l) => /\bSort\b/.test(l));
  const scansTable =
    kind === 'sqlite' ? plan.some((l) => /^SCAN (stations|StationEntity)\b/i.test(l.trim())) : plan.some((l) => /Seq Scan/.test(l));
  return {
    samples: serviceMs.length,
    serviceP50Ms: percentile(serviceMs, 50),
    serviceP95Ms: percentile(serviceMs, 95),
    rawP50Ms: percentile(rawMs, 50),
    rawP95Ms: percentile(rawMs, 95),
    plan,
    indexOrdered: !sorts && !scansTable,
  };
}

async function queryPlan(ds: DataSource, kind: Kind, sql: string, parameters: unknown[]): Promise<string[]> {
  if (kind === 'sqlite') {
    const rows: { detail: string }[] = await ds.query(`EXPLAIN QUERY PLAN ${sql}`, parameters);
    return rows.map((r) => r.detail);
  }
  const rows: { 'QUERY PLAN': string }[] = await ds.query(`EXPLAIN ${sql}`, parameters);
  return rows.map((r) => r['QUERY PLAN']);
}

export function stationListReport(l: StationListLatency): MeasureReport {
  const size = `${l.stations} stations`;
  const headline = l.results[0];
  const rows = l.results.flatMap(({ kind, district, city }) => [
    row({
      measure: `station list p95 (round + district + stage, cursor pages), ${kind}, ms (÷ its raw SQL)`,
      value: district.serviceP95Ms,
      unit: 'ms',
      baseline: district.rawP95Ms,
      size,
    }),
    row({
      measure: `station list p95 (round only, cursor pages), ${kind}, ms (÷ its raw SQL)`,
      value: city.serviceP95Ms,
      unit: 'ms',
      baseline: city.rawP95Ms,
      size,
    }),
  ]);
  const lines = l.results.flatMap(({ kind, district, city }) =>
    [
      ['district office (round + district + stage, 20 a page)', district],
      ['city office (round only, 50 a page)', city],
    ].map(([label, t]) => {
      const times = t as ListTimes;
      return (
        `${kind}, ${label as string}: service p50 ${fmt.ms(times.serviceP50Ms)}, p95 ${fmt.ms(times.serviceP95Ms)}; raw SQL p50 ${fmt.ms(times.rawP50Ms)}, ` +
        `p95 ${fmt.ms(times.rawP95Ms)} (${times.samples} pages); plan: ${times.plan.join(' / ')}${times.indexOrdered ? '' : ' — NOT read in index order'}`
      );
    }),
  );
  for (const s of l.skipped) lines.push(`${s.kind}: not measured (${s.reason})`);
  return {
    id: 'stationList',
    headline: {
      label: `station list p95, service ÷ raw SQL (${headline?.kind ?? '—'}, round + district + stage)`,
      ratio: headline ? headline.district.serviceP95Ms / headline.district.rawP95Ms : null,
      value: headline ? fmt.ms(headline.district.serviceP95Ms) : '—',
      baseline: headline ? `${fmt.ms(headline.district.rawP95Ms)} raw SQL` : '—',
      size,
    },
    rows,
    lines,
    details: l,
  };
}
