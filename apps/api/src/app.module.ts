import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '@app/config';
import { AdminController } from './admin/admin.controller';
import { ReconcileService } from './admin/reconcile.service';
import { AuditController } from './audit/audit.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditService } from './audit/audit.service';
import { AuthGuard } from './auth/auth.guard';
import { TokenService } from './auth/token.service';
import { TokensController } from './auth/tokens.controller';
import { ErrorsFilter } from './common/errors.filter';
import { DashboardModule } from './dashboard/dashboard.module';
import { DistrictsController } from './districts/districts.controller';
import { ExportsController } from './exports/exports.controller';
import { ExportsService } from './exports/exports.service';
import { HealthController } from './health/health.controller';
import { ApplicationImportService } from './imports/application-import.service';
import { ImportsController } from './imports/imports.controller';
import { ProgrammesController } from './programmes/programmes.controller';
import { RoundsController } from './rounds/rounds.controller';
import { RoundsService } from './rounds/rounds.service';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { RemindersModule } from './reminders/reminders.module';
import { StationsModule } from './stations/stations.module';

@Module({})
export class AppModule {
  static register(config: AppConfig, temporalAddress: string): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.register(config, temporalAddress), StationsModule, RemindersModule, DashboardModule],
      controllers: [
        HealthController,
        TokensController,
        DistrictsController,
        RoundsController,
        AdminController,
        ExportsController,
        ImportsController,
        ProgrammesController,
        AuditController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorsFilter },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        TokenService,
        RoundsService,
        ExportsService,
        ApplicationImportService,
        ReconcileService,
        AuditService,
      ],
    };
  }
}
