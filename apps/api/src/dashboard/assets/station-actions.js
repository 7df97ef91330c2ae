import vocab from './vocabulary.js';
import { post } from './api.js';
import { foldable, form } from './forms.js';
import { actionLabel } from './format.js';
import { actionTables, mayAct } from './permissions.js';
import { Cancelled, confirmClosing, fieldProblem } from './confirm.js';
import { evaluationFields, haveFields } from './paperwork-forms.js';

const yesNo = (name, label, yes, no) => ({
  name,
  label,
  type: 'radio',
  parse: 'bool',
  required: true,
  options: [
    { value: 'true', label: yes },
    { value: 'false', label: no },
  ],
});

/**
 * The station actions, each with its API path and form. Which of them a viewer sees follows the
 * domain's ACTION_ROLES and ACTION_STAGES (permissions.js).
 */
const ACTIONS = [
  { type: 'submit', path: 'submission', intro: '草稿提交后进入区县择优推荐。提交时将核对申报条件。', fields: [], submitLabel: '提交申报' },
  {
    type: 'recommend',
    path: 'recommendation',
    fields: [
      yesNo('recommended', '推荐意见', '择优推荐', '不予推荐'),
      { name: 'note', label: '说明', type: 'textarea', hint: '不予推荐时必填，将告知站点' },
    ],
    submitLabel: '提交推荐意见',
  },
  {
    type: 'file',
    path: 'filing',
    fields: [
      yesNo('filed', '备案意见', '予以备案', '不予备案'),
      {
        name: 'level',
        label: '培育层级',
        type: 'radio',
        options: Object.entries(vocab.levelLabels).map(([value, label]) => ({ value, label })),
        hint: '予以备案时必选：列入市级或区县级培育名单',
      },
      { name: 'note', label: '说明', type: 'textarea', hint: '不予备案时必填' },
    ],
    // A station that is not filed has no level.
    toBody: (v) => (v.filed ? v : { filed: v.filed, note: v.note }),
    submitLabel: '提交备案意见',
  },
  {
    type: 'self_assess',
    path: 'self-assessment',
    intro: '对照“六有”逐项自评，并填写佐证说明。',
    fields: [
      ...haveFields({ status: '自评结果', evidence: '佐证说明' }),
      { name: 'summary', label: '自评总结', type: 'textarea', rows: 4, required: true },
    ],
    submitLabel: '提交自评',
  },
  {
    type: 'evaluate',
    path: 'evaluation',
    // With the paperwork routes the city evaluates each have and confirms or changes the level.
    paperworkFields: evaluationFields,
    // a station that does not pass keeps no level
    paperworkBody: (v) => (v.passed ? v : { ...v, level: undefined }),
    fields: [
      yesNo('passed', '评估结论', '通过', '不通过'),
      { name: 'comments', label: '评估意见', type: 'textarea', rows: 4, hint: '不通过时必填' },
    ],
    submitLabel: '提交评估结论',
  },
  {
    type: 'withdraw',
    path: 'withdrawal',
    intro: '撤回后站点退出本批次培育，不可恢复。',
    fields: [{ name: 'reason', label: '撤回理由', type: 'textarea', required: true }],
    submitLabel: '确认撤回',
    danger: true,
  },
];

/**
 * The decisions that close a station: when `closes(body)` holds, the reason in `field` is required
 * and the person confirms in a dialog before it is sent.
 */
const CLOSING = {
  recommend: { closes: (b) => b.recommended === false, field: 'note', title: '确认不予推荐', need: '不予推荐须填写理由' },
  file: { closes: (b) => b.filed === false, field: 'note', title: '确认不予备案', need: '不予备案须填写理由' },
  evaluate: { closes: (b) => b.passed === false, field: 'comments', title: '确认评估不通过', need: '评估不通过须填写评估意见' },
  withdraw: { closes: () => true, field: 'reason', title: '确认撤回站点', need: '撤回须填写理由' },
};

/** Sends `body` unless it closes the station without a reason or the person does not confirm. */
export async function confirmIfClosing(type, station, body, send) {
  const rule = CLOSING[type];
  if (rule?.closes(body)) {
    const reason = String(body[rule.field] ?? '').trim();
    if (!reason) throw fieldProblem(rule.field, rule.need);
    if (!(await confirmClosing({ title: rule.title, station, reason }))) throw new Cancelled();
  }
  return send(body);
}

/** The forms of the actions `me` may take on `station` now; the first main one is unfolded. */
export function stationActionForms(station, ctx) {
  const allowed = ACTIONS.filter((a) => mayAct(ctx.me, a.type, station));
  return allowed.map((a, i) =>
    foldable(
      actionLabel(a.type),
      form({
        id: a.type,
        intro: a.intro,
        fields: ctx.paperwork && a.paperworkFields ? a.paperworkFields(station) : a.fields,
        submitLabel: a.submitLabel,
        danger: a.danger,
        toBody: ctx.paperwork && a.paperworkBody ? a.paperworkBody : a.toBody,
        submit: (body) => confirmIfClosing(a.type, station, body, (b) => post(`/api/stations/${station.id}/${a.path}`, b)),
        done: () => {
          ctx.toast(`已${actionLabel(a.type)}`);
          void ctx.refresh();
        },
      }),
      { open: i === 0 && !a.danger, id: a.type },
    ),
  );
}

const OFFICES = ['city', 'district', 'station'];

/** Actions a stage allows but never waits for: a way out, a way back, a change, an optional review. */
export const OPTIONAL_ACTIONS = new Set(['withdraw', 'return', 'edit_application', 'mid_term_review']);

/** What the station waits for and from whom, e.g. `区县：区县推荐` (withdrawal aside; admins can do all). */
export function waitingFor(station) {
  if (station.stage === 'closed') return null;
  const { roles, stages: stageTable } = actionTables(station);
  const steps = Object.entries(stageTable)
    .filter(([type, stages]) => !OPTIONAL_ACTIONS.has(type) && stages.includes(station.stage))
    .map(
      ([type]) =>
        `${roles[type]
          .filter((r) => OFFICES.includes(r))
          .map((r) =>
            r === 'city' && station.programme === 'star-rating' ? vocab.programmeOffices['star-rating'].city : vocab.roleLabels[r],
          )
          .join('、')}：${actionLabel(type)}`,
    );
  return steps.length ? `等待 ${steps.join('；')}` : null;
}
