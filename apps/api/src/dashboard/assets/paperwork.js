import vocab from './vocabulary.js';
import { ApiError, del, fetchFile, getOrNull, post, upload } from './api.js';
import { confirmDialog } from './confirm.js';
import { empty, h, mount, section, table } from './dom.js';
import { foldable, form } from './forms.js';
import { dateTime, roleLabel } from './format.js';
import { downloadButton } from './downloads.js';
import { actionTables, mayAct } from './permissions.js';

/**
 * The paperwork of a station (shared/API.md "The paperwork of a real round"): evidence files per
 * purpose and per have with in-page previews, sending back for revision, and a comment thread.
 * Each part shows only where the service answers its route.
 */
const PURPOSES = {
  application: '申请书（签字盖章）',
  case: '典型案例',
  self_assessment: '自评佐证',
  mid_term: '中期检查',
  evaluation: '评估材料',
  other: '其他',
};
const PREVIEWABLE = /^(image\/(png|jpeg)|application\/pdf)$/;
const size = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export async function attachmentsSection(station, ctx) {
  const list = await getOrNull(`/api/stations/${station.id}/attachments`);
  if (list === null) return null;
  const items = Array.isArray(list) ? list : (list.items ?? []);
  const preview = h('div', { class: 'file-preview', 'data-testid': 'file-preview', hidden: true });
  const show = async (a) => {
    mount(preview, h('p', { class: 'muted' }, '正在加载预览…'));
    preview.hidden = false;
    try {
      const { blob } = await fetchFile(`/api/attachments/${a.id}`);
      const url = URL.createObjectURL(new Blob([blob], { type: a.contentType }));
      mount(
        preview,
        h('p', {}, `预览：${a.name}`),
        a.contentType === 'application/pdf'
          ? h('iframe', { src: url, title: `预览：${a.name}`, 'data-preview': 'pdf' })
          : h('img', { src: url, alt: a.name, 'data-preview': 'image' }),
      );
    } catch (e) {
      mount(preview, h('p', { class: 'field-error' }, `预览失败：${e instanceof ApiError ? e.message : '请稍后重试'}`));
    }
  };
  // the uploader while the station is in the step the file was added in, or an admin (the API says which: mayDelete)
  const remove = async (a) => {
    const sure = await confirmDialog({
      title: '删除附件',
      lines: [`文件：${a.name}`, '删除后不能恢复；如需要，请重新上传。'],
      confirmLabel: '删除',
    });
    if (!sure) return;
    try {
      await del(`/api/attachments/${a.id}`);
      ctx.toast(`已删除：${a.name}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      ctx.toast(`未能删除：${e.message}`);
    }
    void ctx.refresh();
  };
  const haveLabel = (key) => vocab.sixHaves.find((x) => x.key === key)?.label ?? '';
  const uploadForm = uploadFormFor(station, ctx);
  return section(
    '材料附件',
    items.length === 0
      ? empty('尚未上传材料')
      : table(
          [
            { label: '用途', cell: (a) => `${PURPOSES[a.purpose] ?? a.purpose}${a.have ? `（${haveLabel(a.have)}）` : ''}` },
            { label: '文件', cell: (a) => a.name },
            { label: '大小', cell: (a) => size(a.size) },
            { label: '上传', cell: (a) => `${a.uploadedBy ?? ''} ${dateTime(a.uploadedAt)}` },
            {
              label: '操作',
              cell: (a) =>
                h(
                  'span',
                  { class: 'downloads' },
                  PREVIEWABLE.test(a.contentType)
                    ? h(
                        'button',
                        { type: 'button', class: 'button button-quiet', 'data-preview-of': a.id, onclick: () => void show(a) },
                        '预览',
                      )
                    : null,
                  downloadButton('下载', `/api/attachments/${a.id}`, { testid: `attachment-${a.id}`, fallbackName: a.name }),
                  a.mayDelete
                    ? h(
                        'button',
                        { type: 'button', class: 'button button-quiet', 'data-delete-of': a.id, onclick: () => void remove(a) },
                        '删除',
                      )
                    : null,
                ),
            },
          ],
          items,
        ),
    preview,
    uploadForm ? foldable('上传材料', uploadForm, { id: 'upload' }) : null,
  );
}

/** Who may add files (shared/API.md): whoever may act on the station in its current step, and the city. */
function mayUpload(station, me) {
  if (station.stage === 'closed') return false;
  if (me.role === 'city' || me.role === 'admin') return true;
  const { stages } = actionTables(station);
  return Object.keys(stages).some((type) => type !== 'withdraw' && mayAct(me, type, station));
}

function uploadFormFor(station, ctx) {
  if (!mayUpload(station, ctx.me)) return null;
  const file = h('input', { type: 'file', id: 'upload-file', accept: '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx' });
  const el = form({
    id: 'upload',
    intro: '支持 PDF、JPEG、PNG、Word、Excel 文件，单个不超过 20 MB；文件类型按内容识别。',
    fields: [
      {
        name: 'purpose',
        label: '用途',
        type: 'select',
        required: true,
        options: [{ value: '', label: '请选择' }, ...Object.entries(PURPOSES).map(([value, label]) => ({ value, label }))],
      },
      station.programme === 'six-haves'
        ? {
            name: 'have',
            label: '对应“六有”',
            type: 'select',
            options: [{ value: '', label: '不对应具体一项' }, ...vocab.sixHaves.map((x) => ({ value: x.key, label: x.label }))],
          }
        : null,
      { name: 'note', label: '说明' },
    ].filter(Boolean),
    submitLabel: '上传',
    submit: (body) => {
      if (!file.files?.[0]) throw new ApiError(400, { code: 'VALIDATION_FAILED', message: '请选择要上传的文件' });
      const data = new window.FormData();
      data.append('file', file.files[0]);
      for (const [k, v] of Object.entries(body)) if (v) data.append(k, v);
      return upload(`/api/stations/${station.id}/attachments`, data);
    },
    done: () => {
      ctx.toast('材料已上传');
      void ctx.refresh();
    },
  });
  el.querySelector('.form-actions').before(
    h('div', { class: 'field', 'data-field': 'file' }, h('label', { for: 'upload-file' }, '文件'), file),
  );
  return el;
}

/** 退回修改: the district in recommendation, the city in filing, with a required reason. */
export function returnForm(station, ctx) {
  const mine =
    (station.stage === 'recommendation' && ctx.me.role === 'district' && ctx.me.districtCode === station.districtCode) ||
    (station.stage === 'filing' && ctx.me.role === 'city');
  if (!mine || station.programme === 'star-rating') return null;
  return foldable(
    '退回修改',
    form({
      id: 'return',
      intro: station.stage === 'recommendation' ? '退回站点修改申报材料，站点将立即收到通知。' : '退回区县重新推荐，区县将立即收到通知。',
      fields: [{ name: 'reason', label: '退回理由', type: 'textarea', required: true }],
      submitLabel: '确认退回',
      submit: (body) => post(`/api/stations/${station.id}/return`, body),
      done: () => {
        ctx.toast('已退回修改');
        void ctx.refresh();
      },
    }),
    { id: 'return' },
  );
}

/** The comment thread of a station, oldest first. */
export async function commentsSection(station, ctx) {
  const answer = await getOrNull(`/api/stations/${station.id}/comments`);
  if (answer === null) return null;
  const items = Array.isArray(answer) ? answer : (answer.items ?? []);
  return section(
    '留言',
    items.length
      ? h(
          'ul',
          { class: 'comment-list', 'data-testid': 'comments' },
          items.map((c) =>
            h(
              'li',
              { class: 'comment' },
              h(
                'div',
                { class: 'comment-meta' },
                `${c.author ?? ''}${c.role ? `（${roleLabel(c.role)}）` : ''} · ${dateTime(c.createdAt)}`,
              ),
              h('p', { class: 'comment-text' }, c.text),
            ),
          ),
        )
      : empty('暂无留言'),
    form({
      id: 'comment',
      fields: [{ name: 'text', label: '留言', type: 'textarea', required: true, hint: '不超过 2000 字' }],
      submitLabel: '发表留言',
      submit: (body) => post(`/api/stations/${station.id}/comments`, body),
      done: () => void ctx.refresh(),
    }),
  );
}
