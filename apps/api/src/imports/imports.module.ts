import { Module } from '@nestjs/common';
import { DistrictsModule } from '../districts/districts.module';
import { StationsModule } from '../stations/stations.module';
import { ImportApplications } from './import-applications';
import { ImportTemplate } from './import-template';
import { ImportsController } from './imports.controller';

/** Bulk import of applications (批量申报) from the summary-table layout, and its template. */
@Module({
  imports: [StationsModule, DistrictsModule],
  controllers: [ImportsController],
  providers: [ImportApplications, ImportTemplate],
})
export class ImportsModule {}
