import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { createApi } from '../bootstrap';

/**
 * Bodies the JSON parser refuses, in the real HTTP app (SQLite in a temp folder; Temporal is never
 * reached): each answer is a 4xx with a stable code and a zh-CN message, whatever the framework
 * version hands the filter (NestJS 12 wraps the parser's errors in an HttpException).
 */
describe('refused request bodies', () => {
  let app: INestApplication;
  let base: string;
  let dir: string;
  const admin = 'errors-filter-spec-admin-token';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stations-errors-'));
    app = await createApi(loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: admin }, dir), '127.0.0.1:1');
    app.useLogger(false);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = async (body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}/api/districts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const unreadable = {
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: '无法读取请求体：请以 UTF-8 编码的 JSON 发送（不压缩或 gzip/deflate/br）',
  };

  it('answers 413 PAYLOAD_TOO_LARGE in zh-CN for a body over the limit', async () => {
    const res = await post(JSON.stringify({ name: 'x'.repeat(300 * 1024) }));
    expect(res).toEqual({ status: 413, body: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' } });
  });

  it('answers 400 VALIDATION_FAILED in zh-CN for an unsupported content encoding or charset, and a body that does not decompress', async () => {
    expect(await post('{}', { 'content-encoding': 'x-unknown' })).toEqual({ status: 400, body: unreadable });
    expect(await post('{}', { 'content-type': 'application/json; charset=latin1' })).toEqual({ status: 400, body: unreadable });
    expect(await post('not gzip', { 'content-encoding': 'gzip' })).toEqual({ status: 400, body: unreadable });
  });

  it("keeps the JSON reviver's own zh-CN refusal of a body that parses but is no object", async () => {
    expect(await post('[]')).toEqual({
      status: 400,
      body: { statusCode: 400, code: 'VALIDATION_FAILED', message: '请求体应为 JSON 对象，而不是数组' },
    });
  });
});
