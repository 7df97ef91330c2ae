import { get, getOrNull } from './api.js';
import { empty, h, section, table } from './dom.js';
import { addresses } from './reminders.js';
import { dateTime } from './format.js';

/**
 * The embedded outbox (admin, city): every reminder e-mail the service "sent" without SMTP, and
 * the rendered message. GET /api/outbox may not be there yet (404): shown as an empty outbox.
 */
export async function outboxView() {
  const answer = await getOrNull('/api/outbox');
  const items = answer?.items ?? [];
  const preview = h(
    'div',
    { class: 'outbox-preview', 'data-testid': 'outbox-preview' },
    h('p', { class: 'muted' }, '选择一封邮件查看内容。'),
  );
  const show = async (item) => {
    preview.replaceChildren(h('p', { class: 'muted' }, '正在加载…'));
    try {
      // The message needs the bearer token, so it is fetched as text rather than given as the frame's src.
      const html = await get(`/api/outbox/${encodeURIComponent(item.id)}/html`);
      // Sandboxed (no scripts, no same-origin access): the message is shown, never run.
      const frame = h('iframe', { class: 'mail-frame', sandbox: '', title: `邮件：${item.subject}`, referrerpolicy: 'no-referrer' });
      frame.srcdoc = html;
      preview.replaceChildren(
        h('h3', {}, item.subject),
        h('p', { class: 'muted' }, `收件人：${addresses(item.to)} · ${dateTime(item.createdAt)}`),
        frame,
      );
    } catch (e) {
      preview.replaceChildren(h('p', { class: 'field-error' }, `邮件加载失败：${e.message}`));
    }
  };
  return h(
    'div',
    { class: 'page' },
    h('h1', {}, '邮件外发箱'),
    h('p', { class: 'muted' }, '未配置 SMTP 时，提醒邮件保存在内置外发箱中，不会发出本机。'),
    section(
      '邮件',
      items.length === 0
        ? empty('暂无邮件')
        : table(
            [
              { label: '时间', cell: (m) => dateTime(m.createdAt) },
              { label: '收件人', cell: (m) => addresses(m.to) },
              { label: '主题', cell: (m) => h('button', { type: 'button', class: 'link-button', onclick: () => void show(m) }, m.subject) },
            ],
            items,
          ),
    ),
    section('邮件内容', preview),
  );
}
