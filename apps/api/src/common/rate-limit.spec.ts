import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { createApi } from '../bootstrap';
import { bearerToken } from '../auth/bearer';
import { TokenBuckets } from './rate-limit';

describe('bearerToken', () => {
  it('reads the scheme in any case with flexible white space (RFC 7235), and nothing else', () => {
    for (const header of ['Bearer abc', 'bearer abc', 'BEARER abc', '  Bearer    abc  ', 'Bearer\tabc'])
      expect(bearerToken(header)).toBe('abc');
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'Bearerabc', 'Bearer a b', 'abc'])
      expect(bearerToken(header)).toBeNull();
  });
});

describe('TokenBuckets', () => {
  it('lets a client burst up to the limit, then refills it at the limit per minute', () => {
    let now = 0;
    const buckets = new TokenBuckets(60, () => now); // one a second
    for (let i = 0; i < 60; i++) expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1);
    expect(buckets.take('b')).toBe(0); // each client has its own bucket
    now += 500;
    expect(buckets.take('a')).toBe(1); // half a request refilled: wait the other half, rounded up
    now += 500;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1);
  });

  it('says how long to wait when the limit is low', () => {
    let now = 0;
    const buckets = new TokenBuckets(2, () => now); // one every 30 s
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 30]);
    now += 20_000;
    expect(buckets.take('a')).toBe(10);
  });

  it('forgets clients whose bucket is full again, so memory follows the clients of the last minute', () => {
    let now = 0;
    const buckets = new TokenBuckets(10, () => now);
    for (let i = 0; i < 100; i++) buckets.take(`client-${i}`);
    expect(buckets.size).toBe(100);
    now += 61_000;
    buckets.take('late');
    expect(buckets.size).toBe(1);
  });
});

/** The limit in the real HTTP app (SQLite in a temp folder; Temporal is never reached by these routes). */
describe('rate limiting of /api', () => {
  let app: INestApplication;
  let base: string;
  let dir: string;
  const admin = 'rate-limit-spec-admin-token';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stations-rate-'));
    const config = loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: admin, RATE_LIMIT_PER_MINUTE: '3' }, dir);
    app = await createApi(config, '127.0.0.1:1');
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, authorization?: string) => fetch(`${base}${url}`, { headers: authorization ? { authorization } : {} });

  it('answers 429 RATE_LIMITED with Retry-After past the allowance, per caller however its header is spelt, never for health', async () => {
    const issued = await fetch(`${base}/api/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'city', label: '市三方办' }),
    });
    expect(issued.status).toBe(201);
    const city = ((await issued.json()) as { token: string }).token;
    // The scheme in any case, extra spaces: the same caller, the same allowance (3, one spent above).
    expect((await get('/api/me', `bearer ${admin}`)).status).toBe(200);
    expect((await get('/api/me', `BEARER    ${admin}  `)).status).toBe(200);
    const limited = await get('/api/me', `Bearer\t${admin}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await limited.json()).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: expect.stringContaining('请求过于频繁'),
      details: { retryAfterSeconds: expect.any(Number) },
    });
    // Another caller has its own allowance.
    expect((await get('/api/me', `Bearer ${city}`)).status).toBe(200);
    // Guessing: every unknown token counts against the address, as requests without one do.
    for (let i = 0; i < 3; i++) expect((await get('/api/me', `Bearer guess-${i}-${Math.random()}`)).status).toBe(401);
    expect((await get('/api/me', `Bearer guess-${Math.random()}`)).status).toBe(429);
    expect((await get('/api/districts')).status).toBe(429);
    // The address's failed attempts do not hold back a caller with a valid token.
    expect((await get('/api/me', `Bearer ${city}`)).status).toBe(200);
    // Health checks are never limited (503 here: no Temporal behind this app).
    for (let i = 0; i < 5; i++) expect((await get('/api/health')).status).not.toBe(429);
  });
});

/** Two replicas sharing a Redis (the real one of the test machine, under this run's own prefix). */
describe('rate limiting of /api across replicas (REDIS_URL)', () => {
  const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const admin = 'rate-limit-spec-shared-admin-token';
  const apps: INestApplication[] = [];
  const dirs: string[] = [];

  async function replica(env: Record<string, string>): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stations-rate-shared-'));
    dirs.push(dir);
    const app = await createApi(loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: admin, RATE_LIMIT_PER_MINUTE: '4', ...env }, dir), '127.0.0.1:1');
    apps.push(app);
    await app.listen(0, '127.0.0.1');
    return app.getUrl();
  }
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const me = (base: string) => fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${admin}` } });

  it('gives a caller one allowance however its requests are spread over the replicas', async () => {
    const env = { REDIS_URL, REDIS_KEY_PREFIX: `stations-test:${process.pid}-${Math.random().toString(36).slice(2)}:` };
    const [a, b] = [await replica(env), await replica(env)];
    const statuses = [];
    for (const base of [a, b, a, b]) statuses.push((await me(base)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const limited = await me(b);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await me(a)).status).toBe(429);
  });

  it('lets requests through when Redis cannot be reached (fails open), and keeps answering', async () => {
    const away = await replica({ REDIS_URL: 'redis://127.0.0.1:1' });
    for (let i = 0; i < 6; i++) expect((await me(away)).status).toBe(200);
  });
});
