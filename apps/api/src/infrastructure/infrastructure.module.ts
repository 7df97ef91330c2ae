import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { openDatabase } from '@app/persistence';
import { startTracing, Tracing, tracingClientInterceptors } from '@app/temporal';
import { COUNTER_STORE, CounterStore, InMemoryCounterStore } from '../common/counter-store';
import { RedisCounterStore } from '../common/redis-counter-store';
import { CONFIG, TEMPORAL_CLIENT, TRACING } from '../common/tokens';
import { WorkflowGateway } from '../common/workflow-gateway';
import { seedDistricts } from '../districts/district-seeds';

/**
 * What every feature module may inject without importing anything: the configuration, the
 * database (migrated and seeded before the app serves), the Temporal client, the gateway to the
 * workflows and the counters (in Redis with REDIS_URL, shared by the replicas; else in memory).
 * The connections are closed when the app shuts down.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    @Inject(TRACING) private readonly tracing: Tracing | null,
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
        // Only with OTEL_EXPORTER_OTLP_ENDPOINT; without it nothing of OpenTelemetry is loaded.
        { provide: TRACING, useFactory: () => startTracing(config.observability.otlpEndpoint, 'labour-stations-api') ?? null },
        {
          provide: TEMPORAL_CLIENT,
          // Lazy: the API serves (and reports temporal "down" in /api/health) while Temporal is away.
          useFactory: (tracing: Tracing | null) =>
            new Client({
              connection: Connection.lazy({ address: temporalAddress }),
              namespace: config.temporal.namespace,
              interceptors: tracingClientInterceptors(tracing ?? undefined),
            }),
          inject: [TRACING],
        },
        // The rate limit's and the login throttle's counters: shared among replicas through Redis when REDIS_URL is set.
        {
          provide: COUNTER_STORE,
          useFactory: async (): Promise<CounterStore> => {
            if (!config.redis) return new InMemoryCounterStore();
            const store = new RedisCounterStore(config.redis);
            await store.connect();
            return store;
          },
        },
        WorkflowGateway,
      ],
      exports: [CONFIG, DataSource, TEMPORAL_CLIENT, WorkflowGateway, COUNTER_STORE, TRACING],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close().catch(() => undefined);
    if (this.counters instanceof RedisCounterStore) await this.counters.close();
    if (this.ds.isInitialized) await this.ds.destroy();
    await this.tracing?.shutdown(); // flushes the last spans
  }
}
