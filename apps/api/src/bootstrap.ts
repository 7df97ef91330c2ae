import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { AppConfig } from '@app/config';
import { AppModule } from './app.module';
import { ApiError } from './common/error-codes';

/** Builds the HTTP app (shared by main.ts and tests). */
export async function createApi(config: AppConfig, temporalAddress: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, temporalAddress), {
    logger: ['log', 'warn', 'error'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '256kb' });
  app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } } }));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => {
        const details = errors.flatMap((e) => flatten(e));
        return new ApiError('VALIDATION_FAILED', `请求数据有误：${details.join('；')}`, details);
      },
    }),
  );
  const doc = new DocumentBuilder()
    .setTitle('基层劳动关系公共服务站点培育 API')
    .setDescription('Rounds, stations, reminders and exports of the station cultivation workflow service')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
  return app;
}

type ValidationErrorLike = { property: string; constraints?: Record<string, string>; children?: ValidationErrorLike[] };
function flatten(e: ValidationErrorLike, prefix = ''): string[] {
  const path = prefix ? `${prefix}.${e.property}` : e.property;
  const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? `${path}${m.slice(e.property.length)}` : `${path}: ${m}`));
  return [...own, ...(e.children ?? []).flatMap((c) => flatten(c, path))];
}
