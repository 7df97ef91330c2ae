import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';

/** The office dashboard at `/` (it asks `GET /api/me`, in AuthModule, who the token is). */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}
