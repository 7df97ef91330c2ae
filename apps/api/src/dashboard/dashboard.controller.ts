import * as path from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../common/error-codes';
import { vocabularyModule } from './vocabulary';

/**
 * Static files of the dashboard, next to this file in the source tree and copied beside the
 * compiled file by scripts/build.js, so both `dist/` and the sources serve them.
 */
export const ASSETS_DIR = path.join(__dirname, 'assets');

/** Flat names only: nothing can reach outside the assets folder. */
const ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(js|css|svg)$/;
const VOCABULARY = 'vocabulary.js';

/**
 * The office dashboard (zh-CN): one page at `/` whose ES modules sign in with a bearer token and
 * call the API. The page itself holds no data, so it is public; the API checks every call.
 */
@ApiExcludeController()
@Controller()
export class DashboardController {
  private vocabulary?: string;

  @Public()
  @Get()
  index(@Res() res: Response): void {
    this.send(res, 'index.html');
  }

  @Public()
  @Get(`assets/${VOCABULARY}`)
  vocabularyModule(@Res() res: Response): void {
    this.vocabulary ??= vocabularyModule();
    res.type('text/javascript').setHeader('Cache-Control', 'no-cache');
    res.send(this.vocabulary);
  }

  @Public()
  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    if (!ASSET_NAME.test(name)) throw new ApiError('NOT_FOUND', `资源 ${name} 不存在`);
    this.send(res, name);
  }

  private send(res: Response, name: string): void {
    // no-cache: the browser revalidates (ETag) so that a new build is picked up at once.
    res.sendFile(name, { root: ASSETS_DIR, dotfiles: 'deny', headers: { 'Cache-Control': 'no-cache' } }, (err) => {
      if (err && !res.headersSent) {
        const status = (err as { status?: number }).status === 404 ? 404 : 500;
        res.status(status).json({
          statusCode: status,
          code: status === 404 ? 'NOT_FOUND' : 'INTERNAL',
          message: status === 404 ? `资源 ${name} 不存在` : '服务器内部错误',
        });
      }
    });
  }
}
