import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '@app/config';
import { ensureSearchAttributes } from '@app/temporal';
import { createWorker } from './worker';
import { NATIVE_CONNECTION, TEMPORAL_CLIENT, WorkerModule } from './worker.module';

/**
 * The worker process: hosts the Temporal Worker that runs the round and station workflows and
 * their activities. SIGINT/SIGTERM drain it gracefully (the SDK's runtime handles the signals).
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit('worker');
  const log = new Logger('Worker');
  if (!config.temporal.address) {
    process.stderr.write(
      '[worker] configuration error: TEMPORAL_ADDRESS: required for a standalone worker (npm start embeds a dev server)\n',
    );
    process.exit(78);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config, config.temporal.address), {
    logger: ['log', 'warn', 'error'],
  });
  const client = app.get<Client>(TEMPORAL_CLIENT);
  await ensureSearchAttributes(client.connection as Connection, config.temporal.namespace);
  const worker = await createWorker({
    config,
    dataSource: app.get(DataSource),
    client,
    connection: app.get<NativeConnection>(NATIVE_CONNECTION),
  });
  log.log(`polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address} (namespace ${config.temporal.namespace})`);
  try {
    await worker.run();
  } finally {
    await app.close();
    log.log('stopped');
  }
}

main().catch((e) => {
  process.stderr.write(`[worker] fatal: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
