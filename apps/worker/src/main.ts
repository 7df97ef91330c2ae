import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createJsonLogger, loadConfigOrExit, logFatal, NestJsonLogger } from '@app/config';
import { ensureSearchAttributes, startTracing } from '@app/temporal';
import { installRuntime } from './runtime';
import { createMailer, createWorker } from './worker';
import { NATIVE_CONNECTION, TEMPORAL_CLIENT, WorkerModule } from './worker.module';

/**
 * The worker process: hosts the Temporal Worker that runs the round and station workflows and
 * their activities. SIGINT/SIGTERM drain it gracefully (the SDK's runtime handles the signals).
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit('worker');
  if (!config.temporal.address) {
    process.stderr.write(
      '[worker] configuration error: TEMPORAL_ADDRESS: required for a standalone worker (npm start embeds a dev server)\n',
    );
    process.exit(78);
  }
  const json = config.observability.logFormat === 'json' ? createJsonLogger('worker') : undefined;
  installRuntime(config.observability, json);
  const tracing = startTracing(config.observability.otlpEndpoint, 'labour-stations-worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config, config.temporal.address, tracing), {
    logger: json ? new NestJsonLogger(json) : ['log', 'warn', 'error'],
  });
  const log = new Logger('Worker');
  const client = app.get<Client>(TEMPORAL_CLIENT);
  await ensureSearchAttributes(client.connection as Connection, config.temporal.namespace);
  const dataSource = app.get(DataSource);
  const mailer = createMailer(config.mail, dataSource);
  const worker = await createWorker({
    config,
    dataSource,
    client,
    connection: app.get<NativeConnection>(NATIVE_CONNECTION),
    mailer,
    tracing,
  });
  if (tracing) log.log(`tracing to ${config.observability.otlpEndpoint} as ${tracing.serviceName}`);
  if (config.observability.metricsPort !== undefined) log.log(`Temporal SDK metrics on :${config.observability.metricsPort}/metrics`);
  log.log(`polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address} (namespace ${config.temporal.namespace})`);
  try {
    await worker.run();
  } finally {
    mailer.close?.(); // the pooled SMTP connections
    await app.close();
    await tracing?.shutdown(); // the spans of the last activities, still in the batch
    log.log('stopped');
  }
}

main().catch((e) => {
  logFatal('worker', e);
  process.exit(1);
});
