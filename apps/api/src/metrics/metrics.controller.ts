import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import * as net from 'node:net';
import type { AppConfig } from '@app/config';
import { Public } from '../auth/auth.decorators';
import { bearerToken } from '../auth/bearer';
import { ApiError } from '../common/error-codes';
import { CONFIG } from '../common/tokens';
import { ApiMetrics } from './api-metrics';
import { timingSafeEqual } from 'node:crypto';

/** Loopback and the private ranges: where a Prometheus inside the deployment scrapes from. */
const INTERNAL = new net.BlockList();
INTERNAL.addSubnet('127.0.0.0', 8, 'ipv4');
INTERNAL.addSubnet('10.0.0.0', 8, 'ipv4');
INTERNAL.addSubnet('172.16.0.0', 12, 'ipv4');
INTERNAL.addSubnet('192.168.0.0', 16, 'ipv4');
INTERNAL.addAddress('::1', 'ipv6');
INTERNAL.addSubnet('fc00::', 7, 'ipv6');

/**
 * `GET /metrics`, Prometheus text, outside /api (no rate limit, not in the OpenAPI document: it
 * is for the scraper, not for clients). It reveals no personal data, but counts of a programme
 * are not for the public either: with METRICS_TOKEN it asks for that bearer token, without one it
 * answers only clients on loopback or a private network (as req.ip sees them, see TRUST_PROXY).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.authorise(req);
    const text = await this.metrics.registry.metrics();
    res.status(200).type(this.metrics.registry.contentType).send(text);
  }

  private authorise(req: Request): void {
    const expected = this.config.observability.metricsToken;
    if (expected !== undefined) {
      const given = Buffer.from(bearerToken(req.headers.authorization) ?? '');
      const wanted = Buffer.from(expected);
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
        throw new ApiError('UNAUTHENTICATED', '需要有效的指标令牌（METRICS_TOKEN）');
      }
      return;
    }
    if (!isInternal(req.ip ?? req.socket.remoteAddress ?? '')) {
      throw new ApiError('FORBIDDEN', '指标只对内网开放；从外网抓取请设置 METRICS_TOKEN');
    }
  }
}

function isInternal(address: string): boolean {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  if (v4) return INTERNAL.check(v4, 'ipv4');
  if (net.isIPv4(address)) return INTERNAL.check(address, 'ipv4');
  return net.isIPv6(address) && INTERNAL.check(address, 'ipv6');
}
