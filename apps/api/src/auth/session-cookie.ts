import type { Request, Response } from 'express';

/**
 * The session cookie. Over https it is `__Host-`-prefixed, which browsers accept only when Secure,
 * host-only and for Path=/ (no subdomain can set or shadow it). HttpOnly: scripts never read it;
 * SameSite=Lax: other sites' pages do not send it on their POSTs (the CSRF token is the second line).
 */
export class SessionCookie {
  readonly name: string;
  private readonly secure: boolean;

  constructor(publicUrl: string) {
    this.secure = new URL(publicUrl).protocol === 'https:';
    this.name = this.secure ? '__Host-stations_session' : 'stations_session';
  }

  /** The cookie's value in the request, or null. */
  read(req: Request): string | null {
    const header = req.headers.cookie;
    if (!header) return null;
    for (const part of header.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      if (part.slice(0, eq).trim() !== this.name) continue;
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,200}$/.test(value) ? value : null;
    }
    return null;
  }

  /** Sets the cookie without Max-Age: it ends with the browser, the server ends it sooner (idle, absolute). */
  set(res: Response, value: string): void {
    res.append('Set-Cookie', `${this.name}=${value}; Path=/; HttpOnly; SameSite=Lax${this.secure ? '; Secure' : ''}`);
  }

  clear(res: Response): void {
    res.append('Set-Cookie', `${this.name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${this.secure ? '; Secure' : ''}`);
  }
}
