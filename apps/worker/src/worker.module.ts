import { Module, DynamicModule, OnApplicationShutdown, Inject } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { openDatabase, waitForMigrations } from '@app/persistence';
import { connectClient, connectWithRetry, Tracing, tracingClientInterceptors } from '@app/temporal';

export const CONFIG = Symbol('CONFIG');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const NATIVE_CONNECTION = Symbol('NATIVE_CONNECTION');

/**
 * The worker's application context: configuration, the database, and the Temporal connections.
 * It only connects; main.ts creates and runs the Worker (never inside a DI factory).
 */
@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(
    private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(NATIVE_CONNECTION) private readonly native: NativeConnection,
  ) {}

  static register(config: AppConfig, temporalAddress: string, tracing?: Tracing): DynamicModule {
    return {
      module: WorkerModule,
      providers: [
        { provide: CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: async () => {
            // The API runs the migrations; the worker waits for them rather than racing it.
            const ds = await openDatabase(config.database, { migrate: false });
            await waitForMigrations(ds, 120_000);
            return ds;
          },
        },
        {
          provide: TEMPORAL_CLIENT,
          // With tracing, the signals the activities send to workflows join the activity's trace.
          useFactory: () => connectClient(temporalAddress, config.temporal.namespace, undefined, tracingClientInterceptors(tracing)),
        },
        {
          provide: NATIVE_CONNECTION,
          useFactory: async () => {
            await connectWithRetry(temporalAddress).then((c) => c.close());
            return NativeConnection.connect({ address: temporalAddress });
          },
        },
      ],
      exports: [CONFIG, DataSource, TEMPORAL_CLIENT, NATIVE_CONNECTION],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.native.close();
    await this.client.connection.close();
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
