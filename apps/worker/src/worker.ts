import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import type { EscalationPort, MailerPort } from '@app/domain';
import { ReminderRenderer, SmtpMailer } from '@app/mail';
import {
  DistrictDirectoryRepository,
  ExpertDirectoryRepository,
  ExpertPanelRepository,
  OutboxRepository,
  ReminderLogRepository,
  RoundProjectionRepository,
  StationProjectionRepository,
  WorkCalendarRepository,
} from '@app/persistence';
import { createActivities } from '@app/activities';
import { LoggingEscalation } from './adapters/logging-escalation';
import { TemporalRoundCalendarSource } from './adapters/temporal-calendar-source';
import { TemporalStationMessenger } from './adapters/temporal-station-messenger';

export interface WorkerParts {
  config: AppConfig;
  dataSource: DataSource;
  client: Client;
  connection: NativeConnection;
  escalation?: EscalationPort;
  /**
   * the mail settings to send with (SMTP server, sender, admins), in place of `config.mail`;
   * without an SMTP server, reminders go to the embedded outbox
   */
  mail?: AppConfig['mail'];
  /** override how workflow code is loaded (tests pass workflowsPath to the sources) */
  workflows?: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'>;
}

/** The only place where activities meet their real implementations. */
export function buildActivities(parts: Pick<WorkerParts, 'dataSource' | 'client' | 'escalation' | 'mail'>) {
  const stations = new StationProjectionRepository(parts.dataSource);
  const from = parts.mail?.from ?? 'no-reply@stations.localhost';
  const mailer: MailerPort = parts.mail?.smtpUrl ? new SmtpMailer(parts.mail.smtpUrl, from) : new OutboxRepository(parts.dataSource);
  return createActivities({
    stationProjection: stations,
    stations,
    roundProjection: new RoundProjectionRepository(parts.dataSource),
    calendars: new TemporalRoundCalendarSource(parts.client),
    messenger: new TemporalStationMessenger(parts.client),
    escalation: parts.escalation ?? new LoggingEscalation(),
    districts: new DistrictDirectoryRepository(parts.dataSource),
    workCalendar: new WorkCalendarRepository(parts.dataSource),
    reminderLog: new ReminderLogRepository(parts.dataSource),
    renderer: new ReminderRenderer(from),
    mailer,
    adminEmails: parts.mail?.adminEmails ?? [],
    panel: { awaited: new ExpertPanelRepository(parts.dataSource), experts: new ExpertDirectoryRepository(parts.dataSource) },
  });
}

/**
 * Production loads the webpack bundle prepared by `npm run build` (no bundling at start-up);
 * without it the worker bundles the sources itself.
 */
export function workflowSource(): Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'> {
  const bundle = path.resolve(__dirname, '../../../workflow-bundle.js');
  if (fs.existsSync(bundle)) return { workflowBundle: { codePath: bundle } };
  return { workflowsPath: require.resolve('../../../workflows') };
}

export async function createWorker(parts: WorkerParts): Promise<Worker> {
  return Worker.create({
    connection: parts.connection,
    namespace: parts.config.temporal.namespace,
    taskQueue: parts.config.temporal.taskQueue,
    activities: buildActivities({ ...parts, mail: parts.mail ?? parts.config.mail }),
    ...(parts.workflows ?? workflowSource()),
    // Graceful shutdown lets running activities (a digest being sent) finish before exit.
    shutdownGraceTime: '20s',
  });
}
