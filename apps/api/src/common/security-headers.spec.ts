import type { Request, Response } from 'express';
import { securityHeaders } from './security-headers';

/** The headers the middleware sets on an answer to a request over https or plain HTTP. */
function headersFor(secure: boolean, path = '/api/me'): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  } as unknown as Response;
  let passed = false;
  securityHeaders()({ secure, path } as Request, res, () => (passed = true));
  expect(passed).toBe(true);
  return headers;
}

describe('security headers', () => {
  it('sends Strict-Transport-Security only with an answer over https', () => {
    expect(headersFor(true)['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headersFor(true, '/api/docs')['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headersFor(false)).not.toHaveProperty('strict-transport-security');
    expect(headersFor(false, '/api/docs')).not.toHaveProperty('strict-transport-security');
  });

  it('sends the strict Content-Security-Policy either way, with inline styles for the API docs only', () => {
    for (const secure of [true, false]) {
      expect(headersFor(secure)['content-security-policy']).toContain("style-src 'self';");
      expect(headersFor(secure)['x-content-type-options']).toBe('nosniff');
      expect(headersFor(secure, '/api/docs')['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    }
  });
});
