import { post } from './api.js';
import { contactFields, contactsBody } from './contact-fields.js';
import { form } from './forms.js';

/**
 * A new star-rating round (星级评定批次): its own dates (登记 → 星级自评 → 区县复评 → 星级评定 →
 * 名单发布 → 总结推广, as the programme lists them), the rating year and the exit rule; no service
 * cut-off, which only the six-haves eligibility uses.
 */
export function starRoundForm(ctx, template) {
  const offices = template.offices;
  return form({
    id: 'new-round',
    intro: `${template.source}`,
    fields: [
      { name: 'name', label: '批次名称', required: true, placeholder: '例如 2025年杭州市工会和谐劳动关系综合服务站星级评定' },
      { name: 'code', label: '批次代码', required: true, hint: '字母、数字、“.”“_”“-”，如 hz-star-2025' },
      {
        type: 'group',
        label: '日程',
        hint: '日期指当天 23:59:59（北京时间）截止；须按先后顺序填写。',
        fields: template.dates.map((d) => ({
          name: `deadlines.${d.key}`,
          label: d.label,
          type: 'date',
          required: d.required,
          hint: d.required ? undefined : '可选',
        })),
      },
      {
        type: 'group',
        label: '星级评定设置',
        fields: [
          {
            name: 'starRating.ratingYear',
            label: '评定年度',
            type: 'number',
            inputmode: 'numeric',
            hint: '留空则取星级评定截止日所在年份',
          },
          {
            name: 'starRating.exitAfterYears',
            label: '撤并提示年限',
            type: 'number',
            inputmode: 'numeric',
            value: template.evaluation.exitAfterYears,
            hint: '连续多少年未达到三星级时提示撤并（退出机制）',
          },
        ],
      },
      {
        type: 'group',
        label: '市级办公室联系人',
        hint: `${offices.city}；接收逾期升级与市级环节的提醒。`,
        fields: [...contactFields('cityContacts.0')],
      },
    ],
    submitLabel: '创建批次',
    toBody: (values) => ({ ...values, programme: template.key, cityContacts: contactsBody(values.cityContacts) }),
    submit: (body) => post('/api/rounds', body),
    done: (round) => {
      ctx.toast('批次已创建');
      ctx.go(`#/rounds/${round.id}`);
    },
  });
}
