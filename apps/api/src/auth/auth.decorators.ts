import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ROLES as DOMAIN_ROLES } from '@app/domain';
import type { AuthenticatedRequest, Principal } from './principal';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const BEFORE_TOTP_KEY = 'auth:before-totp';

/** The route needs no token (health, the dashboard's static page). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/**
 * Only these roles may call the route (scoping to a district or station is checked by the service).
 * A route without @Roles is open to every role but `expert`: experts act only where a route names them.
 */
export const Roles = (...roles: Principal['role'][]) => SetMetadata(ROLES_KEY, roles);
/** Every signed-in caller, experts too (who am I, my account). */
export const AnyRole = () => Roles(...DOMAIN_ROLES.filter((r): r is Principal['role'] => r !== 'system'));
/** A write an admin or city person may make before enrolling TOTP: enrolling itself, signing out, the password. */
export const BeforeTotpEnrolment = () => SetMetadata(BEFORE_TOTP_KEY, true);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});

/** The caller's session (cookie-authenticated requests only; undefined for a bearer token). */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().session;
});
