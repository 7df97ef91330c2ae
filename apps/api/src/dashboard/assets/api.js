import { session } from './session.js';

/** An answer of the API other than 2xx: `{ statusCode, code, message, details }`. */
export class ApiError extends Error {
  constructor(statusCode, body) {
    super(body?.message || `请求失败（${statusCode}）`);
    this.statusCode = statusCode;
    this.code = body?.code ?? 'UNKNOWN';
    this.details = body?.details;
  }
}

/** Fired when the token or the session is refused (revoked, timed out, signed out elsewhere): the page signs out. */
export const UNAUTHENTICATED_EVENT = 'dashboard:unauthenticated';

export async function request(method, path, body) {
  const headers = { accept: 'application/json' };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  // A person's session cookie goes by itself; an unsafe request also carries the session's CSRF token.
  else if (session.csrf() && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] = session.csrf();
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: '无法连接服务器，请稍后重试' });
  }
  const text = await res.text();
  const data = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  if (!res.ok) {
    const error = new ApiError(res.status, typeof data === 'object' ? data : { message: data || undefined });
    if (res.status === 401 && error.code === 'UNAUTHENTICATED' && (token || session.csrf()))
      window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT, { detail: error }));
    throw error;
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);
export const patch = (path, body) => request('PATCH', path, body);
export const del = (path) => request('DELETE', path);

/** GET that answers null on 404: for endpoints that may not exist yet, or a record out of scope. */
export async function getOrNull(path) {
  try {
    return await get(path);
  } catch (e) {
    if (e instanceof ApiError && e.statusCode === 404) return null;
    throw e;
  }
}

/** `/api/stations?roundId=…` from an object, leaving out empty values. */
export function withQuery(path, query) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
