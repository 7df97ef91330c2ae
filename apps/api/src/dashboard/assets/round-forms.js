import { contactFields, contactsBody } from './contact-fields.js';
import vocab from './vocabulary.js';
import { patch, post } from './api.js';
import { foldable, form } from './forms.js';
import { dateInputValue, roundDateLabel, roundDates } from './format.js';

/** The city office's round actions, each only while the round's status allows it. */
export function roundActionForms(round, ctx) {
  const done = (message) => () => {
    ctx.toast(message);
    void ctx.refresh();
  };
  const waiting = round.stageCounts?.publication ?? 0;
  return [
    round.status === 'open'
      ? foldable(
          '发布名单',
          form({
            id: 'publication',
            intro: `将通过培育评估、处于“名单发布”阶段的站点（当前 ${waiting} 个）按备案层级列入市级或区县级名单。发布后本批次不再接受新的申报。`,
            fields: [{ name: 'documentNo', label: '发布文号', placeholder: '例如 渝人社〔2024〕100号' }],
            submitLabel: '确认发布名单',
            submit: (body) => post(`/api/rounds/${round.id}/publication`, body),
            done: done('名单已发布'),
          }),
          { id: 'publication' },
        )
      : null,
    round.status === 'published'
      ? foldable(
          '发布补充名单',
          form({
            id: 'supplementary-publication',
            intro: `名单发布后通过培育评估的站点（当前 ${waiting} 个处于“名单发布”阶段）以补充名单发布，须另行编号。`,
            fields: [{ name: 'documentNo', label: '补充名单发布文号', required: true, placeholder: '例如 渝人社〔2024〕101号' }],
            submitLabel: '确认发布补充名单',
            submit: (body) => post(`/api/rounds/${round.id}/publication`, body),
            done: done('补充名单已发布'),
          }),
          { id: 'supplementary-publication' },
        )
      : null,
    round.status === 'published'
      ? foldable(
          '总结推广',
          form({
            id: 'promotion',
            intro: '填写本批次的总结，提交后本批次结束。尚有站点未作评估决定或待列入补充名单时不能提交。',
            fields: [{ name: 'summary', label: '总结', type: 'textarea', rows: 5, required: true }],
            submitLabel: '提交总结并结束批次',
            submit: (body) => post(`/api/rounds/${round.id}/promotion`, body),
            done: done('批次已结束'),
          }),
          { id: 'promotion' },
        )
      : null,
    round.status !== 'closed' ? foldable('调整截止日期', deadlinesForm(round, done('截止日期已调整')), { id: 'deadlines' }) : null,
  ];
}

/**
 * Only the dates that were changed are sent; clearing an optional date removes it. A six-haves round
 * offers all its dates (an optional one can be added); another programme's round the dates it holds.
 */
function deadlinesForm(round, done) {
  const sixHaves = round.programme === 'six-haves';
  const keys = sixHaves ? vocab.roundDateKeys : roundDates(round);
  const optional = (key) => !sixHaves || vocab.optionalRoundDates.includes(key);
  const initial = Object.fromEntries(keys.map((k) => [k, dateInputValue(round.deadlines[k])]));
  return form({
    id: 'deadlines',
    intro: '日期指当天 23:59:59（北京时间）截止。运行中的站点将按新日期计算逾期与提醒。',
    fields: [
      ...keys.map((key) => ({
        name: key,
        label: roundDateLabel(key),
        type: 'date',
        value: initial[key],
        required: !optional(key),
        hint: sixHaves && optional(key) ? '可选，清空即取消' : undefined,
      })),
      {
        name: 'reason',
        label: '调整理由',
        type: 'textarea',
        required: true,
        hint: '将记入批次的调整记录，例如“根据渝人社〔2024〕X号通知延期”',
      },
    ],
    submitLabel: '保存调整',
    toBody: (values) => {
      const body = { reason: values.reason };
      for (const key of keys) {
        const now = values[key] ?? '';
        if (now !== initial[key]) body[key] = now === '' ? null : now;
      }
      return body;
    },
    submit: (body) => patch(`/api/rounds/${round.id}/deadlines`, body),
    done,
  });
}

/**
 * A new six-haves round (培育批次) with its calendar; reminders take the service's defaults. The
 * star-rating round has its own form (round-form-star.js); view-new-round.js offers both.
 */
export function newRoundForm(ctx) {
  const el = form({
    id: 'new-round',
    fields: [
      { name: 'name', label: '批次名称', required: true, placeholder: '例如 2025年基层劳动关系公共服务站点培育' },
      { name: 'code', label: '批次代码', required: true, hint: '字母、数字、“.”“_”“-”，如 cq-2025' },
      {
        type: 'group',
        label: '日程',
        hint: '日期指当天 23:59:59（北京时间）截止；须按先后顺序填写。',
        fields: vocab.roundDateKeys.map((key) => ({
          name: `deadlines.${key}`,
          label: roundDateLabel(key),
          type: 'date',
          required: !vocab.optionalRoundDates.includes(key),
          hint: vocab.optionalRoundDates.includes(key) ? '可选' : undefined,
        })),
      },
      {
        name: 'serviceCutoff',
        label: '服务年限计算截止日',
        type: 'date',
        hint: '申报条件“服务一年以上”计至此日；按推荐截止日自动填为其前的10月31日，可修改',
      },
      {
        type: 'group',
        label: '市级办公室联系人',
        hint: `“六有”培育为${vocab.programmeOffices['six-haves'].city}，星级评定为${vocab.programmeOffices['star-rating'].city}；接收逾期升级与市级环节的提醒。`,
        fields: contactFields('cityContacts.0'),
      },
    ],
    submitLabel: '创建批次',
    toBody: (values) => ({ ...values, programme: 'six-haves', cityContacts: contactsBody(values.cityContacts) }),
    submit: (body) => post('/api/rounds', body),
    done: (round) => {
      ctx.toast('批次已创建');
      ctx.go(`#/rounds/${round.id}`);
    },
  });
  prefillServiceCutoff(el);
  return el;
}

/**
 * The API's default cut-off (libs/domain defaultServiceCutoff): 31 October of the recommendation
 * date's year when that day lies before it, else 31 October of the year before.
 */
function defaultServiceCutoff(recommendation) {
  const year = Number(recommendation.slice(0, 4));
  const sameYear = `${String(year).padStart(4, '0')}-${vocab.defaultServiceCutoffMonthDay}`;
  return sameYear < recommendation ? sameYear : `${String(year - 1).padStart(4, '0')}-${vocab.defaultServiceCutoffMonthDay}`;
}

/** Fills the cut-off from the recommendation date, until the office types a cut-off of its own. */
function prefillServiceCutoff(el) {
  const recommendation = el.querySelector('#new-round-deadlines-recommendation');
  const cutoff = el.querySelector('#new-round-serviceCutoff');
  let filled = '';
  recommendation.addEventListener('input', () => {
    if (cutoff.value !== filled) return;
    filled = /^\d{4}-\d{2}-\d{2}$/.test(recommendation.value) ? defaultServiceCutoff(recommendation.value) : '';
    cutoff.value = filled;
  });
}
