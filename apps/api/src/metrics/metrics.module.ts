import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OperationsCountsRepository } from '@app/persistence';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';

/** `GET /metrics` and the counters behind it (bootstrap.ts mounts ApiMetrics' middleware first). */
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: ApiMetrics, inject: [DataSource], useFactory: (ds: DataSource) => new ApiMetrics(new OperationsCountsRepository(ds)) },
  ],
  exports: [ApiMetrics],
})
export class MetricsModule {}
