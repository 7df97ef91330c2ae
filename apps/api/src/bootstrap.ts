import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig, createJsonLogger, NestJsonLogger } from '@app/config';
import type { Tracing } from '@app/temporal';
import { AppModule } from './app.module';
import { SessionCookie } from './auth/session-cookie';
import { SessionService } from './auth/session.service';
import { TokenService } from './auth/token.service';
import { COUNTER_STORE, CounterStore } from './common/counter-store';
import { rateLimit } from './common/rate-limit';
import { accessLog, requestId } from './common/request-id';
import { requestSpan } from './common/request-span';
import { TRACING } from './common/tokens';
import { securityHeaders } from './common/security-headers';
import { ApiMetrics } from './metrics/api-metrics';
import { buildOpenApiDocument } from './openapi/document';
import { checkJsonBody, RequestValidationPipe } from './common/validation';

/** Builds the HTTP app (shared by main.ts and tests). */
export async function createApi(config: AppConfig, temporalAddress: string): Promise<INestApplication> {
  const json = config.observability.logFormat === 'json' ? createJsonLogger('api') : undefined;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, temporalAddress), {
    logger: json ? new NestJsonLogger(json) : ['log', 'warn', 'error'],
    bodyParser: false,
  });
  // Before anything reads req.ip or req.secure (the rate limit, HSTS).
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  // Headers first, so that every answer has them (also a refused or unparsable request's), then
  // the rate limit, before a body is parsed.
  app.use(securityHeaders());
  app.use(requestId());
  if (json) app.use(accessLog(json));
  const tracing = app.get<Tracing | null>(TRACING);
  if (tracing) app.use(requestSpan(tracing));
  // Counted when answered, so a refused request (429, 413 …) counts as well.
  app.use(app.get(ApiMetrics).middleware());
  const tokens = app.get(TokenService);
  const sessions = app.get(SessionService);
  const sessionCookie = new SessionCookie(config.accounts.publicUrl);
  // One allowance across the replicas when they share a Redis, else each process's own.
  const shared = config.redis ? app.get<CounterStore>(COUNTER_STORE) : undefined;
  app.use(
    '/api',
    rateLimit(config.rateLimit, (token) => tokens.authenticate(token), {
      shared,
      authenticateSession: (req) => {
        const value = sessionCookie.read(req);
        return value ? sessions.authenticate(value) : Promise.resolve(null);
      },
    }),
  );
  app.useBodyParser('json', { limit: '256kb', reviver: checkJsonBody });
  app.useGlobalPipes(new RequestValidationPipe());
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
  return app;
}
