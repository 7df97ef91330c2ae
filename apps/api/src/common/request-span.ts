import type { RequestHandler } from 'express';
import type { Tracing } from '@app/temporal';
import { routeTemplate } from './route-template';

/**
 * With tracing on, every request is a span (named by method and route template once routed, never
 * by the path's own values) and the active one while it is served, so that the workflow starts,
 * signals and updates it makes (the Temporal client interceptor) become its children.
 */
export function requestSpan(tracing: Tracing): RequestHandler {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { context, trace, SpanKind, SpanStatusCode } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  return (req, res, next) => {
    const span = tracing.tracer.startSpan(`HTTP ${req.method}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method },
    });
    res.once('finish', () => {
      const route = routeTemplate(req);
      if (route) span.updateName(`HTTP ${req.method} ${route}`).setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}
