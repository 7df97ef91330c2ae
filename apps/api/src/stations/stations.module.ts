import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ExpertPanelRepository, StationRepository, TypeOrmStationRepository } from '@app/persistence';
import { ContactsToStore } from '../common/contacts';
import { RemindersModule } from '../reminders/reminders.module';
import { ApplyForStation } from './apply-for-station.use-case';
import { EditApplication } from './edit-application.use-case';
import { GetStation } from './get-station.query';
import { ListStations } from './list-stations.query';
import { RegisterStation } from './register-station.use-case';
import { CalendarHandOff } from './calendar-handoff';
import { ApplicationChecks, CreateStation } from './station-application';
import { StationRounds } from './station-rounds';
import { StationScopePolicy } from './station-scope.policy';
import { StationWorkflow } from './station-workflow.query';
import { StationsController } from './stations.controller';
import { TakeStationAction } from './take-station-action.use-case';

/**
 * Stations: applications and registrations, the programme's steps, lists and the detail view.
 * Exports the scope policy (who may see which station) and what the bulk import reuses.
 */
@Module({
  imports: [RemindersModule],
  controllers: [StationsController],
  providers: [
    { provide: StationRepository, useFactory: (ds: DataSource) => new TypeOrmStationRepository(ds), inject: [DataSource] },
    { provide: ExpertPanelRepository, useFactory: (ds: DataSource) => new ExpertPanelRepository(ds), inject: [DataSource] },
    StationScopePolicy,
    ContactsToStore,
    StationRounds,
    ApplicationChecks,
    CreateStation,
    CalendarHandOff,
    ApplyForStation,
    RegisterStation,
    TakeStationAction,
    EditApplication,
    GetStation,
    ListStations,
    StationWorkflow,
  ],
  exports: [
    StationRepository,
    ExpertPanelRepository,
    StationScopePolicy,
    StationRounds,
    ApplicationChecks,
    CreateStation,
    CalendarHandOff,
    TakeStationAction,
  ],
})
export class StationsModule {}
