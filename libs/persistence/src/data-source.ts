import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '@app/config';
import { ApiTokenEntity } from './entities/api-token.entity';
import { AttachmentEntity } from './entities/attachment.entity';
import { AuditEntryEntity } from './entities/audit-entry.entity';
import { DistrictEntity } from './entities/district.entity';
import { RoundEntity } from './entities/round.entity';
import { StationEntity } from './entities/station.entity';
import { StationCommentEntity } from './entities/station-comment.entity';
import { StationEventEntity } from './entities/station-event.entity';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { ReminderEntity, ReminderStationEntity } from './entities/reminder.entity';
import { WorkCalendarYearEntity } from './entities/work-calendar-year.entity';
import { OneTimeTokenEntity } from './entities/one-time-token.entity';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';
import { StationExpertEntity } from './entities/station-expert.entity';
import { InitialSchema1732100000000 } from './migrations/1732100000000-initial-schema';
import { Reminders1732200000000 } from './migrations/1732200000000-reminders';
import { AuditLog1732350000000 } from './migrations/1732350000000-audit-log';
import { Accounts1733000000000 } from './migrations/1733000000000-accounts';
import { ReminderChannels1733100000000 } from './migrations/1733100000000-reminder-channels';
import { Paperwork1733300000000 } from './migrations/1733300000000-paperwork';
import { ExpertPanel1733400000000 } from './migrations/1733400000000-expert-panel';

/** Explicit lists, not globs: what is registered is what is reviewed. */
export const ENTITIES = [
  ApiTokenEntity,
  DistrictEntity,
  RoundEntity,
  StationEntity,
  StationEventEntity,
  ReminderEntity,
  ReminderStationEntity,
  OutboxMessageEntity,
  WorkCalendarYearEntity,
  AuditEntryEntity,
  UserEntity,
  SessionEntity,
  OneTimeTokenEntity,
  AttachmentEntity,
  StationCommentEntity,
  StationExpertEntity,
];
export const MIGRATIONS = [
  InitialSchema1732100000000,
  Reminders1732200000000,
  AuditLog1732350000000,
  Accounts1733000000000,
  ReminderChannels1733100000000,
  Paperwork1733300000000,
  ExpertPanel1733400000000,
];

/** The one data source definition, used by the API, the worker, the tests and the migration CLI. */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsTransactionMode: 'each' as const };
  if (db.type === 'postgres') {
    return { ...common, type: 'postgres', url: db.url, extra: { max: 10, connectionTimeoutMillis: 10_000 } };
  }
  fs.mkdirSync(path.dirname(db.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.file,
    // The API and the worker are two processes on one file: WAL lets readers run beside the
    // writer, and the busy timeout makes a writer wait for the other instead of failing.
    enableWAL: true,
    timeout: 10_000,
  };
}

export function createDataSource(db: DatabaseConfig): DataSource {
  return new DataSource(dataSourceOptions(db));
}

/** Initialises the data source and applies pending migrations (idempotent). */
export async function openDatabase(db: DatabaseConfig, opts: { migrate: boolean }): Promise<DataSource> {
  const ds = createDataSource(db);
  await ds.initialize();
  if (opts.migrate) await ds.runMigrations({ transaction: 'each' });
  return ds;
}

/** For processes that must not race the migrator: wait until no migration is pending. */
export async function waitForMigrations(ds: DataSource, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await ds.showMigrations()) {
    if (Date.now() > deadline) throw new Error('database migrations are still pending; start the API (it migrates) first');
    await new Promise((r) => setTimeout(r, 500));
  }
}
