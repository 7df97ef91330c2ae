import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '@app/config';
import { AccountsModule } from './accounts/accounts.module';
import { AdminModule } from './admin/admin.module';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { CommentsModule } from './comments/comments.module';
import { PanelModule } from './panel/panel.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { ErrorsFilter } from './common/errors.filter';
import { WebhookMaskInterceptor } from './common/webhook-mask.interceptor';
import { DashboardModule } from './dashboard/dashboard.module';
import { DistrictsModule } from './districts/districts.module';
import { DocumentsModule } from './documents/documents.module';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { MetricsModule } from './metrics/metrics.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { RemindersModule } from './reminders/reminders.module';
import { RoundsModule } from './rounds/rounds.module';
import { StationsModule } from './stations/stations.module';
import { TasksModule } from './tasks/tasks.module';

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
        AttachmentsModule,
        CommentsModule,
        TasksModule,
        AdminModule,
        RemindersModule,
        ExportsModule,
        DocumentsModule,
        ImportsModule,
        ProgrammesModule,
        AuditModule,
        DashboardModule,
        MetricsModule,
        PanelModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorsFilter },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_INTERCEPTOR, useClass: WebhookMaskInterceptor },
      ],
    };
  }
}
