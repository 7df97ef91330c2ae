import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '@app/config';
import { AccountsModule } from './accounts/accounts.module';
import { AdminModule } from './admin/admin.module';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditModule } from './audit/audit.module';
import { PanelModule } from './panel/panel.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { ErrorsFilter } from './common/errors.filter';
import { DashboardModule } from './dashboard/dashboard.module';
import { DistrictsModule } from './districts/districts.module';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { RemindersModule } from './reminders/reminders.module';
import { RoundsModule } from './rounds/rounds.module';
import { StationsModule } from './stations/stations.module';

/**
 * The API: one module per feature over the global InfrastructureModule, and what runs around every
 * route (the token check, the audit log, the error answers).
 */
@Module({})
export class AppModule {
  static register(config: AppConfig, temporalAddress: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.register(config, temporalAddress),
        HealthModule,
        AuthModule,
        AccountsModule,
        DistrictsModule,
        RoundsModule,
        StationsModule,
        AdminModule,
        RemindersModule,
        ExportsModule,
        ImportsModule,
        ProgrammesModule,
        AuditModule,
        DashboardModule,
        PanelModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorsFilter },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
    };
  }
}
