// A real OpenID Connect provider (the `oidc-provider` package) for the single sign-on tests, run as
// its own Node process because the package is ES modules only, which Jest's CommonJS sandbox cannot
// load. Configured by environment; prints READY once it listens. Its development interactions (a
// login form that takes any account id, a consent form) stand in for the office's sign-in pages.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS ?? '{}');

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID,
      client_secret: process.env.OIDC_CLIENT_SECRET,
      redirect_uris: [process.env.OIDC_REDIRECT_URI],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: (_ctx, id) => (accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) } : undefined),
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ['oidc-test-cookie-key'] },
});
provider.on('server_error', (_ctx, err) => process.stderr.write(`provider error: ${err.stack}\n`));
provider.listen(port, '127.0.0.1', () => process.stdout.write('READY\n'));
