import { get } from './api.js';
import { facts, h, table } from './dom.js';
import { dateTime, stageLabel } from './format.js';

/** For admins: the station's workflow as Temporal sees it, and a link into the Temporal UI. */
export function workflowPanel(stationId) {
  const body = h('div', {}, h('p', { class: 'muted' }, '正在查询工作流…'));
  get(`/api/stations/${stationId}/workflow`).then(
    (wf) => body.replaceChildren(render(wf)),
    (e) => body.replaceChildren(h('p', { class: 'field-error' }, `工作流查询失败：${e.message}`)),
  );
  return h('section', { class: 'card', 'data-testid': 'workflow' }, h('h2', {}, '工作流状态（管理员）'), body);
}

function render(wf) {
  const state = wf.state && !wf.state.unavailable ? wf.state : null;
  return h(
    'div',
    {},
    facts([
      ['工作流 ID', h('code', {}, wf.workflowId)],
      ['运行 ID', h('code', {}, wf.runId)],
      ['类型', wf.type],
      ['状态', h('strong', { 'data-testid': 'workflow-status' }, wf.status)],
      ['开始时间', dateTime(wf.startTime)],
      ['结束时间', wf.closeTime ? dateTime(wf.closeTime) : null],
      ['历史事件数', String(wf.historyLength)],
      ['历史大小', wf.historySizeBytes ? `${(wf.historySizeBytes / 1024).toFixed(1)} KB` : null],
      ['工作流中的阶段', state ? `${stageLabel(state.stage)}（版本 ${state.version}）` : (wf.state?.unavailable ?? null)],
      [
        '检索属性',
        h(
          'ul',
          { class: 'plain attributes' },
          Object.entries(wf.searchAttributes ?? {}).map(([k, v]) =>
            h('li', {}, h('code', {}, `${k} = ${Array.isArray(v) ? v.join(', ') : v}`)),
          ),
        ),
      ],
    ]),
    wf.pendingActivities?.length
      ? table(
          [
            { label: '待执行活动', cell: (a) => a.type },
            { label: '状态', cell: (a) => String(a.state) },
            { label: '尝试次数', cell: (a) => String(a.attempt) },
            { label: '最近失败', cell: (a) => a.lastFailure ?? '—' },
          ],
          wf.pendingActivities,
        )
      : h('p', { class: 'muted' }, '没有待执行的活动'),
    h(
      'p',
      {},
      h(
        'a',
        { href: wf.temporalUi, target: '_blank', rel: 'noopener noreferrer', class: 'button', 'data-testid': 'temporal-ui' },
        '在 Temporal UI 中查看 ↗',
      ),
    ),
    state
      ? h('details', {}, h('summary', {}, '工作流当前状态（JSON）'), h('pre', { class: 'json' }, JSON.stringify(state, null, 2)))
      : null,
  );
}
