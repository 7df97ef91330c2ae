import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@app/config';
import { createApi } from '../bootstrap';
import { buildOpenApiDocument } from './document';
import { asciiDigits } from './validator-schemas';

// The API on a throw-away SQLite file; Temporal is connected lazily and never called here.
let app: INestApplication;
let doc: OpenAPIObject;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-doc-'));
  app = await createApi(loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: 'openapi-spec-admin-token' }), '127.0.0.1:1');
  app.useLogger(['error']);
  await app.init();
  doc = buildOpenApiDocument(app);
  if (process.env.OPENAPI_DUMP) fs.writeFileSync(process.env.OPENAPI_DUMP, JSON.stringify(doc, null, 2));
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the document is read loosely

/** Every operation of the document as `METHOD /path`. */
function operations(): [string, Op][] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item as Record<string, Op>)
      .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
      .map(([method, op]): [string, Op] => [`${method.toUpperCase()} ${p}`, op]),
  );
}

/** A schema with its `$ref` followed. */
function resolve(schema: Op): Op {
  const ref = schema.$ref as string | undefined;
  return ref ? (doc.components!.schemas![ref.split('/').pop()!] as Op) : schema;
}

test('every JSON request body has a schema that names its fields and refuses others', () => {
  const bodies = operations().flatMap(([name, op]) => {
    const schema = op.requestBody?.content?.['application/json']?.schema as Op | undefined;
    return schema ? [[name, resolve(schema)] as const] : [];
  });
  expect(bodies.length).toBeGreaterThan(15);
  const empty = bodies.filter(([name, s]) => Object.keys(s.properties ?? {}).length === 0 && name !== 'POST /api/stations/{id}/submission');
  expect(empty.map(([name]) => name)).toEqual([]);
  expect(bodies.filter(([, s]) => s.additionalProperties !== false).map(([name]) => name)).toEqual([]);
});

test('a body schema carries the validation rules: required fields, types, lengths, patterns, enums, nesting', () => {
  const schemas = doc.components!.schemas! as Record<string, Op>;
  expect(schemas.CreateRoundDto).toMatchObject({
    required: ['code', 'name', 'programme', 'deadlines', 'cityContacts'],
    properties: {
      code: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
      name: { type: 'string', minLength: 1, maxLength: 200 },
      programme: { type: 'string', enum: ['six-haves', 'star-rating'] },
      deadlines: { $ref: '#/components/schemas/RoundDeadlinesDto' },
      cityContacts: { type: 'array', maxItems: 50, items: { $ref: '#/components/schemas/ContactDto' } },
      serviceCutoff: { type: 'string', nullable: true },
    },
  });
  expect(schemas.ApplicationDto.properties).toMatchObject({
    workerVisitsServed: { type: 'integer', minimum: 0, maximum: 100_000_000 },
    incidentsInLastTwoYears: { type: 'boolean' },
    services: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 200 } },
  });
  expect(schemas.ContactDto.properties.email).toMatchObject({ type: 'string', format: 'email', maxLength: 200 });
  expect(schemas.CreateTokenDto.properties.stationId).toMatchObject({ type: 'string', format: 'uuid' });
});

test('queries list their parameters with formats, and path ids are uuids', () => {
  const [, stations] = operations().find(([name]) => name === 'GET /api/stations')!;
  const query = Object.fromEntries((stations.parameters as Op[]).filter((p) => p.in === 'query').map((p) => [p.name, p]));
  expect(Object.keys(query).sort()).toEqual(['cursor', 'districtCode', 'limit', 'overdue', 'roundId', 'stage']);
  expect(query.limit).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } });
  expect(query.limit.schema.nullable).toBeUndefined();
  const untyped = operations().flatMap(([name, op]) =>
    ((op.parameters ?? []) as Op[])
      .filter((p) => p.in === 'path' && !p.schema?.format && !p.schema?.pattern && !p.schema?.enum)
      .map((p) => `${name} ${p.name}`),
  );
  expect(untyped).toEqual([]);
});

test('every operation documents its success answer with a schema, and the error shape for refusals', () => {
  const problems = operations().flatMap(([name, op]) => {
    const responses = op.responses as Record<string, Op>;
    const success = Object.entries(responses).filter(([status]) => status.startsWith('2'));
    // a browser's stop on the way (single sign-on) answers a redirect and nothing else
    const redirects = Object.keys(responses).some((status) => status.startsWith('3'));
    const out: string[] = [];
    if (success.length === 0 && !redirects) out.push(`${name}: no 2xx answer`);
    for (const [status, r] of success) {
      if (status !== '204' && !Object.values((r.content ?? {}) as Record<string, Op>).some((c) => c.schema))
        out.push(`${name} ${status}: no schema`);
    }
    if (responses['4XX']?.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorBody')
      out.push(`${name}: no 4XX ErrorBody`);
    return out;
  });
  expect(problems).toEqual([]);
  expect(doc.components!.schemas!.ErrorBody).toMatchObject({
    required: ['statusCode', 'code', 'message'],
    properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' }, details: {} },
  });
});

test('patterns spell digits as ASCII, as the API checks them', () => {
  expect(asciiDigits('^\\d{4}-\\d{2}(T[\\d:]+)?$')).toBe('^[0-9]{4}-[0-9]{2}(T[0-9:]+)?$');
  expect(asciiDigits('^[0-9+\\-() ]{5,30}$')).toBe('^[0-9+\\-() ]{5,30}$');
  expect((doc.components!.schemas!.ApplicationDto as { properties: Record<string, unknown> }).properties.districtCode).toMatchObject({
    pattern: '^[0-9]{6}$',
  });
});
