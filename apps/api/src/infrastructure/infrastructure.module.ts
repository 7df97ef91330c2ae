import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { openDatabase } from '@app/persistence';
import { COUNTER_STORE, InMemoryCounterStore } from '../common/counter-store';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { WorkflowGateway } from '../common/workflow-gateway';
import { seedDistricts } from '../districts/district-seeds';

/**
 * What every feature module may inject without importing anything: the configuration, the
 * database (migrated and seeded before the app serves), the Temporal client and the gateway to the
 * workflows. Both connections are closed when the app shuts down.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  static register(config: AppConfig, temporalAddress: string): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CONFIG, useValue: config },
        {
          provide: DataSource,
          // Migrations run before the app serves: the factory resolves only once they are applied.
          useFactory: async () => {
            const ds = await openDatabase(config.database, { migrate: true });
            await seedDistricts(ds);
            return ds;
          },
        },
        {
          provide: TEMPORAL_CLIENT,
          // Lazy: the API serves (and reports temporal "down" in /api/health) while Temporal is away.
          useFactory: () => new Client({ connection: Connection.lazy({ address: temporalAddress }), namespace: config.temporal.namespace }),
        },
        WorkflowGateway,
        // One process's counters (the login throttle); shared among replicas when bound to Redis.
        { provide: COUNTER_STORE, useFactory: () => new InMemoryCounterStore() },
      ],
      exports: [CONFIG, DataSource, TEMPORAL_CLIENT, WorkflowGateway, COUNTER_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close().catch(() => undefined);
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
