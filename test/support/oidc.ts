import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from './service';

/** A claim set the provider hands out for one account id. */
export type OidcAccounts = Record<string, { email?: string; email_verified?: boolean; name?: string }>;

/** The real oidc-provider in a child process (test/support/oidc-provider.mjs) on a free port. */
export class OidcProvider {
  private child!: ChildProcess;
  output = '';
  port = 0;
  readonly clientId = 'stations-dashboard';
  readonly clientSecret = `secret-${Math.random().toString(36).slice(2)}-for-tests`;

  get issuer(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(redirectUri: string, accounts: OidcAccounts): Promise<void> {
    this.port = await freePort();
    this.child = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs')], {
      env: {
        ...process.env,
        OIDC_PORT: String(this.port),
        OIDC_CLIENT_ID: this.clientId,
        OIDC_CLIENT_SECRET: this.clientSecret,
        OIDC_REDIRECT_URI: redirectUri,
        OIDC_ACCOUNTS: JSON.stringify(accounts),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`oidc-provider did not start:\n${this.output}`)), 20_000);
      this.child.stdout!.on('data', (b) => {
        this.output += b;
        if (this.output.includes('READY')) {
          clearTimeout(timer);
          resolve();
        }
      });
      this.child.stderr!.on('data', (b) => (this.output += b));
      this.child.once('exit', (code) => reject(new Error(`oidc-provider exited (${code}):\n${this.output}`)));
    });
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** A browser's cookies and redirects, enough for the code flow: names only (one host, tests run one flow at a time). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.header() },
    });
    this.take(res);
    return res;
  }
}

/**
 * Signs in through the provider as `accountId`: from the service's /api/auth/oidc/login, through
 * the provider's login and consent forms, back to the service's callback. Answers the callback's
 * redirect target (the dashboard, or its notice that single sign-on failed).
 */
export async function signInThroughProvider(
  baseUrl: string,
  jar: CookieJar,
  accountId: string,
): Promise<{ location: string; steps: string[] }> {
  let url = `${baseUrl}/api/auth/oidc/login`;
  const steps: string[] = [];
  for (let hop = 0; hop < 20; hop++) {
    steps.push(new URL(url).pathname);
    const res = await jar.fetch(url);
    if (new URL(url).pathname === '/api/auth/oidc/callback') {
      if (res.status !== 302) throw new Error(`callback answered ${res.status}: ${await res.text()}`);
      return { location: res.headers.get('location')!, steps };
    }
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      continue;
    }
    const page = await res.text();
    if (res.status !== 200 || !new URL(url).pathname.startsWith('/interaction/'))
      throw new Error(`${url} answered ${res.status}: ${page.slice(0, 300)}`);
    const form: Record<string, string> = page.includes('name="login"')
      ? { prompt: 'login', login: accountId, password: 'any' }
      : { prompt: 'consent' };
    const submitted = await jar.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    if (submitted.status < 300 || submitted.status >= 400)
      throw new Error(`${form.prompt} form answered ${submitted.status}: ${await submitted.text()}`);
    url = new URL(submitted.headers.get('location')!, url).href;
  }
  throw new Error(`no way back to the callback: ${steps.join(' → ')}`);
}
