import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module';
import { StationsModule } from '../stations/stations.module';
import { ApplicationDocument } from './application-document.query';
import { DocumentsController } from './documents.controller';

/** Word documents of a station (libs/documents renders them from the station's data). */
@Module({
  imports: [StationsModule, RoundsModule],
  controllers: [DocumentsController],
  providers: [ApplicationDocument],
})
export class DocumentsModule {}
