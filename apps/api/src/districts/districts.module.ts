import { Module } from '@nestjs/common';
import { DistrictRepository } from './district.repository';
import { DistrictsController } from './districts.controller';

/** Districts (区县) and the contacts their reminders go to. */
@Module({ controllers: [DistrictsController], providers: [DistrictRepository], exports: [DistrictRepository] })
export class DistrictsModule {}
