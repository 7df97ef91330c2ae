import { Client, ClientInterceptors, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from './search-attributes';

/** Connects a client, retrying while the frontend is still starting (e.g. in docker compose). */
export async function connectClient(
  address: string,
  namespace: string,
  timeoutMs = 60_000,
  interceptors?: ClientInterceptors,
): Promise<Client> {
  const connection = await connectWithRetry(address, timeoutMs);
  return new Client({ connection, namespace, interceptors });
}

export async function connectWithRetry(address: string, timeoutMs = 60_000): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await Connection.connect({ address, connectTimeout: 5_000 });
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`cannot reach Temporal at ${address}: ${String(e)}`, { cause: e });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * Registers the workflows' search attributes on an external server (the embedded dev server gets
 * them from its command line). Existing attributes are left alone.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const { IndexedValueType } = temporal.api.enums.v1;
  // The Java time-skipping test server can add search attributes but not list them.
  const have = await connection.operatorService.listSearchAttributes({ namespace }).catch((e: { code?: number }) => {
    if (e.code === 12 /* UNIMPLEMENTED */) return { customAttributes: {} };
    throw e;
  });
  const existing = new Set(Object.keys(have.customAttributes ?? {}));
  const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !existing.has(name));
  if (missing.length === 0) return;
  const searchAttributes: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
  for (const [name, type] of missing) {
    searchAttributes[name] = IndexedValueType[
      `INDEXED_VALUE_TYPE_${type}` as keyof typeof IndexedValueType
    ] as temporal.api.enums.v1.IndexedValueType;
  }
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}
