import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, CurrentSession } from '../auth/auth.decorators';
import type { Principal, SessionContext } from '../auth/principal';
import * as S from '../openapi/schemas';

/** Who is calling (a token or a person), so that a client (the dashboard) shows only what the role may see and do. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  @Get()
  @AnyRole()
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ schema: S.Me })
  me(@CurrentPrincipal() p: Principal, @CurrentSession() session: SessionContext | undefined) {
    return {
      role: p.role,
      label: p.label,
      kind: p.kind,
      userId: p.userId,
      ...(p.districtCode ? { districtCode: p.districtCode } : {}),
      ...(p.stationId ? { stationId: p.stationId } : {}),
      ...(session ? { totpEnrolled: session.totpEnrolled, mustEnrolTotp: session.mustEnrolTotp, csrfToken: session.csrfToken } : {}),
    };
  }
}
