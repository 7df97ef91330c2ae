import { Module } from '@nestjs/common';
import { RemindersModule } from '../reminders/reminders.module';
import { StationsController } from './stations.controller';
import { StationsService } from './stations.service';

/** Stations (站点): applications, registrations and the actions of each step. */
@Module({ imports: [RemindersModule], controllers: [StationsController], providers: [StationsService], exports: [StationsService] })
export class StationsModule {}
