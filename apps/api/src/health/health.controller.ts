import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Client, Connection } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { TEMPORAL_CLIENT } from '../common/tokens';
import * as S from '../openapi/schemas';

type Part = 'up' | 'down';

/** Liveness of the two servers the service depends on, reported separately. */
@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'both servers up', schema: S.Health })
  @ApiServiceUnavailableResponse({ description: 'the part that is down', schema: S.Health })
  async health(@Res() res: Response): Promise<void> {
    const [database, temporal] = await Promise.all([this.database(), this.temporal()]);
    const ok = database === 'up' && temporal === 'up';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', temporal, database });
  }

  private async database(): Promise<Part> {
    try {
      await withTimeout(this.ds.query('SELECT 1'), 3_000);
      return 'up';
    } catch {
      return 'down';
    }
  }

  private async temporal(): Promise<Part> {
    const connection = this.client.connection as Connection;
    try {
      await connection.withDeadline(Date.now() + 3_000, () => connection.workflowService.getSystemInfo({}));
      return 'up';
    } catch {
      return 'down';
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}
