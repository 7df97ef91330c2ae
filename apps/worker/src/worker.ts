import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import type { Tracing } from '@app/temporal';
import type { EscalationPort, MailerPort } from '@app/domain';
import { ReminderChannels, RobotPoster } from '@app/channels';
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
  /** the mailer to send with, in place of one made from `mail` (main.ts makes it, to close its pooled connections at exit) */
  mailer?: MailerPort;
  /** override how workflow code is loaded (tests pass workflowsPath to the sources) */
  workflows?: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'>;
  /** OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT): installs the Temporal interceptors; without it, none */
  tracing?: Tracing;
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
    sendsInFlight: parts.mail?.pool?.maxConnections,
    panel: { awaited: new ExpertPanelRepository(parts.dataSource), experts: new ExpertDirectoryRepository(parts.dataSource) },
  });
}

/**
 * The workflow interceptors of @temporalio/interceptors-opentelemetry: they run inside the workflow
 * sandbox, so they are bundled with the workflow code (scripts/build.js bundles them into their own
 * `workflow-bundle-tracing.js`, so that the bundle workers load without tracing stays as it was).
 */
export const TRACING_WORKFLOW_INTERCEPTORS = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/**
 * Production loads the webpack bundle prepared by `npm run build` (no bundling at start-up);
 * without it the worker bundles the sources itself.
 */
export function workflowSource(tracing = false): Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'> {
  const bundle = path.resolve(__dirname, '../../..', tracing ? 'workflow-bundle-tracing.js' : 'workflow-bundle.js');
  if (fs.existsSync(bundle)) return { workflowBundle: { codePath: bundle } };
  return { workflowsPath: require.resolve('../../../workflows') };
}

/**
 * What tracing adds to the worker: a span per activity (child of the workflow's span, carried in
 * the activity's headers), the workflow interceptors (a span per workflow run, signal, update and
 * scheduled activity; they only read and write headers, so no workflow command changes) and the
 * sink through which the sandbox hands its finished spans to the process's exporter.
 */
function tracingOptions(tracing: Tracing, prebuilt: boolean): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const otel = require('@temporalio/interceptors-opentelemetry') as typeof import('@temporalio/interceptors-opentelemetry');
  return {
    interceptors: {
      activity: [
        (ctx) => ({
          inbound: new otel.OpenTelemetryActivityInboundInterceptor(ctx, { tracer: tracing.tracer }),
          outbound: new otel.OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
      // For a worker bundling the sources itself; a prebuilt bundle has them built in (the SDK warns if given both).
      workflowModules: prebuilt ? [] : [TRACING_WORKFLOW_INTERCEPTORS],
    },
    sinks: { exporter: otel.makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}

export async function createWorker(parts: WorkerParts): Promise<Worker> {
  const workflows = parts.workflows ?? workflowSource(parts.tracing !== undefined);
  return Worker.create({
    connection: parts.connection,
    namespace: parts.config.temporal.namespace,
    taskQueue: parts.config.temporal.taskQueue,
    activities: buildActivities({ ...parts, mail: parts.mail ?? parts.config.mail, webhookOrigins: parts.config.webhookOrigins }),
    ...workflows,
    ...(parts.tracing ? tracingOptions(parts.tracing, workflows.workflowBundle !== undefined) : {}),
    // Graceful shutdown lets running activities (a digest being sent) finish before exit.
    shutdownGraceTime: '20s',
  });
}
