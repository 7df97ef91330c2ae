import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '@app/persistence/testing';
import { CookieJar, OidcProvider, signInThroughProvider } from './support/oidc';
import { freePort, RunningService } from './support/service';
import { OWN_DISTRICT } from './support/world';

jest.setTimeout(300_000);

/**
 * Single sign-on (shared/API.md, "People sign in as themselves") through a real OpenID Connect
 * provider: the code flow with PKCE, state and nonce, signing in the one active account whose email
 * is the provider's verified `email` claim, and creating none.
 */
describe.each(TEST_DATABASE_KINDS)('single sign-on through a real OpenID Connect provider on %s', (kind) => {
  let db: TestDatabase;
  let svc: RunningService;
  const provider = new OidcProvider();
  let publicUrl = '';
  const users: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    await provider.start(`${publicUrl}/api/auth/oidc/callback`, {
      'alice-sub': { email: 'Alice@Office.Example', email_verified: true, name: '爱丽丝' },
      'bob-sub': { email: 'bob@office.example', email_verified: false },
      'carol-sub': { email: 'carol@elsewhere.example', email_verified: true },
      'dave-sub': { email: 'dave@office.example', email_verified: true },
    });
    svc = new RunningService({
      databaseUrl: db.url,
      env: {
        PUBLIC_URL: publicUrl,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
      },
    });
    svc.port = port;
    await svc.start();
    for (const [name, role] of [
      ['alice', 'district'],
      ['bob', 'district'],
      ['dave', 'expert'],
    ]) {
      const created = await svc.request('POST', '/api/users', {
        username: `${name}-${kind}`,
        displayName: `${name}（单点登录）`,
        email: `${name}@office.example`,
        role,
        ...(role === 'district' ? { districtCode: OWN_DISTRICT } : {}),
      });
      expect(created.status).toBe(201);
      users[name] = created.body.id;
    }
    expect((await svc.request('PATCH', `/api/users/${users.dave}`, { disabled: true })).status).toBe(200);
  });
  afterAll(async () => {
    await svc?.cleanup();
    await provider.stop();
    await db?.drop();
  });

  it('signs in the active account whose email the provider verified, with a session like a password sign-in', async () => {
    const jar = new CookieJar();
    const { location, steps } = await signInThroughProvider(svc.baseUrl, jar, 'alice-sub');
    expect(location).toBe(`${publicUrl}/#/`);
    expect(steps[0]).toBe('/api/auth/oidc/login');
    expect(steps.some((s) => s.startsWith('/interaction/'))).toBe(true);
    const session = jar.get('stations_session');
    expect(session).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(jar.get('stations_oidc')).toBeUndefined();

    const me = await fetch(`${svc.baseUrl}/api/me`, { headers: { cookie: `stations_session=${session}` } });
    expect(await me.json()).toMatchObject({ kind: 'session', userId: users.alice, role: 'district', label: 'alice（单点登录）' });
    const sessions = await fetch(`${svc.baseUrl}/api/auth/sessions`, { headers: { cookie: `stations_session=${session}` } });
    expect(((await sessions.json()) as unknown[])[0]).toMatchObject({ method: 'oidc', current: true });
  });

  it('sends the request with PKCE (S256), state and nonce', async () => {
    expect((await svc.request('GET', '/api/auth/oidc', undefined, null)).body).toEqual({ enabled: true });
    const res = await fetch(`${svc.baseUrl}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(provider.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: provider.clientId,
      response_type: 'code',
      redirect_uri: `${publicUrl}/api/auth/oidc/callback`,
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });
    expect(res.headers.get('set-cookie')).toMatch(
      /^stations_oidc=[^;]+; Path=\/api\/auth\/oidc\/callback; HttpOnly; SameSite=Lax; Max-Age=600$/,
    );
  });

  it('signs nobody in for an unverified email, an unknown email or a disabled account, and creates no account', async () => {
    const before = (await svc.request('GET', '/api/users')).body.length;
    for (const account of ['bob-sub', 'carol-sub', 'dave-sub']) {
      const jar = new CookieJar();
      const { location } = await signInThroughProvider(svc.baseUrl, jar, account);
      expect({ account, location }).toEqual({ account, location: `${publicUrl}/#/sign-in/sso-failed` });
      expect(jar.get('stations_session')).toBeUndefined();
    }
    expect((await svc.request('GET', '/api/users')).body.length).toBe(before);
    expect(svc.output).toContain('no verified email claim for subject bob-sub');
    expect(svc.output).toContain('0 active accounts have the email of subject carol-sub');
    expect(svc.output).toContain('0 active accounts have the email of subject dave-sub');
  });

  it('refuses a callback without the pending sign-in of the same browser (a replayed or forged redirect)', async () => {
    const jar = new CookieJar();
    const first = await jar.fetch(`${svc.baseUrl}/api/auth/oidc/login`);
    const state = new URL(first.headers.get('location')!).searchParams.get('state');
    const stranger = await fetch(`${svc.baseUrl}/api/auth/oidc/callback?code=forged&state=${state}`, { redirect: 'manual' });
    expect(stranger.status).toBe(302);
    expect(stranger.headers.get('location')).toBe(`${publicUrl}/#/sign-in/sso-failed`);
    const wrongState = await jar.fetch(`${svc.baseUrl}/api/auth/oidc/callback?code=forged&state=not-the-state`);
    expect(wrongState.headers.get('location')).toBe(`${publicUrl}/#/sign-in/sso-failed`);
    expect(jar.get('stations_session')).toBeUndefined();
  });
});
