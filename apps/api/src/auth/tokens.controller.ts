import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Audited, bodyFields } from '../audit/audit.decorator';
import { ApiError } from '../common/error-codes';
import { SingleLine } from '../common/validation';
import { ApiIdParam } from '../openapi/params';
import * as S from '../openapi/schemas';
import { Roles } from './auth.decorators';
import { TokenService } from './token.service';

export class CreateTokenDto {
  @IsIn(['admin', 'city', 'district', 'station', 'expert'])
  role: 'admin' | 'city' | 'district' | 'station' | 'expert';

  @IsString()
  @Length(1, 200)
  @SingleLine()
  label: string;

  /** a district token's district; an expert token's district of origin (optional) */
  @ValidateIf((o: CreateTokenDto) => o.role === 'district' || (o.role === 'expert' && o.districtCode !== undefined))
  @Matches(/^\d{6}$/, { message: '应为 6 位数字的区县代码' })
  districtCode?: string;

  @ValidateIf((o: CreateTokenDto) => o.role === 'station')
  @IsUUID()
  stationId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@ApiTags('tokens')
@ApiBearerAuth()
@Controller('api/tokens')
@Roles('admin')
export class TokensController {
  constructor(private readonly tokens: TokenService) {}

  @Post()
  @ApiCreatedResponse({ schema: S.IssuedToken })
  @Audited({
    action: 'token.create',
    targetType: 'token',
    target: { result: 'id' },
    details: bodyFields('role', 'label', 'districtCode', 'stationId'),
  })
  create(@Body() dto: CreateTokenDto) {
    if (dto.role !== 'district' && dto.role !== 'expert' && dto.districtCode) {
      throw new ApiError('VALIDATION_FAILED', 'districtCode 仅用于区县令牌（或评估专家令牌的所在区县）');
    }
    if (dto.role !== 'station' && dto.stationId) throw new ApiError('VALIDATION_FAILED', 'stationId 仅用于站点令牌');
    return this.tokens.issue(dto);
  }

  @Get()
  @ApiOkResponse({ description: 'every token, without its secret', schema: S.listOf(S.Token) })
  list() {
    return this.tokens.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiIdParam('token')
  @ApiNoContentResponse({ description: 'revoked (also when it already was)' })
  @Audited({ action: 'token.revoke', targetType: 'token', target: { param: 'id' } })
  async revoke(
    @Param(
      'id',
      new ParseUUIDPipe({ exceptionFactory: () => new ApiError('VALIDATION_FAILED', 'id 应为令牌编号（UUID）', ['id: 应为 UUID']) }),
    )
    id: string,
  ): Promise<void> {
    await this.tokens.revoke(id);
  }
}
