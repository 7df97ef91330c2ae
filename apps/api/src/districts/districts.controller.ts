import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Audited, bodyFields } from '../audit/audit.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ContactsToStore } from '../common/contacts';
import { ApiError } from '../common/error-codes';
import { ApiDistrictCodeParam } from '../openapi/params';
import * as S from '../openapi/schemas';
import { DistrictRepository } from './district.repository';
import { ContactsDto, CreateDistrictDto } from './districts.dto';

/** Districts (区县) and the contacts their reminders go to. */
@ApiTags('districts')
@ApiBearerAuth()
@Controller('api/districts')
export class DistrictsController {
  constructor(
    private readonly districts: DistrictRepository,
    private readonly contacts: ContactsToStore,
  ) {}

  @Post()
  @Roles('admin', 'city')
  @ApiCreatedResponse({ schema: S.District })
  @Audited({ action: 'district.create', targetType: 'district', target: { result: 'code' }, details: bodyFields('name', 'contacts') })
  async create(@Body() dto: CreateDistrictDto) {
    if (await this.districts.exists(dto.code)) throw new ApiError('CONFLICT', `区县 ${dto.code} 已存在`);
    return this.districts.insert({ code: dto.code, name: dto.name, contacts: this.contacts.of(dto.contacts) });
  }

  @Get()
  @ApiOkResponse({ schema: S.listOf(S.District) })
  list() {
    return this.districts.list();
  }

  @Put(':code/contacts')
  @ApiDistrictCodeParam()
  @ApiOkResponse({ schema: S.District })
  @Roles('admin', 'city', 'district')
  @Audited({ action: 'district.contacts_change', targetType: 'district', target: { param: 'code' }, details: bodyFields('contacts') })
  async setContacts(@Param('code') code: string, @Body() dto: ContactsDto, @CurrentPrincipal() p: Principal) {
    const row = await this.districts.find(code);
    if (!row) throw new ApiError('NOT_FOUND', `区县 ${code} 不存在`);
    if (p.role === 'district' && p.districtCode !== code) throw new ApiError('FORBIDDEN', '只能修改本区县的联系人');
    return this.districts.setContacts(row, this.contacts.of(dto.contacts, row.contacts));
  }
}
