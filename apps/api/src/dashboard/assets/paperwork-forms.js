import vocab from './vocabulary.js';
import { patch, post } from './api.js';
import { foldable, form } from './forms.js';
import { applicationFields, ELIGIBILITY_FIELDS } from './view-application.js';

/**
 * Forms of the paperwork routes (shared/API.md "The paperwork of a real round"): editing a draft
 * or returned application, the city's evaluation per have with the level confirmed or changed, the
 * optional mid-term review. view-station.js offers them where the service has those routes.
 */

/** Fields with their `value` from `values` (dotted names); lists as lines, booleans as radio values. */
function withValues(fields, values) {
  const at = (name) => name.split('.').reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), values);
  return fields.map((f) => {
    if (f.type === 'group') return { ...f, fields: withValues(f.fields, values) };
    const v = at(f.name);
    if (v === undefined || v === null) return f;
    return { ...f, value: Array.isArray(v) ? v.join('\n') : typeof v === 'boolean' ? String(v) : v };
  });
}

/** 修改申报: the owner district or the station, while the application is a draft or was returned. */
export function editApplicationForm(station, round, names, ctx) {
  const { me } = ctx;
  const owner =
    (me.role === 'district' && me.districtCode === station.districtCode) || (me.role === 'station' && me.stationId === station.id);
  if (!owner || station.stage !== 'application' || station.programme === 'star-rating') return null;
  const own = [[station.districtCode, names.get(station.districtCode) ?? station.districtCode]];
  const values = { ...station.application, stationName: station.name, districtCode: station.districtCode };
  const fields = withValues(
    applicationFields(round, own).filter((f) => f.name !== 'draft' && f.name !== 'districtCode'),
    values,
  );
  return foldable(
    station.returned ? '按退回意见修改申报' : '修改申报',
    form({
      id: 'edit-application',
      intro: station.returned ? `退回理由：${station.returned.reason}。修改保存后，请提交申报。` : '保存后仍为草稿，确认无误后提交申报。',
      fields,
      reasonFields: ELIGIBILITY_FIELDS,
      submitLabel: '保存修改',
      submit: (body) => patch(`/api/stations/${station.id}/application`, body),
      done: () => {
        ctx.toast('申报已修改');
        void ctx.refresh();
      },
    }),
    { id: 'edit-application', open: !!station.returned },
  );
}

/**
 * Per have: a status and a written basis, as the self-assessment, the city's evaluation and an
 * expert's review all ask. `initial`: what the fields start from (the statuses only, unless
 * `withEvidence`: an expert editing their own review gets their bases back too).
 */
export function haveFields(labels, initial = {}, { withEvidence = false } = {}) {
  return vocab.sixHaves.map((have) => ({
    type: 'group',
    label: have.label,
    hint: have.requirement,
    fields: [
      {
        name: `sixHaves.${have.key}.status`,
        label: labels.status,
        type: 'radio',
        required: true,
        value: initial?.[have.key]?.status,
        options: vocab.haveStatuses.map((s) => ({ value: s, label: vocab.haveStatusLabels[s] })),
      },
      {
        name: `sixHaves.${have.key}.evidence`,
        label: labels.evidence,
        type: 'textarea',
        required: true,
        ...(withEvidence ? { value: initial?.[have.key]?.evidence } : {}),
      },
    ],
  }));
}

/**
 * The city's evaluation of a six-haves station: each have (the station's self-assessment shown
 * as the starting point), the conclusion, and the level chosen at filing confirmed or changed.
 */
export function evaluationFields(station) {
  return [
    ...haveFields({ status: '评估结果', evidence: '评估说明' }, station.selfAssessment?.sixHaves),
    {
      name: 'passed',
      label: '评估结论',
      type: 'radio',
      parse: 'bool',
      required: true,
      options: [
        { value: 'true', label: '通过' },
        { value: 'false', label: '不通过' },
      ],
    },
    {
      name: 'level',
      label: '培育层级',
      type: 'radio',
      value: station.level,
      options: Object.entries(vocab.levelLabels).map(([value, label]) => ({ value, label })),
      hint: '备案时确定的层级，可确认或调整',
    },
    { name: 'comments', label: '评估意见', type: 'textarea', rows: 4, hint: '不通过时必填' },
  ];
}

/** 中期评估 (optional): the city or the station's district, while the station is in cultivation. */
export function midTermReviewForm(station, ctx) {
  const { me } = ctx;
  const mayReview = me.role === 'city' || me.role === 'admin' || (me.role === 'district' && me.districtCode === station.districtCode);
  if (!mayReview || station.stage !== 'cultivation' || station.programme === 'star-rating') return null;
  return foldable(
    '中期评估',
    form({
      id: 'mid-term-review',
      intro: '培育期间的中期评估（可选）：对照“六有”逐项检查并填写说明。',
      fields: [...haveFields('检查', '检查结果'), { name: 'summary', label: '检查小结', type: 'textarea', rows: 4, required: true }],
      submitLabel: '提交中期评估',
      submit: (body) => post(`/api/stations/${station.id}/mid-term-review`, body),
      done: () => {
        ctx.toast('中期评估已提交');
        void ctx.refresh();
      },
    }),
    { id: 'mid-term-review' },
  );
}
