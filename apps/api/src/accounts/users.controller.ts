import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Audited, bodyFields } from '../audit/audit.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiIdParam } from '../openapi/params';
import * as S from '../openapi/schemas';
import { CreateUserDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

/** People's accounts, managed by admins and (for district, station and expert people) the city office. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
@Roles('admin', 'city')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ description: 'created; the invitation mail is on its way', schema: S.User })
  @Audited({
    action: 'user.create',
    targetType: 'user',
    target: { result: 'id' },
    details: bodyFields('username', 'role', 'districtCode', 'stationId'),
  })
  create(@Body() dto: CreateUserDto, @CurrentPrincipal() p: Principal) {
    return this.users.create(dto, p);
  }

  @Get()
  @ApiOkResponse({ description: 'the accounts the caller manages, without secrets', schema: S.listOf(S.User) })
  list(@CurrentPrincipal() p: Principal) {
    return this.users.list(p);
  }

  @Patch(':id')
  @ApiIdParam('user')
  @ApiOkResponse({ schema: S.User })
  @Audited({
    action: 'user.update',
    targetType: 'user',
    target: { param: 'id' },
    details: bodyFields('displayName', 'email', 'disabled', 'resetTotp', 'endSessions'),
  })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateUserDto, @CurrentPrincipal() p: Principal) {
    return this.users.update(id, dto, p);
  }
}
