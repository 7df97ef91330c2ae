import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ResponsesObject } from '@nestjs/swagger';
import { ErrorBody, RESPONSE_SCHEMAS } from './schemas';
import { describeValidatedClasses } from './validator-schemas';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI document served at /api/docs-json: request bodies and queries from the DTOs'
 * validation rules (validator-schemas.ts), answers from the routes' response decorators
 * (schemas.ts), and the error shape for every refusal.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  describeValidatedClasses();
  const config = new DocumentBuilder()
    .setTitle('基层劳动关系公共服务站点培育 API')
    .setDescription(
      'Rounds, stations, reminders and exports of the station cultivation workflow service. ' +
        'Every refusal answers `{ statusCode, code, message, details? }` (ErrorBody) with a stable code.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const doc = SwaggerModule.createDocument(app, config);
  const schemas = doc.components?.schemas ?? {};
  // Request DTOs refuse unknown fields (forbidNonWhitelisted): say so.
  for (const schema of Object.values(schemas)) if (!('$ref' in schema)) schema.additionalProperties ??= false;
  doc.components = { ...doc.components, schemas: { ...schemas, ...RESPONSE_SCHEMAS } };
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) describeOperation(op);
    }
  }
  return doc;
}

function describeOperation(op: OperationObject): void {
  for (const p of (op.parameters ?? []) as ParameterObject[]) {
    // A query string has no null (@IsOptional's null is a JSON body's).
    if (p.in === 'query' && p.schema && 'nullable' in p.schema) delete p.schema.nullable;
  }
  const responses: ResponsesObject = op.responses;
  responses['4XX'] ??= {
    description:
      'Refused: 400 VALIDATION_FAILED (bad input), 401 UNAUTHENTICATED, 403 FORBIDDEN, 404 NOT_FOUND, 409 for a step out of order ' +
      '(STATION.WRONG_STAGE, ROUND.CLOSED, …), 413 PAYLOAD_TOO_LARGE, 422 APPLICATION.INELIGIBLE, 429 RATE_LIMITED (with Retry-After)',
    content: { 'application/json': { schema: ErrorBody } },
  };
  responses['503'] ??= {
    description: 'UNAVAILABLE: Temporal or the database cannot be reached; try again later',
    content: { 'application/json': { schema: ErrorBody } },
  };
}
