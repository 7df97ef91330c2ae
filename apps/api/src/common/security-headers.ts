import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** helmet's default: a year, subdomains included. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers with a strict Content-Security-Policy: only this origin's own scripts, styles,
 * images and API (the dashboard uses no inline script or style and nothing remote). Swagger UI under
 * /api/docs ships inline <style> blocks, so its pages alone also allow inline styles.
 *
 * upgrade-insecure-requests is left out on purpose: offices reach the service over plain HTTP on
 * their own network, where upgrading the dashboard's same-origin requests to HTTPS would break it.
 * TLS, where there is some, is the reverse proxy's job.
 *
 * Strict-Transport-Security goes only with an answer over https: a host must not send it over plain
 * HTTP (RFC 6797 §7.2), where offices on their own network reach the service. A request is https
 * when it came over TLS, or when a trusted reverse proxy (TRUST_PROXY) says so in X-Forwarded-Proto.
 */
export function securityHeaders(): RequestHandler {
  const directives = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    // blob: the dashboard previews evidence files it fetched with the sign-in (images, and PDFs in a frame)
    imgSrc: ["'self'", 'data:', 'blob:'],
    frameSrc: ["'self'", 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
  const strict = helmet({ contentSecurityPolicy: { useDefaults: false, directives }, strictTransportSecurity: false });
  const docs = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...directives, styleSrc: ["'self'", "'unsafe-inline'"] } },
    strictTransportSecurity: false,
  });
  return (req, res, next) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    (req.path.startsWith('/api/docs') ? docs : strict)(req, res, next);
  };
}
