import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { openDatabase } from '@app/persistence';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { WorkflowGateway } from '../common/workflow-gateway';
import { seedDistricts } from '../districts/district-seeds';

/** What every feature may inject: the configuration, the database, the Temporal client and its gateway. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  static register(config: AppConfig, temporalAddress: string): DynamicModule {
    const shared = [CONFIG, DataSource, TEMPORAL_CLIENT, WorkflowGateway];
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: DataSource, useFactory: () => openApiDatabase(config) },
        {
          provide: TEMPORAL_CLIENT,
          // Lazy: the API serves (and reports temporal "down" in /api/health) while Temporal is away.
          useFactory: () => new Client({ connection: Connection.lazy({ address: temporalAddress }), namespace: config.temporal.namespace }),
        },
        WorkflowGateway,
      ],
      exports: shared,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close().catch(() => undefined);
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

/** Migrations run before the app serves: the database is handed out only once they are applied. */
async function openApiDatabase(config: AppConfig): Promise<DataSource> {
  const ds = await openDatabase(config.database, { migrate: true });
  await seedDistricts(ds);
  return ds;
}
