import { get, post } from './api.js';
import { badge, empty, facts, h, section, table } from './dom.js';
import { dateTime, haveStatusLabel, stageLabel, untilText } from './format.js';
import { form } from './forms.js';
import { haveFields } from './paperwork-forms.js';
import { rubricFor, scoreForm } from './star-rating.js';
import vocab from './vocabulary.js';

/** Where an expert's review stands, in words and as a badge kind. */
const REVIEW_STATUS = { pending: ['待评审', 'warn'], submitted: ['已提交（可修改）', 'ok'], closed: ['市级已决定', ''] };
export const reviewBadge = (status) => badge(...(REVIEW_STATUS[status] ?? [status, '']));

/** 我的评审: an expert's to-do list — the stations assigned to them, their stage, due date and my review's status. */
export async function myReviewsView() {
  const { items } = await get('/api/me/reviews');
  return section(
    '我的评审任务',
    h('p', { class: 'hint' }, '以下站点由市评估工作组指派给您。请在截止前独立完成评审；市级作出决定前可随时修改。'),
    items.length === 0
      ? empty('暂无指派给您的站点')
      : table(
          [
            { label: '站点', cell: (r) => h('a', { href: `#/reviews/${r.stationId}`, 'data-testid': 'review-link' }, r.stationName) },
            { label: '区县代码', cell: (r) => r.districtCode },
            { label: '当前环节', cell: (r) => stageLabel(r.stage) },
            { label: '截止时间', cell: (r) => (r.dueDate ? `${dateTime(r.dueDate)}（${untilText(r.dueDate)}）` : '—') },
            { label: '我的评审', cell: (r) => reviewBadge(r.review.status) },
          ],
          items,
          { rowClass: (r) => (r.overdue && r.review.status === 'pending' ? 'row-overdue' : '') },
        ),
  );
}

/** One station's review form for its assigned expert: six haves per have and a recommendation, or the rubric's items. */
export async function reviewView(ctx) {
  const [stationId] = ctx.params;
  const station = await get(`/api/stations/${stationId}`);
  const { reviews } = await get(`/api/stations/${stationId}/reviews`);
  const mine = reviews[0] ?? null;
  const open = ['city_evaluation', 'city_rating'].includes(station.stage);
  const done = (review) => {
    ctx.toast(`评审已提交（第 ${review.revision} 版）`);
    void ctx.refresh();
  };
  const submit = (body) => post(`/api/stations/${stationId}/reviews`, body);
  const star = station.programme === 'star-rating';
  return h(
    'div',
    {},
    section(
      `评审：${station.name}`,
      facts([
        ['当前环节', stageLabel(station.stage)],
        ['截止时间', station.nextDeadline ? dateTime(station.nextDeadline) : null],
        ['我的评审', mine ? `第 ${mine.revision} 版，${dateTime(mine.revisedAt)}` : '尚未提交'],
        ['评分（按评分细则计算）', mine?.score ? `${mine.score.total} 分` : null],
      ]),
      station.selfAssessment?.sixHaves ? selfAssessmentTable(station.selfAssessment.sixHaves) : null,
    ),
    !open
      ? section('评审已结束', h('p', {}, '站点已不在市级评估环节，评审不能再提交或修改。'))
      : section(
          mine ? '修改我的评审' : '提交我的评审',
          star
            ? scoreForm('review', station, await rubricFor(station), ctx, {
                start: mine ? { values: mine.values, note: mine.comments } : undefined,
                done,
              })
            : form({
                id: 'review',
                intro: '对照“六有”逐项评审，填写依据，并给出评审结论。您的评审仅市三方办可见，其他专家看不到。',
                fields: [
                  ...haveFields({ status: '评审结果', evidence: '评审依据' }, mine?.sixHaves, { withEvidence: true }),
                  {
                    name: 'recommendation',
                    label: '评审结论',
                    type: 'radio',
                    required: true,
                    value: mine?.recommendation,
                    options: [
                      { value: 'pass', label: '建议通过' },
                      { value: 'fail', label: '建议不通过' },
                    ],
                  },
                  { name: 'comments', label: '评审意见', type: 'textarea', rows: 3, value: mine?.comments ?? '' },
                ],
                submitLabel: '提交评审',
                submit,
                done,
              }),
        ),
    h('p', {}, h('a', { href: '#/reviews' }, '← 返回我的评审任务')),
  );
}

function selfAssessmentTable(sixHaves) {
  return table(
    [
      { label: '要求', cell: (hv) => hv.label },
      { label: '站点自评', cell: (hv) => haveStatusLabel(sixHaves[hv.key]?.status) },
      { label: '自评佐证', cell: (hv) => sixHaves[hv.key]?.evidence ?? '' },
    ],
    vocab.sixHaves,
    { caption: '站点自评（供参考）' },
  );
}
