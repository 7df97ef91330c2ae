import { Writable } from 'node:stream';
import { createJsonLogger, NestJsonLogger, requestContext, scrub } from './logging';

function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('JSON logs', () => {
  it('write one object a line with process, level, time, context and the request id', () => {
    const out = capture();
    const logger = new NestJsonLogger(createJsonLogger('api', out.stream));
    logger.log('listening', 'Api');
    requestContext.run({ requestId: 'req-1' }, () => logger.warn('refused FORBIDDEN', 'Errors'));
    logger.error('boom', 'Error: boom\n    at x', 'Errors');
    logger.debug();
    const [first, second, third] = out.lines();
    expect(out.lines()).toHaveLength(3);
    expect(first).toMatchObject({ level: 'info', process: 'api', context: 'Api', msg: 'listening' });
    expect(first.requestId).toBeUndefined();
    expect(typeof first.time).toBe('string');
    expect(second).toMatchObject({ level: 'warn', context: 'Errors', requestId: 'req-1', msg: 'refused FORBIDDEN' });
    expect(third).toMatchObject({ level: 'error', context: 'Errors', stack: 'Error: boom\n    at x', msg: 'boom' });
  });

  it('never carry secrets: passwords in URLs, bearer tokens, secret fields', () => {
    const out = capture();
    const json = createJsonLogger('worker', out.stream);
    json.warn('cannot reach postgres://app:hunter2@db/stations, redis://:s3cret@redis:6379 or smtps://u:pw@mail:465');
    json.info({ headers: { authorization: 'Bearer abcdef' }, password: 'pw', token: 'tok' }, 'Authorization: Bearer abc.def-123');
    const text = JSON.stringify(out.lines());
    for (const secret of ['hunter2', 's3cret', ':pw@', 'abcdef', '"pw"', 'tok"', 'abc.def-123']) expect(text).not.toContain(secret);
    expect(scrub('postgres://app:hunter2@db/x')).toBe('postgres://app:***@db/x');
    expect(scrub('redis://:s3cret@redis:6379')).toBe('redis://:***@redis:6379');
    expect(scrub('Bearer abc.def')).toBe('Bearer ***');
  });
});
