import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { MeController } from './me.controller';

/** The office dashboard at `/` and `GET /api/me`, which tells it who the token is. */
@Module({ controllers: [DashboardController, MeController] })
export class DashboardModule {}
