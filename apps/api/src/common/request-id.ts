import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { JsonLogger, requestContext } from '@app/config';
import { routeTemplate } from './route-template';

/** What an X-Request-Id from a proxy or client may be; anything else is replaced (it ends up in logs). */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Every request has an id: the caller's or the proxy's X-Request-Id when it is a plain token,
 * else a new UUID. It is echoed in the answer's X-Request-Id and carried by every log line written
 * while the request is served (requestContext), so that a support call can find its lines.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    requestContext.run({ requestId: id }, next);
  };
}

/**
 * One line per answered request in JSON logs: method, route template, status and time. The
 * path's own values and the query string are left out: they may carry names or tokens.
 */
export function accessLog(json: JsonLogger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const store = requestContext.getStore();
    res.once('finish', () => {
      const line = {
        requestId: store?.requestId,
        method: req.method,
        route: routeTemplate(req),
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        code: (res.locals as { errorCode?: unknown }).errorCode,
      };
      json.info(line, 'request');
    });
    next();
  };
}
