import { Module } from '@nestjs/common';
import { DistrictsModule } from '../districts/districts.module';
import { RoundsModule } from '../rounds/rounds.module';
import { DistrictTables } from './district-table';
import { ExportPublishedList } from './export-published-list';
import { ExportStarSummary } from './export-star-summary';
import { ExportSummary } from './export-summary';
import { ExportsController } from './exports.controller';
import { TableStations } from './table-stations';

/** Downloads of a round's tables (xlsx or csv), built from the station projection. */
@Module({
  imports: [RoundsModule, DistrictsModule],
  controllers: [ExportsController],
  providers: [DistrictTables, TableStations, ExportSummary, ExportStarSummary, ExportPublishedList],
})
export class ExportsModule {}
