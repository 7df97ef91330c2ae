import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseConfig } from '@app/config';

/**
 * Fresh, throw-away databases for tests: a SQLite file in a temp folder, and a PostgreSQL database
 * created for the test on the server named by TEST_DATABASE_URL (default: the local `test`
 * database). The suite runs every database test on both.
 */
export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  config: DatabaseConfig;
  /** the DATABASE_URL to hand to a child process (undefined for SQLite: use DATA_DIR) */
  url?: string;
  drop(): Promise<void>;
}

export const TEST_DATABASE_KINDS = ['sqlite', 'postgres'] as const;

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function createTestDatabase(kind: 'sqlite' | 'postgres', dataDir?: string): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'stations-db-'));
    const file = path.join(dir, 'app.sqlite');
    return {
      kind,
      config: { type: 'sqlite', file },
      drop: async () => {
        if (!dataDir) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `test_stations_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    config: { type: 'postgres', url: url.toString() },
    url: url.toString(),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${assertTestName(name)} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Destructive helpers refuse any database whose name does not say it is for tests. */
function assertTestName(name: string): string {
  if (!/^test_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop non-test database ${name}`);
  return name;
}

async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL for tests is not reachable at ${ADMIN_URL} (${String(e)}); start it (see .ci/run) or set TEST_DATABASE_URL`,
      {
        cause: e,
      },
    );
  }
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
