import { session } from './session.js';
import { humanize, humanizeDetails } from './humanize.js';

/** An answer of the API other than 2xx: `{ statusCode, code, message, details }`. */
export class ApiError extends Error {
  constructor(statusCode, body) {
    super(humanize(body?.message) || `请求失败（${statusCode}）`);
    this.statusCode = statusCode;
    this.code = body?.code ?? 'UNKNOWN';
    this.details = humanizeDetails(body?.details);
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

/**
 * A file from the API with the current sign-in (a plain link would lose it and get 401): the
 * bytes as a Blob, and the file name the server gave in Content-Disposition (RFC 6266 filename*).
 */
export async function fetchFile(path) {
  const headers = {};
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, { headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: '无法连接服务器，请稍后重试' });
  }
  if (!res.ok) {
    const text = await res.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: text || undefined };
    }
    const error = new ApiError(res.status, body);
    if (res.status === 401 && token) window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT, { detail: error }));
    throw error;
  }
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) };
}

/** The file name of a Content-Disposition: the UTF-8 `filename*` (汉字), else `filename`; else `fallback`. */
export function filenameOf(disposition, fallback = null) {
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/** Saves a file of the API under the server's name: Blob → object URL → a click on an <a download>. */
export async function download(path, fallbackName = 'download') {
  const { blob, filename } = await fetchFile(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename ?? fallbackName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the blob to the download; free it once the browser has taken it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return a.download;
}

/** A multipart POST (a file upload) with the current sign-in; the answer as request() gives it. */
export async function upload(path, formData) {
  const headers = { accept: 'application/json' };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  // signed in with an account (session cookie): an unsafe request carries the session's CSRF token
  else if (session.csrf?.()) headers['x-csrf-token'] = session.csrf();
  let res;
  try {
    res = await fetch(path, { method: 'POST', headers, body: formData, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: '无法连接服务器，请稍后重试' });
  }
  const text = await res.text();
  const data = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  if (!res.ok) throw new ApiError(res.status, typeof data === 'object' ? data : { message: data || undefined });
  return data;
}
