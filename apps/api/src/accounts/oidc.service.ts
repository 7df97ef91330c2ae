import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Configuration } from 'openid-client';
import { DataSource } from 'typeorm';
import type { AppConfig, OidcConfig } from '@app/config';
import { UserEntity } from '@app/persistence';
import { SessionService } from '../auth/session.service';
import { ApiError } from '../common/error-codes';
import { CONFIG } from '../common/tokens';
import type { Client } from './sign-in.service';

/** What the browser keeps between the redirect to the provider and its return (an HttpOnly cookie, 10 min). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * openid-client is ES modules only. Loaded when single sign-on is first used: Node loads it with
 * require(esm), and nothing that merely builds the app (unit tests in Jest's CommonJS sandbox) needs it.
 */
type OpenIdClient = typeof import('openid-client');
let openIdClient: Promise<OpenIdClient> | undefined;
const loadOpenIdClient = () => (openIdClient ??= import('openid-client'));

/** Why a single sign-on did not sign anyone in; logged, never shown beyond a general zh-CN notice. */
export class OidcRefusal extends Error {}

/**
 * Single sign-on with the office's OpenID Connect provider (OIDC_ISSUER): the authorization code
 * flow with PKCE (S256), state and nonce. It signs in the one active account whose email equals
 * the provider's verified `email` claim, and creates none.
 */
@Injectable()
export class OidcService {
  private readonly log = new Logger('Oidc');
  private readonly settings?: OidcConfig;
  private readonly redirectUri: string;
  private discovered?: Promise<Configuration>;

  constructor(
    @Inject(CONFIG) config: AppConfig,
    private readonly ds: DataSource,
    private readonly sessions: SessionService,
  ) {
    this.settings = config.accounts.oidc;
    this.redirectUri = `${config.accounts.publicUrl}/api/auth/oidc/callback`;
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  /**
   * The provider's metadata, fetched once (again after a failure). A plain-http issuer is accepted
   * for a provider on the office's own network (and tests); https is what production should use.
   */
  private configuration(oidc: OpenIdClient): Promise<Configuration> {
    const s = this.settings;
    if (!s) throw new ApiError('AUTH.OIDC_DISABLED', '未配置统一身份认证（OIDC）');
    this.discovered ??= oidc
      .discovery(new URL(s.issuer), s.clientId, s.clientSecret, undefined, {
        execute: new URL(s.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      })
      .catch((e: Error) => {
        this.discovered = undefined;
        this.log.error(`discovery of ${s.issuer} failed: ${e.message}`);
        throw new ApiError('UNAVAILABLE', '统一身份认证服务暂时无法访问，请稍后再试或使用用户名密码登录');
      });
    return this.discovered;
  }

  /** Where to send the browser, and what it must bring back. */
  async begin(): Promise<{ url: string; pending: PendingSignIn }> {
    const oidc = await loadOpenIdClient();
    const config = await this.configuration(oidc);
    const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** Redeems the code of the provider's redirect (`callbackUrl`) and starts a session for the matching account. */
  async complete(callbackUrl: URL, pending: PendingSignIn | null, client: Client) {
    if (!pending) throw new OidcRefusal('no pending sign-in (cookie missing or expired)');
    const oidc = await loadOpenIdClient();
    const config = await this.configuration(oidc);
    let claims: { sub: string; email?: unknown; email_verified?: unknown };
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
      // Many providers put scope claims in the UserInfo answer only (OIDC Core §5.4), not the ID token.
      if (claims.email === undefined) claims = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    } catch (e) {
      throw new OidcRefusal(`the provider's answer was refused: ${(e as Error).message}`);
    }
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
    if (!email || claims.email_verified !== true) throw new OidcRefusal(`no verified email claim for subject ${claims.sub}`);
    const matches = await this.ds.getRepository(UserEntity).findBy({ email, disabled: false });
    if (matches.length !== 1) throw new OidcRefusal(`${matches.length} active accounts have the email of subject ${claims.sub}`);
    const [user] = matches;
    const session = await this.sessions.start(user, 'oidc', client);
    this.log.log(`user ${user.id} (${user.username}) signed in by single sign-on (subject ${claims.sub})`);
    return { user, ...session };
  }
}
