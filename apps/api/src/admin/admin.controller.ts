import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { Audited } from '../audit/audit.decorator';
import { Roles } from '../auth/auth.decorators';
import * as S from '../openapi/schemas';
import { ReconcileReport, ReconcileService } from './reconcile.service';

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
  @Audited({
    action: 'projection.reconcile',
    targetType: 'round',
    target: { body: 'roundId' },
    details: (req, result) => {
      const report = result as ReconcileReport;
      return { dryRun: report.dryRun, roundIds: report.roundIds, repaired: report.repaired.length, problems: report.problems.length };
    },
  })
  @ApiOkResponse({
    description: 'what was checked, repaired (with the differing fields) and what could not be repaired',
    schema: S.ReconcileReport,
  })
  reconcile(@Body() dto: ReconcileDto) {
    // @IsOptional lets null through: null is "not given", as an absent field is.
    return this.reconciler.reconcile({ roundId: dto.roundId ?? undefined, dryRun: dto.dryRun ?? undefined });
  }
}
