import { Secret, TOTP } from 'otpauth';
import { eventually } from './eventually';
import type { RunningService } from './service';
import type { SmtpSink } from './smtp-sink';

/** The contract's refusal, or anything else a request answered. */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read JSON bodies loosely
  body: any;
  headers: Headers;
}

/**
 * A person's browser, without the page: it keeps the session cookie that sign-in sets and sends
 * it back, with the CSRF token on unsafe requests unless a test leaves it out on purpose.
 */
export class Person {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(
    readonly svc: RunningService,
    readonly username: string,
    public password: string,
  ) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    opts: { csrf?: string | null; cookie?: string | null } = {},
  ): Promise<Answer> {
    const cookie = opts.cookie === undefined ? this.cookie : opts.cookie;
    const csrf = opts.csrf === undefined ? this.csrfToken : opts.csrf;
    const unsafe = !['GET', 'HEAD'].includes(method);
    const res = await fetch(`${this.svc.baseUrl}${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(unsafe && csrf ? { 'x-csrf-token': csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    return answerOf(res);
  }

  /** Signs in (sending the cookie it holds, as a browser would); on 200 keeps the new cookie and CSRF token. */
  async signIn(otp?: string, password = this.password): Promise<Answer> {
    const res = await fetch(`${this.svc.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify({ username: this.username, password, ...(otp ? { otp } : {}) }),
    });
    const answer = await answerOf(res);
    if (answer.status === 200) {
      this.cookie = cookiePair(res.headers.get('set-cookie'));
      this.csrfToken = answer.body.csrfToken;
    }
    return answer;
  }

  /** A second browser of the same person. */
  clone(): Person {
    return new Person(this.svc, this.username, this.password);
  }
}

/** `name=value` of a Set-Cookie header. */
export function cookiePair(setCookie: string | null): string | null {
  return setCookie ? setCookie.split(';')[0] : null;
}

async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers };
}

/** Where the service's mail lands: the embedded outbox (read as the admin) or a real SMTP server. */
export interface Mailbox {
  /** the texts (or HTML) of the mails to `address` so far, oldest first */
  mailsTo(address: string): Promise<{ subject: string; body: string }[]>;
}

export const outboxMailbox = (svc: RunningService): Mailbox => ({
  async mailsTo(address) {
    const page = await svc.request('GET', '/api/outbox?limit=200');
    // the outbox lists newest first
    const mine = (page.body.items as { id: string; to: string[]; subject: string }[]).filter((m) => m.to.includes(address)).reverse();
    return Promise.all(
      mine.map(async (m) => ({ subject: m.subject, body: String((await svc.request('GET', `/api/outbox/${m.id}/html`)).body) })),
    );
  },
});

export const smtpMailbox = (sink: SmtpSink): Mailbox => ({
  mailsTo: async (address) => sink.to(address).map((m) => ({ subject: m.subject, body: m.text })),
});

/** The secret of the newest link of `kind` mailed to `address`, once `count` such mails have come. */
export async function linkTokenIn(mailbox: Mailbox, address: string, kind: 'invitation' | 'password-reset', publicUrl: string, count = 1) {
  const pattern = new RegExp(`${publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/#/${kind}/([A-Za-z0-9_-]+)`);
  const mails = await eventually(
    async () => (await mailbox.mailsTo(address)).filter((m) => pattern.test(m.body)),
    (found) => found.length >= count,
    20_000,
  );
  const newest = mails[mails.length - 1];
  return { token: pattern.exec(newest.body)![1], subject: newest.subject, body: newest.body, count: mails.length };
}

/** The code an authenticator app shows for `secret` at `atMs`. */
export const totpCode = (secret: string, atMs: number) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: atMs });

/**
 * Creates a user as `creator` (a bearer token) and accepts the invitation with `password`,
 * returning the person, not yet signed in.
 */
export async function invitedPerson(
  svc: RunningService,
  mailbox: Mailbox,
  publicUrl: string,
  user: { username: string; displayName: string; email: string; role: string; districtCode?: string; stationId?: string },
  password: string,
  creator = svc.adminToken,
): Promise<{ person: Person; id: string }> {
  const created = await svc.request('POST', '/api/users', user, creator);
  if (created.status !== 201) throw new Error(`user not created (${created.status}): ${JSON.stringify(created.body)}`);
  const { token } = await linkTokenIn(mailbox, user.email, 'invitation', publicUrl);
  const accepted = await svc.request('POST', `/api/auth/invitations/${token}`, { password }, null);
  if (accepted.status !== 204) throw new Error(`invitation not accepted (${accepted.status}): ${JSON.stringify(accepted.body)}`);
  return { person: new Person(svc, user.username, password), id: created.body.id };
}
