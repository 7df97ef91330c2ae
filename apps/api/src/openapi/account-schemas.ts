import { arrayOf, component, instant, nullableString, string } from './schema-kit';

/* People's accounts: users, sign-in, sessions, two-factor enrolment. */

export const USER_ROLES = ['admin', 'city', 'district', 'station', 'expert'];

export const User = component('User', {
  type: 'object',
  description: 'An account, without any secret',
  required: ['id', 'username', 'displayName', 'email', 'role', 'districtCode', 'stationId', 'disabled', 'passwordSet', 'totpEnrolled'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    username: string,
    displayName: string,
    email: string,
    role: { type: 'string', enum: USER_ROLES },
    districtCode: nullableString,
    stationId: nullableString,
    disabled: { type: 'boolean' },
    passwordSet: { type: 'boolean', description: 'false until the invitation is accepted' },
    totpEnrolled: { type: 'boolean' },
    createdAt: instant,
    updatedAt: instant,
  },
});

export const SignedIn = component('SignedIn', {
  type: 'object',
  description: 'A new session: the cookie is set; send csrfToken as X-CSRF-Token on every unsafe request',
  required: ['user', 'csrfToken'],
  properties: { user: User, csrfToken: string },
});

export const TotpEnrolment = component('TotpEnrolment', {
  type: 'object',
  description: 'Shown once. In force after POST /api/auth/totp/confirm; each recovery code signs in once in place of a code',
  required: ['otpauthUrl', 'secret', 'recoveryCodes'],
  properties: { otpauthUrl: string, secret: { type: 'string', description: 'base32' }, recoveryCodes: arrayOf(string) },
});

export const SessionList = component(
  'SessionList',
  arrayOf({
    type: 'object',
    required: ['id', 'current', 'method', 'createdAt', 'lastSeenAt', 'expiresAt'],
    properties: {
      id: string,
      current: { type: 'boolean' },
      method: string,
      userAgent: nullableString,
      ip: nullableString,
      createdAt: instant,
      lastSeenAt: instant,
      expiresAt: instant,
    },
  }),
);

export const SingleSignOn = component('SingleSignOn', {
  type: 'object',
  required: ['enabled'],
  properties: { enabled: { type: 'boolean' } },
});

export const ResetRequested = component('ResetRequested', {
  type: 'object',
  description: 'the same for every user name',
  required: ['message'],
  properties: { message: string },
});
