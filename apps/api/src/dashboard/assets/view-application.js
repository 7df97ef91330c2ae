import { get, post } from './api.js';
import { h } from './dom.js';
import { form } from './forms.js';
import { robotFields } from './contact-fields.js';
import { roundDistricts } from './districts.js';
import { registrationView } from './view-registration.js';

/**
 * A new application (申请书, annex 2 of 渝人社〔2023〕474号): the fields the API requires and the
 * most used optional ones. A district applies for its own district only.
 */
export async function applicationView(ctx) {
  const [roundId] = ctx.params;
  const [round, names] = await Promise.all([get(`/api/rounds/${roundId}`), ctx.districts()]);
  ctx.setRound(round.id);
  if (round.programme === 'star-rating') return registrationView(ctx, round, names);
  const fields = applicationFields(round, roundDistricts(round, names, ctx.me));
  return h(
    'div',
    { class: 'page' },
    h('h1', {}, '新建申报'),
    h('p', { class: 'muted' }, h('a', { href: `#/rounds/${round.id}` }, round.name)),
    h(
      'section',
      { class: 'card' },
      form({
        id: 'application',
        fields,
        reasonFields: ELIGIBILITY_FIELDS,
        submitLabel: '提交申报',
        submit: (body) => post(`/api/rounds/${round.id}/applications`, body),
        done: (station) => {
          ctx.toast(station.stage === 'application' ? '草稿已保存' : '申报已提交');
          ctx.go(`#/stations/${station.id}`);
        },
      }),
    ),
  );
}

/** Eligibility reasons name a rule, not a field. */
export const ELIGIBILITY_FIELDS = { 'service-record': 'workerVisitsServed', 'no-incidents': 'incidentsInLastTwoYears' };

/** The application's fields; `own` the districts to offer as `[code, name]`. */
export function applicationFields(round, own) {
  return [
    { name: 'stationName', label: '站点名称', required: true },
    {
      name: 'districtCode',
      label: '所在区县',
      type: 'select',
      required: true,
      value: own.length === 1 ? own[0][0] : '',
      options: [...(own.length === 1 ? [] : [{ value: '', label: '请选择区县' }]), ...own.map(([value, label]) => ({ value, label }))],
    },
    { name: 'hostUnit', label: '承担单位', required: true },
    { name: 'address', label: '站点地址', required: true },
    {
      type: 'group',
      label: '联系人',
      fields: [
        { name: 'contact.name', label: '姓名', required: true },
        { name: 'contact.phone', label: '电话', type: 'tel', required: true, inputmode: 'tel' },
        { name: 'contact.email', label: '电子邮箱', type: 'email' },
        // the station's own group robot, copied on its self-assessment reminders like its e-mail
        ...robotFields('contact'),
      ],
    },
    {
      type: 'group',
      label: '申报条件',
      hint: `服务满一年（计至 ${round.serviceCutoff}）或累计服务超过 1000 人次；近两年未发生劳动关系群体性事件、安全生产责任事故。`,
      fields: [
        { name: 'establishedOn', label: '建站时间', type: 'date', required: true },
        { name: 'workerVisitsServed', label: '累计服务劳动者（人次）', type: 'number', required: true, inputmode: 'numeric' },
        {
          name: 'incidentsInLastTwoYears',
          label: '近两年是否发生群体性事件或安全生产责任事故',
          type: 'radio',
          parse: 'bool',
          required: true,
          options: [
            { value: 'false', label: '否' },
            { value: 'true', label: '是' },
          ],
        },
      ],
    },
    {
      name: 'services',
      label: '主要服务内容',
      type: 'textarea',
      parse: 'lines',
      required: true,
      hint: '每行一项，如“劳动法律宣传”“劳动争议调解”',
    },
    {
      type: 'group',
      label: '典型案例（1～2 个）',
      fields: [
        { name: 'cases.0.title', label: '案例一标题', required: true },
        { name: 'cases.0.summary', label: '案例一简介', type: 'textarea', required: true },
        { name: 'cases.1.title', label: '案例二标题' },
        { name: 'cases.1.summary', label: '案例二简介', type: 'textarea' },
      ],
    },
    {
      type: 'group',
      label: '其他信息（选填）',
      fields: [
        { name: 'guidanceUnit', label: '业务指导单位' },
        { name: 'cultivatingUnit', label: '培育单位' },
        { name: 'fundingSource', label: '经费来源' },
        { name: 'notes', label: '备注', type: 'textarea' },
      ],
    },
    { name: 'draft', label: '暂存为草稿（稍后再提交）', type: 'checkbox' },
  ];
}
