import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import type { EscalationPort, MailerPort } from '@app/domain';
import { ReminderChannels, RobotPoster } from '@app/channels';
import { ReminderRenderer, SmtpMailer } from '@app/mail';
import {
  DistrictDirectoryRepository,
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
  /** the mailer to send with, in place of one made from `mail` (main.ts makes it, to close its pooled connections at exit) */
  mailer?: MailerPort;
  /** override how workflow code is loaded (tests pass workflowsPath to the sources) */
  workflows?: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'>;
}

/** Pooled SMTP with SMTP_URL, else the embedded outbox. */
export function createMailer(mail: AppConfig['mail'] | undefined, dataSource: DataSource): MailerPort & { close?(): void } {
  const from = mail?.from ?? 'no-reply@stations.localhost';
  return mail?.smtpUrl ? new SmtpMailer(mail.smtpUrl, from, mail.pool) : new OutboxRepository(dataSource);
}

/** The only place where activities meet their real implementations. */
export function buildActivities(
  parts: Pick<WorkerParts, 'dataSource' | 'client' | 'escalation' | 'mail' | 'mailer'> & { webhookOrigins?: string[] },
) {
  const stations = new StationProjectionRepository(parts.dataSource);
  const from = parts.mail?.from ?? 'no-reply@stations.localhost';
  const mailer = parts.mailer ?? createMailer(parts.mail, parts.dataSource);
  const rounds = new RoundProjectionRepository(parts.dataSource);
  return createActivities({
    stationProjection: stations,
    stations,
    roundProjection: rounds,
    rounds,
    calendars: new TemporalRoundCalendarSource(parts.client),
    messenger: new TemporalStationMessenger(parts.client),
    escalation: parts.escalation ?? new LoggingEscalation(),
    districts: new DistrictDirectoryRepository(parts.dataSource),
    workCalendar: new WorkCalendarRepository(parts.dataSource),
    reminderLog: new ReminderLogRepository(parts.dataSource),
    renderer: new ReminderRenderer(from),
    mailer,
    channels: new ReminderChannels(mailer, new RobotPoster({ allowedOrigins: parts.webhookOrigins })),
    adminEmails: parts.mail?.adminEmails ?? [],
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
    activities: buildActivities({ ...parts, mail: parts.mail ?? parts.config.mail, webhookOrigins: parts.config.webhookOrigins }),
    ...(parts.workflows ?? workflowSource()),
    // Graceful shutdown lets running activities (a digest being sent) finish before exit.
    shutdownGraceTime: '20s',
  });
}
