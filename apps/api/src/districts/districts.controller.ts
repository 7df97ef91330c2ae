import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { DataSource } from 'typeorm';
import { DistrictEntity } from '@app/persistence';
import { Audited, bodyFields } from '../audit/audit.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { SingleLine } from '../common/validation';
import { ApiDistrictCodeParam } from '../openapi/params';
import * as S from '../openapi/schemas';
import { ContactDto } from '../rounds/rounds.dto';

export class ContactsDto {
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts: ContactDto[];
}

export class CreateDistrictDto extends ContactsDto {
  @Matches(/^\d{6}$/, { message: 'code must be a 6-digit district code' })
  code: string;

  @IsString()
  @Length(1, 100)
  @SingleLine()
  name: string;
}

/** Districts (区县) and the contacts their reminders go to. */
@ApiTags('districts')
@ApiBearerAuth()
@Controller('api/districts')
export class DistrictsController {
  constructor(private readonly ds: DataSource) {}

  @Post()
  @Roles('admin', 'city')
  @ApiCreatedResponse({ schema: S.District })
  @Audited({ action: 'district.create', targetType: 'district', target: { result: 'code' }, details: bodyFields('name', 'contacts') })
  async create(@Body() dto: CreateDistrictDto) {
    const repo = this.ds.getRepository(DistrictEntity);
    if (await repo.existsBy({ code: dto.code })) throw new ApiError('CONFLICT', `区县 ${dto.code} 已存在`);
    const now = new Date().toISOString();
    const row = { code: dto.code, name: dto.name, contacts: dto.contacts.map((c) => ({ name: c.name, email: c.email })), createdAt: now, updatedAt: now };
    await repo.insert(row);
    return row;
  }

  @Get()
  @ApiOkResponse({ schema: S.listOf(S.District) })
  list() {
    return this.ds.getRepository(DistrictEntity).find({ order: { code: 'ASC' } });
  }

  @Put(':code/contacts')
  @ApiDistrictCodeParam()
  @ApiOkResponse({ schema: S.District })
  @Roles('admin', 'city', 'district')
  @Audited({ action: 'district.contacts_change', targetType: 'district', target: { param: 'code' }, details: bodyFields('contacts') })
  async setContacts(@Param('code') code: string, @Body() dto: ContactsDto, @CurrentPrincipal() p: Principal) {
    const repo = this.ds.getRepository(DistrictEntity);
    const row = await repo.findOneBy({ code });
    if (!row) throw new ApiError('NOT_FOUND', `区县 ${code} 不存在`);
    if (p.role === 'district' && p.districtCode !== code) throw new ApiError('FORBIDDEN', '只能修改本区县的联系人');
    row.contacts = dto.contacts.map((c) => ({ name: c.name, email: c.email }));
    row.updatedAt = new Date().toISOString();
    await repo.save(row);
    return row;
  }
}
