import { post } from './api.js';
import { h } from './dom.js';
import { form } from './forms.js';
import { roundDistricts } from './districts.js';
import { starsName } from './rubric-score.js';

/** Earlier years a registration asks about: the exit rule counts back from the rating year. */
const PRIOR_YEARS = 3;

/**
 * The registration (登记表, 杭总工办〔2023〕30号 附件1) of a star-rating round: name, address,
 * contact, area, main functions, the rules in place, and the station's ratings of earlier years
 * (the exit rule counts them). Not the six-haves application: no eligibility, no cases.
 */
export function registrationView(ctx, round, names) {
  const own = roundDistricts(round, names, ctx.me);
  const year = round.starRating?.ratingYear;
  const priorYears = year ? Array.from({ length: PRIOR_YEARS }, (_, i) => year - 1 - i) : [];
  const fields = [
    { name: 'stationName', label: '服务站名称', required: true },
    {
      name: 'districtCode',
      label: '所在区县（市）',
      type: 'select',
      required: true,
      value: own.length === 1 ? own[0][0] : '',
      options: [
        ...(own.length === 1 ? [] : [{ value: '', label: '请选择区县（市）' }]),
        ...own.map(([value, label]) => ({ value, label })),
      ],
    },
    { name: 'address', label: '地址', required: true },
    {
      type: 'group',
      label: '联系人',
      fields: [
        { name: 'contact.name', label: '姓名', required: true },
        { name: 'contact.phone', label: '手机', type: 'tel', required: true, inputmode: 'tel' },
        { name: 'contact.email', label: '电子邮箱', type: 'email' },
      ],
    },
    { name: 'area', label: '使用面积（平方米）', type: 'number', inputmode: 'decimal' },
    { name: 'hostUnit', label: '申报单位', hint: '建设服务站的工会组织' },
    { name: 'services', label: '主要功能', type: 'textarea', parse: 'lines', required: true, hint: '每行一项，如“劳动争议调解”“法律咨询”' },
    { name: 'rulesInPlace', label: '已建立的制度机制', type: 'textarea', rows: 3 },
    priorYears.length
      ? {
          type: 'group',
          label: '往年星级评定结果',
          hint: `连续 ${round.starRating.exitAfterYears} 年未达到三星级的服务站将提示撤并；未参加评定的年度留空。`,
          fields: priorYears.map((y, i) => ({
            name: `priorRatings.${i}.stars`,
            label: `${y} 年`,
            type: 'select',
            options: [{ value: '', label: '未参加 / 不详' }, ...[0, 3, 4, 5].map((s) => ({ value: String(s), label: starsName(s) }))],
          })),
        }
      : null,
    { name: 'notes', label: '备注', type: 'textarea' },
    { name: 'draft', label: '暂存为草稿（稍后再提交）', type: 'checkbox' },
  ].filter(Boolean);
  return h(
    'div',
    { class: 'page' },
    h('h1', {}, '服务站登记'),
    h('p', { class: 'muted' }, h('a', { href: `#/rounds/${round.id}` }, round.name)),
    h(
      'section',
      { class: 'card' },
      form({
        id: 'registration',
        intro: '杭州工会和谐劳动关系综合服务站建设登记表。提交后站点进入星级自评。',
        fields,
        toBody: (values) => {
          const { priorRatings, area, ...rest } = values;
          const prior = (priorRatings ?? [])
            .map((r, i) => (r?.stars === undefined ? null : { year: priorYears[i], stars: Number(r.stars) }))
            .filter(Boolean);
          return { ...rest, ...(area !== undefined ? { area } : {}), ...(prior.length ? { priorRatings: prior } : {}) };
        },
        submitLabel: '提交登记',
        submit: (body) => post(`/api/rounds/${round.id}/registrations`, body),
        done: (station) => {
          ctx.toast(station.stage === 'registration' ? '草稿已保存' : '登记已提交');
          ctx.go(`#/stations/${station.id}`);
        },
      }),
    ),
  );
}
