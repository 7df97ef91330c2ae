import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { createApi } from '../bootstrap';

/** Who may scrape /metrics without METRICS_TOKEN (the real HTTP app on SQLite; Temporal is never reached). */
describe('GET /metrics without METRICS_TOKEN', () => {
  let app: INestApplication;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stations-metrics-'));
    app = await createApi(loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'loopback' }, dir), '127.0.0.1:1');
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers a scraper on loopback or a private network, and refuses a client from outside', async () => {
    const local = await fetch(`${base}/metrics`);
    expect(local.status).toBe(200);
    expect(await local.text()).toContain('# TYPE stations_http_requests_total counter');
    expect((await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '10.1.2.3' } })).status).toBe(200);
    const outside = await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(outside.status).toBe(403);
    expect(await outside.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('METRICS_TOKEN') });
  });
});
