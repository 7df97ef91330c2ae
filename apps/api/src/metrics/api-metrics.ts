import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OperationsCountsRepository } from '@app/persistence';
import { routeTemplate } from '../common/route-template';

/** The metric's channel label: `email` for mail (as first published), the robot's platform otherwise. */
const channelLabel = (channel: string): string => (channel === 'mail' ? 'email' : channel);

/**
 * The API process's Prometheus registry. A registry of its own (not prom-client's global one), so
 * that several apps in one process (tests) each count only their own requests.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'method' | 'status'>;
  private readonly duration: Histogram<'route' | 'method'>;
  private readonly errors: Counter<'code'>;

  constructor(counts: OperationsCountsRepository) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'stations_api_' });
    this.requests = new Counter({
      name: 'stations_http_requests_total',
      help: 'HTTP requests answered, by route template, method and status',
      labelNames: ['route', 'method', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'stations_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route template and method',
      labelNames: ['route', 'method'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: 'stations_http_errors_total',
      help: 'Error answers, by their stable code (RATE_LIMITED, STATION.WRONG_STAGE, INTERNAL …)',
      labelNames: ['code'],
      registers,
    });
    new Gauge({
      name: 'stations_stations',
      help: 'Stations in the projection, by stage and whether their deadline has passed',
      labelNames: ['stage', 'overdue'],
      registers,
      async collect() {
        const rows = await counts.stationsByStage();
        this.reset();
        for (const r of rows) this.set({ stage: r.stage, overdue: String(r.overdue) }, r.count);
      },
    });
    new Gauge({
      name: 'stations_reminders',
      help: 'Reminders in the reminder log, by channel, kind and outcome (pending, sent, failed)',
      labelNames: ['channel', 'kind', 'outcome'],
      registers,
      async collect() {
        const rows = await counts.remindersByOutcome();
        this.reset();
        for (const r of rows) this.set({ channel: channelLabel(r.channel), kind: r.kind, outcome: r.status }, r.count);
      },
    });
  }

  /**
   * Counts every answer when it has been sent. The route is the template Express matched
   * (`/api/stations/:id`), never the path itself, so that the number of series stays bounded;
   * requests no route took (unknown paths, refused before routing) count as `unmatched`.
   */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const route = routeTemplate(req) ?? 'unmatched';
        const method = req.method;
        this.requests.inc({ route, method, status: String(res.statusCode) });
        this.duration.observe({ route, method }, Number(process.hrtime.bigint() - started) / 1e9);
        const code = (res.locals as { errorCode?: unknown }).errorCode;
        if (typeof code === 'string') this.errors.inc({ code });
      });
      next();
    };
  }
}
