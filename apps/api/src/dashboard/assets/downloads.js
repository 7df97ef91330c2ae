import { ApiError, download as saveFile, withQuery } from './api.js';
import { h } from './dom.js';

/**
 * A button that downloads a file of the API with the current sign-in (a plain link would lose it):
 * fetched with the sign-in, kept as a Blob, saved under the name the API gives it. It shows that
 * it is working, and says in place why not when the API refuses. The third argument is a test id
 * (`data-testid`) or `{ testid, fallbackName }` (`data-download`).
 */
export function downloadButton(label, path, options = {}) {
  const { testid, fallbackName } = typeof options === 'string' ? { testid: options } : options;
  const attrs = typeof options === 'string' ? { 'data-testid': testid } : { 'data-download': testid ?? path };
  const note = h('span', { class: 'field-error download-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'button', class: 'button', ...attrs }, label);
  button.addEventListener('click', async () => {
    note.hidden = true;
    button.disabled = true;
    const text = button.textContent;
    button.textContent = '正在生成…';
    try {
      await download(path, fallbackName);
    } catch (e) {
      note.textContent = e instanceof ApiError ? `下载失败：${e.message}` : '下载失败，请稍后重试';
      note.hidden = false;
    } finally {
      button.disabled = false;
      button.textContent = text;
    }
  });
  return h('span', { class: 'download' }, button, note);
}

/** Saves a file of the API under the server's name (api.js), or the path's last part. */
export const download = (path, fallbackName) => saveFile(path, fallbackName ?? path.split('?')[0].split('/').pop());
export { filenameOf } from './api.js';

/** A button that prints the page (the print styles leave out navigation and forms). */
export function printButton(label = '打印本页') {
  return h('button', { type: 'button', class: 'button button-quiet no-print', 'data-print': '', onclick: () => window.print() }, label);
}

/**
 * The round's exports a person may take: the annex-1 summary (six haves) or the star-rating summary,
 * as xlsx or csv (a district gets its own district), the published list once there is one, and the
 * printable pages of both.
 */
export function exportsSection(round, me) {
  if (me.role === 'station') return null;
  const base = `/api/rounds/${round.id}/exports`;
  const own = me.role === 'district' ? { districtCode: me.districtCode } : {};
  const star = round.programme === 'star-rating';
  const summaryPath = star ? `${base}/star-summary` : `${base}/summary`;
  const summaryName = star ? '星级评定汇总表' : '推荐站点汇总表（附件1）';
  const published = round.status !== 'open' || (round.publications?.length ?? 0) > 0;
  return h(
    'section',
    { class: 'card no-print', 'data-testid': 'exports' },
    h('h2', {}, '导出与打印'),
    h(
      'div',
      { class: 'downloads' },
      downloadButton(`${summaryName}（Excel）`, withQuery(summaryPath, { format: 'xlsx', ...own }), { testid: 'summary-xlsx' }),
      downloadButton(`${summaryName}（CSV）`, withQuery(summaryPath, { format: 'csv', ...own }), { testid: 'summary-csv' }),
      published
        ? downloadButton('入选名单（Excel）', withQuery(`${base}/published`, { format: 'xlsx' }), { testid: 'published-xlsx' })
        : null,
      published ? downloadButton('入选名单（CSV）', withQuery(`${base}/published`, { format: 'csv' }), { testid: 'published-csv' }) : null,
    ),
    h(
      'p',
      { class: 'downloads' },
      h('a', { class: 'button button-quiet', href: `#/rounds/${round.id}/print/summary` }, `打印${summaryName}`),
      published ? h('a', { class: 'button button-quiet', href: `#/rounds/${round.id}/print/published` }, '打印入选名单') : null,
    ),
  );
}
