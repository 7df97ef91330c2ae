import { Module } from '@nestjs/common';
import { ContactsToStore } from '../common/contacts';
import { DistrictRepository } from './district.repository';
import { DistrictsController } from './districts.controller';

/** Districts (区县) and the contacts their reminders go to. */
@Module({ controllers: [DistrictsController], providers: [DistrictRepository, ContactsToStore], exports: [DistrictRepository] })
export class DistrictsModule {}
