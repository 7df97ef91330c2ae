import { ApiError } from './api.js';
import { h } from './dom.js';
import { session } from './session.js';

/**
 * A button that downloads a file of the API (Word documents, tables). A plain link would lose a
 * token's sign-in (the token is a header, never in a URL), so the file is fetched as the page's
 * other requests are (the token's Authorization header, or a person's session cookie, which goes by
 * itself), kept as a Blob, and saved through a temporary object URL under the name the API gives
 * it (RFC 5987 `filename*`).
 */
export function downloadButton(label, path, testid) {
  const error = h('span', { class: 'field-error', hidden: true, role: 'alert' });
  const button = h('button', { type: 'button', class: 'button', 'data-testid': testid }, label);
  button.addEventListener('click', async () => {
    error.hidden = true;
    button.disabled = true;
    try {
      await download(path);
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : '下载失败，请稍后重试';
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  return h('span', { class: 'download' }, button, error);
}

export async function download(path) {
  const token = session.token();
  let res;
  try {
    res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: '无法连接服务器，请稍后重试' });
  }
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new ApiError(res.status, body);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filenameOf(res.headers.get('content-disposition'), path), hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // the browser has taken the file once the click is handled
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The file name of a Content-Disposition: the UTF-8 `filename*` (汉字), else `filename`, else the path's last part. */
export function filenameOf(disposition, path) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(disposition ?? '');
  return plain ? plain[1] : path.split('?')[0].split('/').pop();
}
