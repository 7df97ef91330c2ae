import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '@app/persistence/testing';
import { eventually } from './support/eventually';
import { invitedPerson, linkTokenIn, Mailbox, outboxMailbox, Person, smtpMailbox, totpCode } from './support/people';
import { RunningService } from './support/service';
import { SmtpSink } from './support/smtp-sink';
import { OTHER_DISTRICT, OWN_DISTRICT, World } from './support/world';

jest.setTimeout(300_000);

const PUBLIC_URL = 'http://stations.example.test:8080';
const GOOD_PASSWORD = '渝中区 劳动关系 服务站 2024';

/**
 * People sign in as themselves (shared/API.md): accounts created by admins and the city office,
 * invitations and resets by mail, password sign-in with its refusals and lockout, sessions with
 * CSRF protection, TOTP, and bearer tokens beside them. On both databases: SQLite with the embedded
 * outbox, PostgreSQL with a real SMTP server.
 */
describe.each(TEST_DATABASE_KINDS)('people sign in as themselves on %s', (kind) => {
  let db: TestDatabase;
  let svc: RunningService;
  let sink: SmtpSink | undefined;
  let mailbox: Mailbox;
  let w: World;
  let seq = 0;
  const name = (prefix: string) => `${prefix}${kind}${Date.now().toString(36)}${++seq}`;
  const user = (role: string, extra: Record<string, string> = {}) => {
    const username = name(role);
    return { username, displayName: `${role}用户${seq}`, email: `${username}@people.example`, role, ...extra };
  };
  const invite = (u: ReturnType<typeof user>, creator?: string) => invitedPerson(svc, mailbox, PUBLIC_URL, u, GOOD_PASSWORD, creator);
  /** a signed-in person of `role` (an admin or city person must still enrol TOTP before writing) */
  async function signedIn(role: string, extra: Record<string, string> = {}) {
    const u = user(role, extra);
    const { person, id } = await invite(u);
    expect((await person.signIn()).status).toBe(200);
    return { person, id, email: u.email };
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    if (kind === 'postgres') {
      sink = new SmtpSink();
      await sink.start();
    }
    svc = new RunningService({
      databaseUrl: db.url,
      smtpUrl: sink?.url,
      env: { PUBLIC_URL, RATE_LIMIT_PER_MINUTE: '100000' },
    });
    await svc.start();
    mailbox = sink ? smtpMailbox(sink) : outboxMailbox(svc);
    w = new World(svc);
  });
  afterAll(async () => {
    await svc?.cleanup();
    await sink?.stop();
    await db?.drop();
  });

  it('invites a new person by a zh-CN mail whose link sets the password once', async () => {
    const u = user('district', { districtCode: OWN_DISTRICT });
    const created = await svc.request('POST', '/api/users', { ...u, username: u.username.toUpperCase() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: u.username.toLowerCase(),
      displayName: u.displayName,
      role: 'district',
      districtCode: OWN_DISTRICT,
      disabled: false,
      passwordSet: false,
      totpEnrolled: false,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/hash|secret/i);
    expect((await svc.request('POST', '/api/users', u)).body.code).toBe('USER.USERNAME_TAKEN');

    const mail = await linkTokenIn(mailbox, u.email, 'invitation', PUBLIC_URL);
    expect(mail.subject).toBe('【站点培育管理系统】账户邀请');
    expect(mail.body).toContain(`用户名：${u.username.toLowerCase()}`);
    const accept = (password: string) => svc.request('POST', `/api/auth/invitations/${mail.token}`, { password }, null);
    // A refused password leaves the link usable.
    expect(await accept('short')).toMatchObject({ status: 400, body: { code: 'AUTH.WEAK_PASSWORD' } });
    expect(await accept('1qaz2wsx3edc')).toMatchObject({
      status: 400,
      body: { code: 'AUTH.WEAK_PASSWORD', details: { reason: 'common' } },
    });
    expect((await accept(GOOD_PASSWORD)).status).toBe(204);
    expect(await accept(GOOD_PASSWORD)).toMatchObject({ status: 410, body: { code: 'AUTH.LINK_INVALID' } });
    expect(
      (await svc.request('POST', '/api/auth/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAA', { password: GOOD_PASSWORD }, null)).status,
    ).toBe(410);

    const listed = (await svc.request('GET', '/api/users')).body.find((x: { id: string }) => x.id === created.body.id);
    expect(listed).toMatchObject({ passwordSet: true });
  });

  it('sends a lost invitation again, to a corrected address, ending the old link; not once a password is set', async () => {
    const u = user('expert');
    const created = await svc.request('POST', '/api/users', u);
    expect(created.status).toBe(201);
    const first = await linkTokenIn(mailbox, u.email, 'invitation', PUBLIC_URL);
    // the address was mistyped: corrected and invited again in one change
    const corrected = `${u.username}@corrected.example`;
    const again = await svc.request('PATCH', `/api/users/${created.body.id}`, { email: corrected, resendInvitation: true });
    expect(again).toMatchObject({ status: 200, body: { email: corrected, passwordSet: false } });
    const second = await linkTokenIn(mailbox, corrected, 'invitation', PUBLIC_URL);
    expect(second.token).not.toBe(first.token);
    expect(await svc.request('POST', `/api/auth/invitations/${first.token}`, { password: GOOD_PASSWORD }, null)).toMatchObject({
      status: 410,
      body: { code: 'AUTH.LINK_INVALID' },
    });
    expect((await svc.request('POST', `/api/auth/invitations/${second.token}`, { password: GOOD_PASSWORD }, null)).status).toBe(204);

    const accepted = await svc.request('PATCH', `/api/users/${created.body.id}`, { resendInvitation: true });
    expect(accepted).toMatchObject({ status: 409, body: { code: 'USER.INVITATION_NOT_PENDING' } });
    expect(accepted.body.message).toContain('忘记密码');
    const pending = await svc.request('POST', '/api/users', user('expert'));
    const disabled = await svc.request('PATCH', `/api/users/${pending.body.id}`, { disabled: true, resendInvitation: true });
    expect(disabled).toMatchObject({ status: 409, body: { code: 'USER.INVITATION_NOT_PENDING' } });
    // a refused change changes nothing
    expect((await svc.request('GET', '/api/users')).body.find((x: { id: string }) => x.id === pending.body.id)).toMatchObject({
      disabled: false,
    });
  });

  it('signs a person in with a cookie session, answers /api/me, and scopes them to their district', async () => {
    const round = await w.round();
    const own = await w.station(round, 'recommendation', OWN_DISTRICT);
    const other = await w.station(round, 'recommendation', OTHER_DISTRICT);
    const { person, id } = await invite(user('district', { districtCode: OWN_DISTRICT }));

    const wrong = await new Person(svc, person.username, 'not the password at all').signIn();
    const unknown = await new Person(svc, name('nobody'), GOOD_PASSWORD).signIn();
    expect(wrong).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID_CREDENTIALS' } });
    expect(unknown).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID_CREDENTIALS', message: wrong.body.message } });

    const ok = await person.signIn();
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ user: { id, role: 'district', districtCode: OWN_DISTRICT }, csrfToken: expect.any(String) });
    const setCookie = ok.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^stations_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(ok.headers.get('cache-control')).toBe('no-store');

    // Signing in again from the same browser replaces its session.
    const firstCookie = person.cookie;
    const second = await person.signIn();
    expect(second.status).toBe(200);
    expect(person.cookie).not.toBe(firstCookie);
    expect((await person.request('GET', '/api/me', undefined, { cookie: firstCookie })).status).toBe(401);

    const me = await person.request('GET', '/api/me');
    expect(me.body).toMatchObject({
      kind: 'session',
      userId: id,
      role: 'district',
      districtCode: OWN_DISTRICT,
      csrfToken: second.body.csrfToken,
    });
    expect((await person.request('GET', `/api/stations/${own}`)).status).toBe(200);
    expect(await person.request('GET', `/api/stations/${other}`)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });

    // Unsafe requests need the session's CSRF token.
    const recommend = (csrf?: string | null) =>
      person.request('POST', `/api/stations/${own}/recommendation`, { recommended: true }, { csrf });
    expect(await recommend(null)).toMatchObject({ status: 403, body: { code: 'AUTH.CSRF' } });
    expect(await recommend('forged-token')).toMatchObject({ status: 403, body: { code: 'AUTH.CSRF' } });
    expect((await w.stationState(own)).stage).toBe('recommendation');
    const done = await recommend();
    expect(done).toMatchObject({ status: 200, body: { stage: 'filing' } });
    expect(done.body.history.at(-1)).toMatchObject({ actor: ok.body.user.displayName, role: 'district' });
    expect(await person.request('POST', `/api/stations/${other}/withdrawal`, { reason: '越权' })).toMatchObject({ status: 403 });

    // The audit line names the person.
    const line = (await svc.request('GET', `/api/audit?targetId=${own}&limit=1`)).body.items[0];
    expect(line).toMatchObject({ action: 'station.recommend', userId: id, tokenId: id, actor: ok.body.user.displayName, role: 'district' });

    // Logout ends the session server-side: the old cookie is refused.
    const oldCookie = person.cookie;
    const out = await person.request('POST', '/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(await person.request('GET', '/api/me', undefined, { cookie: oldCookie })).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED' },
    });
  });

  it('locks a user name out after 5 failures within 15 minutes, with Retry-After, whether or not it exists', async () => {
    const { person } = await invite(user('station', { stationId: await w.station(await w.round(), 'recommendation') }));
    const intruder = new Person(svc, person.username, 'wrong password 12345');
    for (let i = 0; i < 5; i++) expect((await intruder.signIn()).body.code).toBe('AUTH.INVALID_CREDENTIALS');
    const locked = await intruder.signIn();
    expect(locked).toMatchObject({ status: 429, body: { code: 'AUTH.TOO_MANY_ATTEMPTS' } });
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Even the right password waits.
    expect((await person.signIn()).status).toBe(429);

    const ghost = new Person(svc, name('ghost'), 'wrong password 12345');
    for (let i = 0; i < 5; i++) expect((await ghost.signIn()).status).toBe(401);
    expect((await ghost.signIn()).status).toBe(429);
  });

  it('ends every session of a disabled person at once and refuses their sign-in like a wrong password', async () => {
    const { person, id } = await signedIn('district', { districtCode: OWN_DISTRICT });
    expect((await person.request('GET', '/api/me')).status).toBe(200);
    const patched = await svc.request('PATCH', `/api/users/${id}`, { disabled: true });
    expect(patched).toMatchObject({ status: 200, body: { disabled: true } });
    expect((await person.request('GET', '/api/me')).status).toBe(401);
    expect(await person.signIn()).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID_CREDENTIALS' } });
    expect((await svc.request('PATCH', `/api/users/${id}`, { disabled: false, displayName: '恢复的用户' })).body).toMatchObject({
      disabled: false,
      displayName: '恢复的用户',
    });
    expect((await person.signIn()).status).toBe(200);
    // Signed out everywhere without being disabled.
    expect((await svc.request('PATCH', `/api/users/${id}`, { endSessions: true })).body).toMatchObject({ disabled: false });
    expect((await person.request('GET', '/api/me')).status).toBe(401);
    expect((await person.signIn()).status).toBe(200);
  });

  it('lets the city office manage district, station and expert people only, and makes it enrol TOTP before writing', async () => {
    const { person: city, id: cityId } = await signedIn('city');
    // Before enrolment: reads yes, writes no (but the enrolment itself).
    expect((await city.request('GET', '/api/users')).status).toBe(200);
    const early = await city.request('POST', '/api/users', user('district', { districtCode: OWN_DISTRICT }));
    expect(early).toMatchObject({ status: 403, body: { code: 'AUTH.TOTP_ENROLMENT_REQUIRED' } });
    expect((await city.request('GET', '/api/me')).body).toMatchObject({ mustEnrolTotp: true, totpEnrolled: false });

    const enrol = await city.request('POST', '/api/auth/totp');
    expect(enrol.status).toBe(200);
    expect(enrol.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=/);
    expect(enrol.body.recoveryCodes).toHaveLength(10);
    const secret: string = enrol.body.secret;
    expect(await city.request('POST', '/api/auth/totp/confirm', { otp: '000000' })).toMatchObject({
      status: 401,
      body: { code: 'AUTH.OTP_INVALID' },
    });
    const t0 = Date.now();
    expect((await city.request('POST', '/api/auth/totp/confirm', { otp: totpCode(secret, t0) })).status).toBe(204);
    expect((await city.request('POST', '/api/auth/totp')).body.code).toBe('AUTH.TOTP_ALREADY_ENROLLED');

    // Now the city writes: a district person yes, an admin no; it sees and edits only its kinds.
    const made = await city.request('POST', '/api/users', user('expert'));
    expect(made).toMatchObject({ status: 201, body: { role: 'expert' } });
    expect(await city.request('POST', '/api/users', user('admin'))).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await city.request('POST', '/api/users', user('city'))).toMatchObject({ status: 403 });
    const seen = (await city.request('GET', '/api/users')).body as { id: string; role: string }[];
    expect(seen.map((u) => u.id)).toContain(made.body.id);
    expect(seen.every((u) => ['district', 'station', 'expert'].includes(u.role))).toBe(true);
    expect(await city.request('PATCH', `/api/users/${cityId}`, { displayName: '改自己' })).toMatchObject({ status: 404 });
    const audit = (await svc.request('GET', `/api/audit?targetId=${made.body.id}`)).body.items[0];
    expect(audit).toMatchObject({ action: 'user.create', userId: cityId, role: 'city' });

    // Signing in now takes the code: none → OTP_REQUIRED, a used one → refused, the next one → in.
    const again = city.clone();
    expect(await again.signIn()).toMatchObject({ status: 401, body: { code: 'AUTH.OTP_REQUIRED' } });
    expect(await again.signIn(totpCode(secret, t0))).toMatchObject({ status: 401, body: { code: 'AUTH.OTP_INVALID' } });
    expect((await again.signIn(totpCode(secret, t0 + 30_000))).status).toBe(200);
    // A recovery code signs in once.
    const [recovery] = enrol.body.recoveryCodes as string[];
    expect((await city.clone().signIn(recovery.toLowerCase())).status).toBe(200);
    expect((await city.clone().signIn(recovery)).body.code).toBe('AUTH.OTP_INVALID');

    // A lost phone: the admin removes the authenticator, which ends the sessions; the person signs
    // in with the password alone and must enrol again before writing.
    const reset = await svc.request('PATCH', `/api/users/${cityId}`, { resetTotp: true });
    expect(reset).toMatchObject({ status: 200, body: { totpEnrolled: false } });
    expect((await again.request('GET', '/api/me')).status).toBe(401);
    const fresh = city.clone();
    expect((await fresh.signIn()).status).toBe(200);
    expect((await fresh.request('GET', '/api/me')).body).toMatchObject({ mustEnrolTotp: true, totpEnrolled: false });
  });

  it('changes a password, ending the other sessions and telling the person by mail; refuses a wrong current or weak new password', async () => {
    const { person, email } = await signedIn('district', { districtCode: OWN_DISTRICT });
    const other = person.clone();
    expect((await other.signIn()).status).toBe(200);
    const sessions = await person.request('GET', '/api/auth/sessions');
    expect(sessions.body).toHaveLength(2);
    expect(sessions.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    const change = (current: string, next: string) => person.request('POST', '/api/auth/password', { current, next });
    expect(await change('not my password!', 'another good pass phrase')).toMatchObject({
      status: 400,
      body: { code: 'AUTH.WRONG_PASSWORD' },
    });
    expect(await change(GOOD_PASSWORD, 'qwertyqwerty')).toMatchObject({ status: 400, body: { code: 'AUTH.WEAK_PASSWORD' } });
    expect((await person.request('POST', '/api/auth/password', { current: GOOD_PASSWORD, next: 'x' }, { csrf: null })).status).toBe(403);
    expect((await change(GOOD_PASSWORD, 'another good pass phrase')).status).toBe(204);
    const notice = await eventually(
      () => mailbox.mailsTo(email),
      (mails) => mails.some((m) => m.subject === '【站点培育管理系统】登录密码已修改'),
      20_000,
    );
    expect(notice.find((m) => m.subject === '【站点培育管理系统】登录密码已修改')!.body).toContain('忘记密码');
    expect((await other.request('GET', '/api/me')).status).toBe(401);
    expect((await person.request('GET', '/api/me')).status).toBe(200);
    expect((await person.clone().signIn()).status).toBe(401);
    expect((await person.clone().signIn(undefined, 'another good pass phrase')).status).toBe(200);

    // A session of mine ends when I end it.
    const third = person.clone();
    expect((await third.signIn(undefined, 'another good pass phrase')).status).toBe(200);
    const listed = (await person.request('GET', '/api/auth/sessions')).body as { id: string; current: boolean }[];
    const notMine = listed.filter((s) => !s.current);
    for (const s of notMine) expect((await person.request('DELETE', `/api/auth/sessions/${s.id}`)).status).toBe(204);
    expect((await third.request('GET', '/api/me')).status).toBe(401);
    expect((await person.request('DELETE', `/api/auth/sessions/${'0'.repeat(64)}`)).status).toBe(404);
  });

  it('mails a reset link (1 h, once) without telling whether the name exists', async () => {
    const u = user('district', { districtCode: OWN_DISTRICT });
    const { person } = await invite(u);
    expect((await person.signIn()).status).toBe(200);
    const unknown = await svc.request('POST', '/api/auth/password-reset', { username: name('nobody') }, null);
    const known = await svc.request('POST', '/api/auth/password-reset', { username: u.username }, null);
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    const mail = await linkTokenIn(mailbox, u.email, 'password-reset', PUBLIC_URL);
    expect(mail.subject).toBe('【站点培育管理系统】重置密码');
    const reset = (password: string) => svc.request('POST', `/api/auth/password-reset/${mail.token}`, { password }, null);
    expect((await reset('123qweasdzxc')).body.code).toBe('AUTH.WEAK_PASSWORD');
    expect((await reset('a brand new pass phrase')).status).toBe(204);
    expect((await reset('a brand new pass phrase')).body.code).toBe('AUTH.LINK_INVALID');
    // The reset ended the sessions; the new password signs in.
    expect((await person.request('GET', '/api/me')).status).toBe(401);
    expect((await person.signIn(undefined, 'a brand new pass phrase')).status).toBe(200);
  });

  it('keeps bearer tokens working, and keeps experts and tokens out of what is not theirs', async () => {
    const token = await w.token('district', { districtCode: OWN_DISTRICT });
    const me = await svc.request('GET', '/api/me', undefined, token.token);
    expect(me.body).toEqual({ role: 'district', label: expect.any(String), kind: 'token', userId: null, districtCode: OWN_DISTRICT });
    expect((await svc.request('POST', '/api/auth/password', { current: 'a', next: 'b' }, token.token)).body.code).toBe(
      'AUTH.SESSION_REQUIRED',
    );
    expect((await svc.request('POST', '/api/users', user('district', { districtCode: OWN_DISTRICT }), token.token)).status).toBe(403);
    // A token needs no CSRF token, a cookie without a token is not a bearer.
    expect((await svc.request('POST', '/api/auth/logout', undefined, token.token)).status).toBe(204);

    const { person: expert } = await signedIn('expert');
    expect((await expert.request('GET', '/api/me')).body).toMatchObject({ role: 'expert', kind: 'session' });
    // an expert lists only the stations assigned to them (the panel, #15): none yet
    expect(await expert.request('GET', '/api/stations')).toMatchObject({ status: 200, body: { items: [] } });
    expect(await expert.request('GET', '/api/users')).toMatchObject({ status: 403 });
  });

  it('keeps account mails (their links sign in) from the city office', async () => {
    const city = await w.token('city');
    const page = await svc.request('GET', '/api/outbox?limit=200', undefined, city.token);
    expect(page.status).toBe(200);
    expect(page.body.items.some((m: { subject: string }) => m.subject.startsWith('【站点培育管理系统】'))).toBe(false);
    const all = (await svc.request('GET', '/api/outbox?limit=200')).body.items as { id: string; subject: string }[];
    const invitations = all.filter((m) => m.subject === '【站点培育管理系统】账户邀请');
    if (sink) {
      // with SMTP_URL the mails left by SMTP; nothing of them is kept in the outbox
      expect(invitations).toEqual([]);
      expect(sink.received.some((m) => m.subject === '【站点培育管理系统】账户邀请')).toBe(true);
    } else {
      expect(invitations.length).toBeGreaterThan(0);
      expect((await svc.request('GET', `/api/outbox/${invitations[0].id}/html`, undefined, city.token)).status).toBe(404);
    }
  });

  it('answers 404 for single sign-on when it is not configured', async () => {
    expect((await svc.request('GET', '/api/auth/oidc', undefined, null)).body).toEqual({ enabled: false });
    for (const path of ['/api/auth/oidc/login', '/api/auth/oidc/callback?code=x&state=y']) {
      expect(await svc.request('GET', path, undefined, null)).toMatchObject({ status: 404, body: { code: 'AUTH.OIDC_DISABLED' } });
    }
  });
});
