import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually } from './support/eventually';
import { parsePrometheusText, Sample, total } from './support/prometheus';
import { applyFor, createRound, freePort, RunningService } from './support/service';

jest.setTimeout(180_000);

/**
 * What an operator watches, on the real service (supervisor, dev server, API, worker, SQLite):
 * the API's /metrics and the worker's Temporal SDK metrics, scraped and parsed as Prometheus
 * text, and every process logging JSON lines with request ids and no secrets.
 */
describe('metrics and JSON logs', () => {
  let svc: RunningService;
  let workerMetricsPort: number;
  const metricsToken = `metrics-${Math.random().toString(36).slice(2)}-token`;

  beforeAll(async () => {
    workerMetricsPort = await freePort();
    svc = new RunningService({ env: { LOG_FORMAT: 'json', METRICS_PORT: String(workerMetricsPort), METRICS_TOKEN: metricsToken } });
    await svc.start();
  });
  afterAll(async () => {
    await svc?.cleanup();
  });

  async function scrapeApi(): Promise<Sample[]> {
    const res = await fetch(`${svc.baseUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await res.text());
  }

  it('counts requests by route template, errors by code, stations by stage and reminders by outcome', async () => {
    for (const code of ['500103', '500105']) {
      const r = await svc.request('PUT', `/api/districts/${code}/contacts`, {
        contacts: [{ name: '联系人', email: `c${code}@district.example` }],
      });
      expect(r.status).toBe(200);
    }
    const round = await createRound(svc, {
      name: '指标测试批次',
      deadlinesInSeconds: { recommendation: 8, selfAssessment: 3600, cityEvaluation: 3700, publication: 3800, promotion: 3900 },
      reminders: { before: ['PT5S'], onTheDay: false, after: [], repeatAfter: null, workingDaysOnly: false, sendAt: null },
    });
    const a = await applyFor(svc, round.id, '500103', '渝中区指标站');
    await applyFor(svc, round.id, '500105', '江北区指标站');
    expect((await svc.request('GET', `/api/stations/${a}`)).status).toBe(200);
    expect((await svc.request('GET', '/api/stations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await svc.request('GET', '/api/me', undefined, 'not-a-token')).status).toBe(401);

    // Without the token: refused; with it, strict Prometheus text.
    expect((await fetch(`${svc.baseUrl}/metrics`)).status).toBe(401);
    const samples = await eventually(
      scrapeApi,
      (s) => total(s, 'stations_reminders', { outcome: 'sent' }) >= 2 && total(s, 'stations_stations') >= 2,
      60_000,
    );
    expect(total(samples, 'stations_http_requests_total', { route: '/api/stations/:id', method: 'GET', status: '200' })).toBe(1);
    expect(total(samples, 'stations_http_requests_total', { route: '/api/stations/:id', method: 'GET', status: '404' })).toBe(1);
    expect(total(samples, 'stations_http_requests_total', { route: '/api/rounds/:id/applications', method: 'POST', status: '201' })).toBe(
      2,
    );
    // no path of its own (ids) among the labels
    expect(samples.filter((s) => s.name === 'stations_http_requests_total' && /[0-9a-f]{8}-/.test(s.labels.route))).toEqual([]);
    expect(total(samples, 'stations_http_errors_total', { code: 'NOT_FOUND' })).toBe(1);
    expect(total(samples, 'stations_http_errors_total', { code: 'UNAUTHENTICATED' })).toBeGreaterThanOrEqual(1);
    expect(total(samples, 'stations_http_request_duration_seconds_count', { route: '/api/stations/:id', method: 'GET' })).toBe(2);
    expect(total(samples, 'stations_http_request_duration_seconds_bucket', { route: '/api/stations/:id', method: 'GET', le: '+Inf' })).toBe(
      2,
    );
    expect(total(samples, 'stations_stations', { overdue: 'false' })).toBe(2);
    expect(total(samples, 'stations_reminders', { channel: 'email', kind: 'district', outcome: 'sent' })).toBe(2);
    expect(total(samples, 'stations_api_process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it("serves the worker's Temporal SDK metrics on METRICS_PORT", async () => {
    const samples = await eventually(
      async () => parsePrometheusText(await (await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`)).text()),
      (s) => total(s, 'temporal_workflow_task_execution_latency_count') > 0,
      30_000,
    );
    expect(samples.some((s) => s.name.startsWith('temporal_') && s.labels.task_queue === 'stations')).toBe(true);

    // Every series the Grafana dashboard (docker/grafana) plots is one of the two processes' own,
    // but for a failure counter that appears with the first failure.
    const api = await scrapeApi();
    const names = new Set([...samples, ...api].map((s) => s.name));
    const dashboard = fs.readFileSync(path.join(__dirname, '../docker/grafana/labour-stations.json'), 'utf8');
    const plotted = new Set([...dashboard.matchAll(/\b((?:stations|temporal)_[a-z_]+)/g)].map((m) => m[1]));
    const appearsLater = ['temporal_activity_execution_failed_total'];
    expect([...plotted].filter((n) => !names.has(n) && !appearsLater.includes(n))).toEqual([]);
  });

  it('logs one JSON object a line from every process, with the request id echoed and carried, and no secret', async () => {
    const res = await fetch(`${svc.baseUrl}/api/stations/00000000-0000-4000-8000-000000000001`, {
      headers: { authorization: `Bearer ${svc.adminToken}`, 'x-request-id': 'support-call-42' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('support-call-42');
    const generated = await fetch(`${svc.baseUrl}/api/health`, { headers: { 'x-request-id': 'not acceptable {x}' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const lines = await eventually(
      async () => svc.output.split('\n').filter((l) => l.trim() !== ''),
      (ls) => ls.some((l) => l.includes('support-call-42')),
      10_000,
    );
    // The dev server's own lines are Temporal's, not ours; every other line is one JSON object.
    const ours = lines.filter((l) => l.startsWith('{'));
    const parsed = ours.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => !l.startsWith('{') && !/temporal|level=|time=/i.test(l))).toEqual([]);
    expect(new Set(parsed.map((l) => l.process))).toEqual(new Set(['supervisor', 'api', 'worker']));
    for (const l of parsed) expect(l).toMatchObject({ level: expect.any(String), time: expect.any(String), pid: expect.any(Number) });
    expect(parsed).toContainEqual(
      expect.objectContaining({ process: 'api', msg: 'request', requestId: 'support-call-42', route: '/api/stations/:id', status: 404 }),
    );
    expect(svc.output).not.toContain(svc.adminToken);
    expect(svc.output).not.toContain(metricsToken);
  });
});
