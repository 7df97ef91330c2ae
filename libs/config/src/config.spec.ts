import { ConfigError, loadConfig } from './config';

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/srv/app');
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe('/srv/app/.data');
    expect(c.database).toEqual({ type: 'sqlite', file: '/srv/app/.data/app.sqlite' });
    expect(c.temporal.address).toBeUndefined();
    expect(c.temporal.namespace).toBe('default');
    expect(c.mail.smtpUrl).toBeUndefined();
    expect(c.mail.from).toMatch(/@/);
    expect(c.mail.adminEmails).toEqual([]);
    expect(c.adminToken).toBeUndefined();
    expect(c.rateLimit).toEqual({ perMinute: 600 });
    expect(c.trustProxy).toBeUndefined();
    expect(c.accounts).toEqual({ publicUrl: 'http://localhost:3000', sessionIdleMinutes: 30, oidc: undefined });
  });

  it('reads the accounts settings: the public URL, the idle timeout, single sign-on', () => {
    const c = loadConfig(
      {
        PORT: '8080',
        PUBLIC_URL: 'https://stations.example.org/',
        SESSION_IDLE_MINUTES: '15',
        OIDC_ISSUER: 'https://idp.example.org/realms/cq',
        OIDC_CLIENT_ID: 'stations',
        OIDC_CLIENT_SECRET: 'oidc-secret',
      },
      '/srv/app',
    );
    expect(c.accounts).toEqual({
      publicUrl: 'https://stations.example.org',
      sessionIdleMinutes: 15,
      oidc: { issuer: 'https://idp.example.org/realms/cq', clientId: 'stations', clientSecret: 'oidc-secret' },
    });
    expect(loadConfig({ PORT: '8080' }, '/srv/app').accounts.publicUrl).toBe('http://localhost:8080');
  });

  it('reads the trusted reverse proxies: hops, or addresses, subnets and range names', () => {
    const trustProxy = (v: string) => loadConfig({ TRUST_PROXY: v }, '/srv/app').trustProxy;
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('loopback')).toEqual(['loopback']);
    expect(trustProxy('10.0.0.0/8, 192.168.1.5 ,::1,fd00::/8,uniquelocal')).toEqual([
      '10.0.0.0/8',
      '192.168.1.5',
      '::1',
      'fd00::/8',
      'uniquelocal',
    ]);
  });

  it('reads the rate limit, where 0 turns it off', () => {
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '1200' }, '/srv/app').rateLimit).toEqual({ perMinute: 1200 });
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }, '/srv/app').rateLimit).toEqual({ perMinute: 0 });
  });

  it("reads the admins' addresses, comma-separated", () => {
    expect(loadConfig({ ADMIN_EMAILS: ' it@cq.example.org, ops@cq.example.org ,it@cq.example.org' }, '/srv/app').mail.adminEmails).toEqual([
      'it@cq.example.org',
      'ops@cq.example.org',
    ]);
  });

  it('reads every variable of the contract', () => {
    const c = loadConfig(
      {
        PORT: '8080',
        DATABASE_URL: 'postgres://u:p@db:5432/stations',
        TEMPORAL_ADDRESS: 'temporal:7233',
        TEMPORAL_NAMESPACE: 'stations-prod',
        SMTP_URL: 'smtps://u:p@mail.example.org:465',
        MAIL_FROM: '站点培育 <noreply@example.org>',
        ADMIN_TOKEN: 'a-long-enough-admin-token',
        DATA_DIR: '/var/lib/stations',
      },
      '/srv/app',
    );
    expect(c.port).toBe(8080);
    expect(c.database).toEqual({ type: 'postgres', url: 'postgres://u:p@db:5432/stations' });
    expect(c.temporal.address).toBe('temporal:7233');
    expect(c.temporal.namespace).toBe('stations-prod');
    expect(c.mail.smtpUrl).toBe('smtps://u:p@mail.example.org:465');
    expect(c.mail.from).toBe('站点培育 <noreply@example.org>');
    expect(c.adminToken).toBe('a-long-enough-admin-token');
    expect(c.dataDir).toBe('/var/lib/stations');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', /not a port/],
    [{ PORT: '70000' }, 'PORT', /outside/],
    [{ PORT: '0' }, 'PORT', /outside/],
    [{ DATABASE_URL: 'mysql://x@h/db' }, 'DATABASE_URL', /protocol/],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', /not a URL/],
    [{ DATABASE_URL: 'postgres://u@h:5432' }, 'DATABASE_URL', /no database/],
    [{ TEMPORAL_ADDRESS: 'http://x:7233' }, 'TEMPORAL_ADDRESS', /host:port/],
    [{ TEMPORAL_ADDRESS: 'temporal' }, 'TEMPORAL_ADDRESS', /host:port/],
    [{ TEMPORAL_NAMESPACE: 'bad name' }, 'TEMPORAL_NAMESPACE', /letters/],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL', /protocol/],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM', /email/],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN', /16/],
    [{ ADMIN_EMAILS: 'it@cq.example.org,,ops@cq.example.org' }, 'ADMIN_EMAILS', /email/],
    [{ ADMIN_EMAILS: 'it@cq.example.org; ops@cq.example.org' }, 'ADMIN_EMAILS', /email/],
    [{ ADMIN_EMAILS: '管理员 <it@cq.example.org>' }, 'ADMIN_EMAILS', /email/],
    [{ RATE_LIMIT_PER_MINUTE: 'lots' }, 'RATE_LIMIT_PER_MINUTE', /whole number/],
    [{ RATE_LIMIT_PER_MINUTE: '-5' }, 'RATE_LIMIT_PER_MINUTE', /whole number/],
    [{ RATE_LIMIT_PER_MINUTE: '2000000' }, 'RATE_LIMIT_PER_MINUTE', /above/],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY', /not a number of hops/],
    [{ TRUST_PROXY: '0' }, 'TRUST_PROXY', /outside 1-10/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY', /subnet/],
    [{ TRUST_PROXY: 'loopback,,proxy.local' }, 'TRUST_PROXY', /"" is not/],
    [{ PUBLIC_URL: 'stations.example.org' }, 'PUBLIC_URL', /not a URL/],
    [{ PUBLIC_URL: 'ftp://stations.example.org' }, 'PUBLIC_URL', /protocol/],
    [{ PUBLIC_URL: 'https://stations.example.org/#/x' }, 'PUBLIC_URL', /fragment/],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES', /between 1 and 720/],
    [{ SESSION_IDLE_MINUTES: 'half an hour' }, 'SESSION_IDLE_MINUTES', /whole number/],
    [{ OIDC_ISSUER: 'https://idp.example.org', OIDC_CLIENT_ID: 'stations' }, 'OIDC_CLIENT_SECRET', /required/],
    [{ OIDC_CLIENT_SECRET: 's' }, 'OIDC_ISSUER', /required/],
    [{ OIDC_ISSUER: 'idp', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }, 'OIDC_ISSUER', /not a URL/],
  ])('rejects %j naming the variable', (env, variable, problem) => {
    const e = failure(env);
    expect(e.variable).toBe(variable);
    expect(e.message.startsWith(`${variable}: `)).toBe(true);
    expect(e.message).toMatch(problem);
    expect(e.message).not.toMatch(/\n/);
  });

  it('never echoes a database password in its message', () => {
    const e = failure({ DATABASE_URL: 'postgres://admin:s3cret@h:5432' });
    expect(e.message).not.toContain('s3cret');
  });
});
