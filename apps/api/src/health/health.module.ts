import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** `GET /api/health`: the database and Temporal, reported separately. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
