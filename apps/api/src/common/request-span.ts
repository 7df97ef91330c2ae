import type { RequestHandler } from 'express';
import type { Tracing } from '@app/temporal';
import { routeTemplate } from './route-template';

/**
 * With tracing on, every request is a span (named by method and route template once routed, never
 * by the path's own values) and the active one while it is served, so that the workflow starts,
 * signals and updates it makes (the Temporal client interceptor) become its children. A caller's
 * W3C `traceparent` (a reverse proxy's, a program's) makes the request a child of the caller's
 * span; a malformed one is ignored.
 */
export function requestSpan(tracing: Tracing): RequestHandler {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const otel = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const { context, trace, ROOT_CONTEXT, SpanKind, SpanStatusCode } = otel;
  return (req, res, next) => {
    const caller = callerSpanContext(otel, req.headers.traceparent);
    const parent = caller ? trace.setSpanContext(ROOT_CONTEXT, caller) : ROOT_CONTEXT;
    const span = tracing.tracer.startSpan(
      `HTTP ${req.method}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
      parent,
    );
    res.once('finish', () => {
      const route = routeTemplate(req);
      if (route) span.updateName(`HTTP ${req.method} ${route}`).setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** `traceparent: 00-<trace id>-<parent span id>-<flags>` (W3C Trace Context, version 00 and later). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

export function callerSpanContext(
  otel: Pick<typeof import('@opentelemetry/api'), 'isSpanContextValid'>,
  header: string | string[] | undefined,
): import('@opentelemetry/api').SpanContext | null {
  if (typeof header !== 'string') return null;
  const m = TRACEPARENT.exec(header.trim());
  // version ff is invalid; version 00 has nothing after the flags
  if (!m || m[1] === 'ff' || (m[1] === '00' && m[5] !== undefined)) return null;
  const spanContext = { traceId: m[2], spanId: m[3], traceFlags: parseInt(m[4], 16) & 1, isRemote: true };
  return otel.isSpanContextValid(spanContext) ? spanContext : null;
}
