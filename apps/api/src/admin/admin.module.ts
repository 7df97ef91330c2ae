import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { ReconcileService } from './reconcile.service';

/** Operations for admins: repairing the projection from the workflows. */
@Module({ controllers: [AdminController], providers: [ReconcileService] })
export class AdminModule {}
