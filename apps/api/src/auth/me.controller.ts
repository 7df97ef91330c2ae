import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { ForExperts } from '../auth/expert-access';
import type { Principal } from '../auth/principal';
import * as S from '../openapi/schemas';

/** Who the bearer token is, so that a client (the dashboard) shows only what the role may see and do. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  @Get()
  @ForExperts()
  @ApiOkResponse({ schema: S.Me })
  me(@CurrentPrincipal() p: Principal) {
    return {
      role: p.role,
      label: p.label,
      ...(p.districtCode ? { districtCode: p.districtCode } : {}),
      ...(p.stationId ? { stationId: p.stationId } : {}),
    };
  }
}
