import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@app/config';
import { createApi } from '../bootstrap';
import { buildOpenApiDocument } from './document';

// The API on a throw-away SQLite file; Temporal is connected lazily and never called here.
let app: INestApplication;
let doc: OpenAPIObject;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-doc-'));
  app = await createApi(loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: 'openapi-spec-admin-token' }), '127.0.0.1:1');
  await app.init();
  doc = buildOpenApiDocument(app);
  if (process.env.OPENAPI_DUMP) fs.writeFileSync(process.env.OPENAPI_DUMP, JSON.stringify(doc, null, 2));
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('document builds', () => {
  expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
});
