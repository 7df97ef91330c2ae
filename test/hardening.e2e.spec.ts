import * as fs from 'node:fs';
import { toCsv } from '../apps/api/src/exports/csv';
import { templateCsvRows } from '../apps/api/src/imports/import-layout';
import { inflatingXlsx } from '../apps/api/src/imports/testing/inflating-xlsx';
import { createRound, issueToken, RunningService } from './support/service';

jest.setTimeout(180_000);

const RATE_LIMIT = 30;
const MB = 1024 * 1024;

/** A field of /proc/<pid>/status in bytes (VmRSS: resident now; VmHWM: the peak since last reset). */
function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

/**
 * An outsider's attempts to knock the service over, against the real service: an import that
 * inflates to 300 MB, an import report asked to echo megabytes, a rate limit dodged by respelling
 * or guessing, HSTS over plain HTTP.
 */
describe('the service is hard to knock over', () => {
  let svc: RunningService;
  let roundId: string;
  let district: string;

  beforeAll(async () => {
    svc = new RunningService({ env: { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), TRUST_PROXY: 'loopback' } });
    await svc.start();
    const day = 86_400;
    ({ id: roundId } = await createRound(svc, {
      name: '加固测试批次',
      deadlinesInSeconds: {
        recommendation: 10 * day,
        selfAssessment: 20 * day,
        cityEvaluation: 30 * day,
        publication: 40 * day,
        promotion: 50 * day,
      },
    }));
    district = await issueToken(svc, 'district', { districtCode: '500103' });
  });
  afterAll(async () => {
    await svc?.cleanup();
  });

  const upload = async (file: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), name);
    const res = await fetch(`${svc.baseUrl}/api/rounds/${roundId}/imports/applications?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${district}` },
      body: form,
    });
    const text = await res.text();
    return { status: res.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
  };

  it('refuses three xlsx files inflating to 300 MB each at once with 413 IMPORT.TOO_LARGE, the API memory barely moving', async () => {
    const bomb = await inflatingXlsx(300);
    expect(bomb.length).toBeLessThan(MB);
    const api = svc.childPid('api')!;
    expect(api).toEqual(expect.any(Number));
    fs.writeFileSync(`/proc/${api}/clear_refs`, '5'); // resets VmHWM, so that it holds the peak of what follows
    const before = memoryOf(api, 'VmRSS');

    const answers = await Promise.all([1, 2, 3].map((i) => upload(bomb, `bomb-${i}.xlsx`)));
    for (const answer of answers) {
      expect([answer.status, answer.body.code, answer.body.message]).toEqual([
        413,
        'IMPORT.TOO_LARGE',
        expect.stringContaining('解压后超过'),
      ]);
    }
    expect(memoryOf(api, 'VmHWM') - before).toBeLessThan(200 * MB);
    // The same API process still serves.
    expect(svc.childPid('api')).toBe(api);
    expect((await svc.request('GET', '/api/health', undefined, null)).status).toBe(200);
  });

  it('quotes at most 200 characters of a cell and 500 row errors in an import report', async () => {
    const [header] = templateCsvRows();
    const row = (cells: Record<string, string>) => header.map((h) => cells[h] ?? '');
    const huge = '渝'.repeat(500_000); // 1.5 MB
    const file = toCsv([
      header,
      ...[1, 2, 3].map((i) => row({ 推荐区县: huge, 推荐站点名称: `站${i}` })),
      ...Array.from({ length: 997 }, (_, i) => row({ 推荐区县: '500103', 推荐站点名称: `缺项站${i}` })),
    ]);
    expect(file.length).toBeGreaterThan(4 * MB); // the cells the old report echoed back whole
    const report = await upload(file, 'echo.csv');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ dryRun: true, accepted: 0, rejected: 1000 });
    const [first] = report.body.rows;
    expect(first.errors).toEqual([{ field: '推荐区县', message: `推荐区县“${'渝'.repeat(200)}…”不是已登记的区县` }]);
    const listed = report.body.rows.flatMap((r: { errors?: unknown[] }) => r.errors ?? []);
    expect(listed).toHaveLength(500);
    expect(report.body.omittedErrors).toBeGreaterThan(1000);
    expect(report.bytes).toBeLessThan(300_000);
  });

  it('limits a caller however it spells Authorization, and limits token guessing by address', async () => {
    const city = await issueToken(svc, 'city');
    const spellings = [`Bearer ${city}`, `bearer ${city}`, `BEARER   ${city}`, `  Bearer ${city}  `];
    const get = (authorization?: string) => fetch(`${svc.baseUrl}/api/me`, { headers: authorization ? { authorization } : {} });
    /** Requests until the first 429 (at most a few past the allowance, which refills slowly meanwhile). */
    const untilLimited = async (authorization: (i: number) => string) => {
      const statuses: number[] = [];
      for (let i = 0; i < RATE_LIMIT + 5 && !statuses.includes(429); i++) statuses.push((await get(authorization(i))).status);
      return statuses;
    };

    const respelt = await untilLimited((i) => spellings[i % spellings.length]);
    expect(respelt[respelt.length - 1]).toBe(429);
    expect(respelt.slice(0, -1).every((s) => s === 200)).toBe(true);

    const guesses = await untilLimited((i) => `Bearer st_guess${i}${Math.random().toString(36).slice(2)}`);
    expect(guesses[guesses.length - 1]).toBe(429);
    expect(guesses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect((await get()).status).toBe(429); // the same address, without a token
    // The address's failed attempts hold back no caller with a valid token.
    expect((await get(`Bearer ${district}`)).status).toBe(200);
  });

  it('sends HSTS only over https, as the trusted proxy reports it', async () => {
    const hsts = async (headers: Record<string, string>) =>
      (await fetch(`${svc.baseUrl}/api/health`, { headers })).headers.get('strict-transport-security');
    expect(await hsts({})).toBeNull();
    expect(await hsts({ 'x-forwarded-proto': 'http' })).toBeNull();
    expect(await hsts({ 'x-forwarded-proto': 'https' })).toBe('max-age=31536000; includeSubDomains');
  });
});
