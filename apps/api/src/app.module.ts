import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { openDatabase } from '@app/persistence';
import { AdminController } from './admin/admin.controller';
import { ReconcileService } from './admin/reconcile.service';
import { AuditController } from './audit/audit.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditService } from './audit/audit.service';
import { AuthGuard } from './auth/auth.guard';
import { RemindersController } from './reminders/reminders.controller';
import { RemindersService } from './reminders/reminders.service';
import { TokenService } from './auth/token.service';
import { TokensController } from './auth/tokens.controller';
import { ErrorsFilter } from './common/errors.filter';
import { CONFIG, TEMPORAL_CLIENT } from './common/tokens';
import { WorkflowGateway } from './common/workflow-gateway';
import { DashboardModule } from './dashboard/dashboard.module';
import { seedDistricts } from './districts/district-seeds';
import { DistrictsController } from './districts/districts.controller';
import { ExportsController } from './exports/exports.controller';
import { ExportsService } from './exports/exports.service';
import { HealthController } from './health/health.controller';
import { ApplicationImportService } from './imports/application-import.service';
import { ImportsController } from './imports/imports.controller';
import { ProgrammesController } from './programmes/programmes.controller';
import { RoundsController } from './rounds/rounds.controller';
import { RoundsService } from './rounds/rounds.service';
import { StationsController } from './stations/stations.controller';
import { StationsService } from './stations/stations.service';

@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(
    private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  static register(config: AppConfig, temporalAddress: string): DynamicModule {
    return {
      module: AppModule,
      imports: [DashboardModule],
      controllers: [
        HealthController,
        TokensController,
        DistrictsController,
        RoundsController,
        StationsController,
        AdminController,
        RemindersController,
        ExportsController,
        ImportsController,
        ProgrammesController,
        AuditController,
      ],
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
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorsFilter },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        TokenService,
        WorkflowGateway,
        RoundsService,
        StationsService,
        ExportsService,
        ApplicationImportService,
        ReconcileService,
        RemindersService,
        AuditService,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close().catch(() => undefined);
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
