import * as otel from '@opentelemetry/api';
import { callerSpanContext } from './request-span';

describe('a caller’s W3C traceparent', () => {
  const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
  const span = '00f067aa0ba902b7';

  it('is taken as the remote parent, with its sampled flag', () => {
    expect(callerSpanContext(otel, `00-${trace}-${span}-01`)).toEqual({ traceId: trace, spanId: span, traceFlags: 1, isRemote: true });
    expect(callerSpanContext(otel, ` 00-${trace}-${span}-00 `)).toMatchObject({ traceFlags: 0 });
    // a later version may append fields after the flags
    expect(callerSpanContext(otel, `01-${trace}-${span}-03-extra`)).toMatchObject({ traceId: trace, traceFlags: 1 });
  });

  it.each([
    ['absent', undefined],
    ['repeated', [`00-${trace}-${span}-01`, `00-${trace}-${span}-01`]],
    ['version ff', `ff-${trace}-${span}-01`],
    ['version 00 with more after the flags', `00-${trace}-${span}-01-extra`],
    ['upper-case hex', `00-${trace.toUpperCase()}-${span}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${span}-01`],
    ['an all-zero span id', `00-${trace}-${'0'.repeat(16)}-01`],
    ['a short trace id', `00-${trace.slice(1)}-${span}-01`],
    ['something else', 'hello'],
  ])('is ignored when %s', (_, header) => {
    expect(callerSpanContext(otel, header)).toBeNull();
  });
});
