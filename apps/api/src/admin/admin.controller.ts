import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { ReconcileService } from './reconcile.service';

export class ReconcileDto {
  /** One round; all rounds when absent. */
  @IsOptional()
  @IsUUID()
  roundId?: string;

  /** Report what differs without writing anything. */
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
export class AdminController {
  constructor(private readonly reconciler: ReconcileService) {}

  /** Repairs the projection (lists, counts, history) from the workflows' own state. */
  @Post('reconcile')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ description: 'what was checked, repaired (with the differing fields) and what could not be repaired' })
  reconcile(@Body() dto: ReconcileDto) {
    return this.reconciler.reconcile(dto);
  }
}
