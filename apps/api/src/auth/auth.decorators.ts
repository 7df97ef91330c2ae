import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from './principal';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** The route needs no token (health, the dashboard's static page). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Only these roles may call the route (scoping to a district or station is checked by the service). */
export const Roles = (...roles: Principal['role'][]) => SetMetadata(ROLES_KEY, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
