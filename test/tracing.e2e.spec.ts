import { randomBytes } from 'node:crypto';
import { eventually } from './support/eventually';
import { bearer, send } from './support/http';
import { OtlpSink, ReceivedSpan } from './support/otlp-sink';
import { applyFor, createRound, freePort, RunningService } from './support/service';

jest.setTimeout(180_000);

/**
 * OpenTelemetry tracing on the real service (supervisor, dev server, API, worker, SQLite) with
 * OTEL_EXPORTER_OTLP_ENDPOINT pointing at a real OTLP/HTTP receiver: an HTTP request, the workflow
 * it starts, the workflow's run and its activities form one trace across the API and the worker.
 */
describe('tracing through the Temporal interceptors', () => {
  const sink = new OtlpSink();
  let svc: RunningService;

  beforeAll(async () => {
    await sink.start();
    svc = new RunningService({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint } });
    await svc.start();
  });
  afterAll(async () => {
    await svc?.cleanup();
    await sink.stop();
  });

  /** The spans the API exported for its first request named `name`, and the whole trace once `complete` holds. */
  async function traceOf(
    name: string,
    complete: (spans: ReceivedSpan[]) => boolean,
  ): Promise<{ request: ReceivedSpan; spans: ReceivedSpan[] }> {
    const request = await eventually(
      async () => sink.spans.find((s) => s.service === 'labour-stations-api' && s.name === name),
      (s) => s !== undefined,
      60_000,
    );
    const spans = await eventually(async () => sink.spans.filter((s) => s.traceId === request!.traceId), complete, 60_000);
    return { request: request!, spans };
  }

  /** The chain of span names from `span` up to the trace's root, as `service span-name`. */
  function ancestry(spans: ReceivedSpan[], span: ReceivedSpan): string[] {
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const chain: string[] = [];
    for (let s: ReceivedSpan | undefined = span; s; s = s.parentSpanId ? byId.get(s.parentSpanId) : undefined) {
      chain.unshift(`${s.service.replace('labour-stations-', '')} ${s.name}`);
      if (s.parentSpanId && !byId.has(s.parentSpanId)) chain.unshift('(missing parent)');
    }
    return chain;
  }

  it('follows a station from the HTTP request through its workflow, an activity and an update, across the API and the worker', async () => {
    const round = await createRound(svc, {
      name: '追踪测试批次',
      deadlinesInSeconds: { recommendation: 3600, selfAssessment: 3700, cityEvaluation: 3800, publication: 3900, promotion: 4000 },
    });
    const station = await applyFor(svc, round.id, '500103', '渝中区追踪站');
    // Withdrawn, the station's workflow ends, and with it its run's span (exported when it ends).
    expect((await svc.request('POST', `/api/stations/${station}/withdrawal`, { reason: '追踪测试撤回' })).status).toBe(200);

    const worker = (spans: ReceivedSpan[], prefix: string) =>
      spans.find((s) => s.service === 'labour-stations-worker' && s.name.startsWith(prefix));
    const applied = await traceOf(
      'HTTP POST /api/rounds/:id/applications',
      (spans) => !!worker(spans, 'RunWorkflow:') && !!worker(spans, 'RunActivity:'),
    );
    const activity = applied.spans.find((s) => s.name === 'RunActivity:projectStation')!;
    expect(ancestry(applied.spans, activity)).toEqual([
      'api HTTP POST /api/rounds/:id/applications',
      'api StartWorkflow:stationWorkflow',
      'worker RunWorkflow:stationWorkflow',
      'worker StartActivity:projectStation',
      'worker RunActivity:projectStation',
    ]);

    const withdrawn = await traceOf('HTTP POST /api/stations/:id/withdrawal', (spans) => !!worker(spans, 'HandleUpdate:'));
    const chain = ancestry(withdrawn.spans, worker(withdrawn.spans, 'HandleUpdate:')!);
    expect(chain[0]).toBe('api HTTP POST /api/stations/:id/withdrawal');
    expect(chain.slice(1).join(' > ')).toMatch(/^api StartWorkflowUpdate:\S+ > worker HandleUpdate:\S+$/);
  });

  it('continues a caller’s trace given in a W3C traceparent header, and ignores a malformed one', async () => {
    const round = await createRound(svc, {
      name: '上游追踪批次',
      deadlinesInSeconds: { recommendation: 3600, selfAssessment: 3700, cityEvaluation: 3800, publication: 3900, promotion: 4000 },
    });
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const continued = await send(svc, 'GET', `/api/rounds/${round.id}`, {
      authorization: bearer(svc.adminToken),
      headers: { traceparent: `00-${traceId}-${callerSpan}-01` },
    });
    expect(continued.status).toBe(200);
    const child = await eventually(
      async () => sink.spans.find((s) => s.service === 'labour-stations-api' && s.traceId === traceId),
      (span) => span !== undefined,
      60_000,
    );
    expect(child).toMatchObject({ name: 'HTTP GET /api/rounds/:id', parentSpanId: callerSpan });

    // an all-zero trace id is invalid: the request starts a trace of its own
    const before = new Set(sink.spans.map((s) => s.spanId));
    const malformed = await send(svc, 'GET', `/api/rounds/${round.id}/workflow`, {
      authorization: bearer(svc.adminToken),
      headers: { traceparent: `00-${'0'.repeat(32)}-${callerSpan}-01` },
    });
    expect(malformed.status).toBe(200);
    const own = await eventually(
      async () => sink.spans.find((s) => !before.has(s.spanId) && s.name === 'HTTP GET /api/rounds/:id/workflow'),
      (span) => span !== undefined,
      60_000,
    );
    expect(own!.parentSpanId ?? null).toBeNull();
    expect(own!.traceId).not.toBe('0'.repeat(32));
  });
});

describe('tracing with the collector away', () => {
  let svc: RunningService;

  beforeAll(async () => {
    // A free port nobody listens on: every export is refused.
    svc = new RunningService({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}` } });
    await svc.start();
  });
  afterAll(async () => {
    await svc?.cleanup();
  });

  it('still serves requests and runs the workflows and their activities', async () => {
    const round = await createRound(svc, {
      name: '无采集器批次',
      deadlinesInSeconds: { recommendation: 3600, selfAssessment: 3700, cityEvaluation: 3800, publication: 3900, promotion: 4000 },
    });
    const station = await applyFor(svc, round.id, '500103', '渝中区无采集器站');
    expect((await svc.request('POST', `/api/stations/${station}/withdrawal`, { reason: '采集器不在' })).status).toBe(200);
    // The projection is written by an activity: the worker went on despite the refused exports.
    const closed = await eventually(
      async () => (await svc.request('GET', `/api/stations/${station}`)).body as { outcome?: string },
      (b) => b.outcome === 'withdrawn',
      60_000,
    );
    expect(closed.outcome).toBe('withdrawn');
  });
});
