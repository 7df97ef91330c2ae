import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers with a strict Content-Security-Policy: only this origin's own scripts, styles,
 * images and API (the dashboard uses no inline script or style and nothing remote). Swagger UI under
 * /api/docs ships inline <style> blocks, so its pages alone also allow inline styles.
 *
 * upgrade-insecure-requests is left out on purpose: offices reach the service over plain HTTP on
 * their own network, where upgrading the dashboard's same-origin requests to HTTPS would break it.
 * TLS, where there is some, is the reverse proxy's job.
 */
export function securityHeaders(): RequestHandler {
  const directives = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
  const strict = helmet({ contentSecurityPolicy: { useDefaults: false, directives } });
  const docs = helmet({ contentSecurityPolicy: { useDefaults: false, directives: { ...directives, styleSrc: ["'self'", "'unsafe-inline'"] } } });
  return (req, res, next) => (req.path.startsWith('/api/docs') ? docs : strict)(req, res, next);
}
