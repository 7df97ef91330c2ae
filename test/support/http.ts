import type { RunningService } from './service';

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read JSON bodies loosely
  body: any;
  headers: Headers;
}

export interface SendOptions {
  /** the Authorization header exactly as sent; null or absent: none */
  authorization?: string | null;
  /** sent as JSON */
  json?: unknown;
  /** sent as is, with `contentType` */
  raw?: string | Buffer;
  contentType?: string;
  form?: FormData;
  headers?: Record<string, string>;
}

/** One request to the running service with full control of its headers and body (the specs' own `request` sets a valid token). */
export async function send(svc: RunningService, method: string, path: string, opts: SendOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.authorization) headers.authorization = opts.authorization;
  let body: string | Buffer | FormData | undefined;
  if (opts.form) body = opts.form;
  else if (opts.raw !== undefined) {
    body = opts.raw;
    headers['content-type'] = opts.contentType ?? 'application/json';
  } else if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${svc.baseUrl}${path}`, { method, headers, body: body as RequestInit['body'] });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export const bearer = (token: string) => `Bearer ${token}`;

/** Every route of the running service's OpenAPI document, as `METHOD /api/path/{param}`. */
export async function documentedRoutes(svc: RunningService): Promise<string[]> {
  const doc = await send(svc, 'GET', '/api/docs-json');
  if (doc.status !== 200) throw new Error(`GET /api/docs-json answered ${doc.status}`);
  const paths = doc.body.paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

/** `/api/stations/{id}/filing` with `{ id: … }` → `/api/stations/…/filing` (values URL-encoded unless `encode` is false). */
export function fillPath(template: string, params: Record<string, string>, encode = true): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encode ? encodeURIComponent(params[name]) : params[name];
  });
}
