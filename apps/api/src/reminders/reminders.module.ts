import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkCalendarRepository } from '@app/persistence';
import { RoundsModule } from '../rounds/rounds.module';
import { GetOutboxMessage, ListOutbox } from './outbox';
import { PutWorkCalendarYear } from './put-work-calendar-year';
import { ReminderPlan } from './reminder-plan';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';

/** Reminders: a round's plan, the reminders sent, the outbox, and the work calendar they follow. */
@Module({
  imports: [RoundsModule],
  controllers: [RemindersController],
  providers: [
    RemindersService,
    ReminderPlan,
    ListOutbox,
    GetOutboxMessage,
    PutWorkCalendarYear,
    { provide: WorkCalendarRepository, useFactory: (ds: DataSource) => new WorkCalendarRepository(ds), inject: [DataSource] },
  ],
  exports: [RemindersService],
})
export class RemindersModule {}
