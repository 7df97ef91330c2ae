import { ApiError, get, post } from './api.js';
import { badge, h, mount, section, table } from './dom.js';
import { foldable, issuesOf } from './forms.js';
import { confirmClosing } from './confirm.js';
import { actionLabel, dateTime } from './format.js';
import { mayAct } from './permissions.js';
import { LEVELS, levelName, scoreSheet, starsName } from './rubric-score.js';

/**
 * The star-rating programme on the station page: the three scorings (自评 → 复评 → 评定) as forms
 * built from the rubric's data and scored live as the office types, and the scores recorded so far.
 */

let programme = null;
/** The star-rating programme with its rubric (GET /api/programmes/star-rating), fetched once. */
export async function starProgramme() {
  programme ??= await get('/api/programmes/star-rating');
  return programme;
}

/** The rubric a station is rated with (the round's version); the programme serves the current one. */
export async function rubricFor(station) {
  const p = await starProgramme();
  const rubric = p.evaluation.rubricDefinition;
  const wanted = station.starRating?.rubric;
  if (wanted && (wanted.id !== rubric.id || wanted.version !== rubric.version))
    throw new ApiError(409, {
      code: 'RUBRIC.UNAVAILABLE',
      message: `本站点按评分表 ${wanted.id}（${wanted.version} 版）评分，本页只提供现行版本`,
    });
  return rubric;
}

/** The three scorings: the route, the field the note goes in, the sheet to start from. */
const STEPS = {
  self_score: {
    path: 'self-assessment',
    note: ['summary', '自评说明'],
    intro: '对照评分表逐项自评。每项得分、各部分上限与星级随填写即时计算。',
    submitLabel: '提交自评',
  },
  district_review: {
    path: 'district-review',
    note: ['note', '复评意见'],
    from: 'selfScore',
    intro: '已按站点自评填入，逐项核实后修改。每项得分、各部分上限与星级随填写即时计算。',
    submitLabel: '提交复评',
  },
  city_rate: {
    path: 'evaluation',
    note: ['comments', '评定意见'],
    from: 'districtReview',
    intro: '已按区县复评填入，逐项核实后修改，并确认星级先决条件。星级以市级评定为准。',
    submitLabel: '提交评定',
  },
  // an assigned expert's own scoring (评估工作组), started from their last revision
  review: {
    path: 'reviews',
    note: ['comments', '评审意见'],
    intro: '对照评分表逐项评审，系统用与市级评定相同的细则即时计分。您的评审仅市三方办可见，其他专家看不到。',
    submitLabel: '提交评审',
  },
};

/** The score forms `me` may fill on `station` now (none outside star-rating rounds). */
export async function starRatingActionForms(station, ctx) {
  if (station.programme !== 'star-rating') return [];
  const steps = Object.keys(STEPS).filter((type) => mayAct(ctx.me, type, station));
  if (steps.length === 0) return [];
  const rubric = await rubricFor(station);
  return steps.map((type) => foldable(actionLabel(type), scoreForm(type, station, rubric, ctx), { open: true, id: type }));
}

const num = (v) => (v === '' || v === undefined ? undefined : Number(v));

/**
 * One item's control by its kind, reading and writing the API's input for it:
 * fixed → true / false (or points when the rubric allows 酌情扣分), counts → whole numbers,
 * levels → a list of award levels, discretionary → `{ points, basis }`.
 */
function itemControl(item, formId, initial, onInput) {
  const id = `${formId}-${item.key}`;
  const numberInput = (attrs) => h('input', { type: 'number', inputmode: 'decimal', class: 'input-number', oninput: onInput, ...attrs });
  if (item.kind === 'fixed') {
    const options = [
      ['true', `达到（${item.points} 分）`],
      ['false', '未达到（0 分）'],
      ...(item.partial ? [['partial', '酌情计分']] : []),
    ];
    const state = initial === true ? 'true' : initial === false ? 'false' : typeof initial === 'number' ? 'partial' : '';
    const radios = options.map(([value]) =>
      h('input', { type: 'radio', name: id, value, checked: state === value, onchange: () => (sync(), onInput()) }),
    );
    const partial = item.partial
      ? numberInput({
          id: `${id}-points`,
          min: 0,
          max: item.points,
          step: 0.1,
          'aria-label': `${item.label}酌情得分`,
          hidden: state !== 'partial',
        })
      : null;
    if (partial && typeof initial === 'number') partial.value = String(initial);
    const sync = () => {
      if (partial) partial.hidden = !radios[2].checked;
    };
    return {
      el: h(
        'div',
        { class: 'choice-row' },
        options.map(([, label], i) => h('label', { class: 'choice' }, radios[i], label)),
        partial,
      ),
      inputs: [...radios, partial].filter(Boolean),
      read: () => {
        const chosen = radios.find((r) => r.checked)?.value;
        if (chosen === 'true') return true;
        if (chosen === 'false') return false;
        if (chosen === 'partial') return num(partial.value.trim()) ?? NaN;
        return undefined;
      },
    };
  }
  if (item.kind === 'levels') {
    const counts = Object.fromEntries(LEVELS.map((l) => [l, 0]));
    for (const e of Array.isArray(initial) ? initial : []) counts[typeof e === 'string' ? e : e.level] += 1;
    const inputs = LEVELS.map((l) => {
      const input = numberInput({ id: `${id}-${l}`, min: 0, step: 1, inputmode: 'numeric' });
      if (counts[l]) input.value = String(counts[l]);
      return input;
    });
    return {
      el: h(
        'div',
        { class: 'choice-row' },
        LEVELS.map((l, i) => h('label', { class: 'score-count' }, `${levelName(l)}（${item.levels[l]} 分/项）`, inputs[i], '项')),
      ),
      inputs,
      read: () => {
        const list = [];
        LEVELS.forEach((l, i) => {
          const n = num(inputs[i].value.trim()) ?? 0;
          for (let k = 0; k < (Number.isInteger(n) && n > 0 && n < 100 ? n : 0); k++) list.push(l);
          if (!Number.isInteger(n) || n < 0) list.push('?');
        });
        return list.length ? list : undefined;
      },
    };
  }
  if (item.kind === 'discretionary') {
    const pointsInput = numberInput({ id: `${id}-points`, min: 0, max: item.max, step: 0.1, 'aria-label': `${item.label}得分` });
    const basis = h('textarea', { id: `${id}-basis`, rows: 2, 'aria-label': `${item.label}评分依据`, oninput: onInput });
    const given = typeof initial === 'object' && initial !== null ? initial : { points: initial };
    if (typeof given.points === 'number') pointsInput.value = String(given.points);
    if (given.basis) basis.value = given.basis;
    return {
      el: h(
        'div',
        { class: 'score-discretionary' },
        h('label', { class: 'score-count' }, `得分（0–${item.max}）`, pointsInput, '分'),
        h('label', { class: 'score-basis' }, '评分依据', basis),
      ),
      inputs: [pointsInput, basis],
      read: () => {
        const p = num(pointsInput.value.trim());
        if (p === undefined) return undefined;
        const text = basis.value.trim();
        return text ? { points: p, basis: text } : p;
      },
    };
  }
  // per-unit, bands, deficit: a count
  const unit = item.unit ?? (item.kind === 'per-unit' ? '' : '');
  const input = numberInput({ id, min: 0, step: 1, inputmode: 'numeric', 'aria-label': item.label });
  if (typeof initial === 'number') input.value = String(initial);
  return {
    el: h('label', { class: 'score-count' }, '数量', input, unit),
    inputs: [input],
    read: () => num(input.value.trim()),
  };
}

/** A fact of the rubric (not scored; it gates stars): a yes/no or a count. */
function factControl(fact, formId, initial, required, onInput, rubric) {
  const id = `${formId}-fact-${fact.key}`;
  if (fact.type === 'boolean') {
    const radios = ['true', 'false'].map((value) =>
      h('input', { type: 'radio', name: id, value, checked: initial === (value === 'true'), onchange: onInput }),
    );
    return {
      el: h(
        'div',
        { class: 'choice-row' },
        h('label', { class: 'choice' }, radios[0], '有'),
        h('label', { class: 'choice' }, radios[1], '无'),
      ),
      inputs: radios,
      read: () => {
        const v = radios.find((r) => r.checked)?.value;
        return v === undefined ? undefined : v === 'true';
      },
    };
  }
  const from = fact.defaultFromItem && rubric.sections.flatMap((s) => s.items).find((i) => i.key === fact.defaultFromItem);
  const input = h('input', {
    type: 'number',
    id,
    min: 0,
    step: 1,
    inputmode: 'numeric',
    class: 'input-number',
    oninput: onInput,
    placeholder: from ? `留空按“${from.label}”计` : undefined,
    'aria-label': fact.label,
  });
  if (typeof initial === 'number') input.value = String(initial);
  return { el: h('label', { class: 'score-count' }, input), inputs: [input], read: () => num(input.value.trim()), required };
}

const starMarks = (stars) => (stars > 0 ? '★'.repeat(stars) : '');

/**
 * The form of one scoring. Everything is drawn from `rubric`: sections with their caps, items with
 * their criteria, the facts that gate stars; the summary beside it is recomputed on every input.
 * `start`: the sheet and note to start from in place of the previous step's (an expert's own last
 * review); `done`: what follows a recorded scoring, in place of the toast and refresh.
 */
export function scoreForm(type, station, rubric, ctx, { start, done } = {}) {
  const step = STEPS[type];
  const formId = `score-${type}`;
  const previous = start?.values ?? (step.from ? station.starRating?.[step.from]?.values : undefined);
  const initialItems = previous?.items ?? {};
  const initialFacts = previous?.facts ?? {};
  const controls = new Map();
  const facts = new Map();
  const itemOut = new Map();
  const sectionOut = new Map();
  const alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
  const summary = h('div', { class: 'score-summary', 'data-testid': 'score-summary', 'aria-live': 'polite' });
  const update = () => recompute();

  const sections = rubric.sections.map((s) => {
    const out = h('p', { class: 'score-subtotal', 'data-section-total': s.key });
    sectionOut.set(s.key, out);
    return h(
      'fieldset',
      { class: 'group score-section', 'data-section': s.key },
      h('legend', {}, `${s.name}（${s.bonus ? '加分项，' : ''}满分 ${s.max} 分）`),
      s.items.map((item) => {
        const control = itemControl(item, formId, initialItems[item.key], update);
        const points = h('span', { class: 'item-points' });
        const rule = h('span', { class: 'item-rule muted' });
        const error = h('p', { class: 'field-error', hidden: true });
        itemOut.set(item.key, { points, rule, error });
        const wrap = h(
          'div',
          { class: 'field score-item', 'data-item': item.key, 'data-field': `items.${item.key}` },
          h('div', { class: 'score-item-head' }, h('span', { class: 'score-item-label' }, item.label), points),
          item.criterion ? h('p', { class: 'hint' }, item.criterion) : null,
          control.el,
          rule,
          error,
        );
        controls.set(item.key, { ...control, wrap, error });
        return wrap;
      }),
      out,
    );
  });

  const rating = type === 'city_rate';
  const factFields = (rubric.facts ?? []).map((fact) => {
    const required = rating && !!fact.requiredAtRating;
    // What the city must state itself is not filled in from the district's sheet.
    const control = factControl(fact, formId, required ? undefined : initialFacts[fact.key], required, update, rubric);
    const error = h('p', { class: 'field-error', hidden: true });
    const wrap = h(
      'div',
      { class: 'field', 'data-field': `facts.${fact.key}` },
      h('span', { class: 'score-item-label' }, fact.label, required ? h('span', { class: 'required', 'aria-hidden': 'true' }, '*') : null),
      control.el,
      error,
    );
    facts.set(fact.key, { ...control, wrap, error, required, fact });
    return wrap;
  });

  const override = rating ? overrideFields(update) : null;
  const note = h('textarea', { id: `${formId}-note`, rows: 3 });
  note.value = start?.note ?? '';
  const noteError = h('p', { class: 'field-error', hidden: true });
  const noteWrap = h('div', { class: 'field', 'data-field': step.note[0] }, h('label', { for: note.id }, step.note[1]), note, noteError);
  const button = h('button', { type: 'submit', class: 'button button-primary' }, step.submitLabel);

  const values = () => {
    const items = {};
    for (const [key, c] of controls) {
      const v = c.read();
      if (v !== undefined) items[key] = v;
    }
    const given = {};
    for (const [key, c] of facts) {
      const v = c.read();
      if (v !== undefined) given[key] = v;
    }
    return { items, facts: given };
  };

  let result = null;
  function recompute() {
    const v = values();
    result = scoreSheet(rubric, v);
    for (const [key, out] of itemOut) {
      const r = result.items.get(key);
      out.points.textContent = r && 'points' in r ? `${r.points} 分` : '—';
      out.rule.textContent = r && 'rule' in r ? r.rule : '';
      out.error.hidden = !(r && 'error' in r);
      out.error.textContent = r && 'error' in r ? r.error : '';
    }
    for (const s of result.sections) {
      const out = sectionOut.get(s.key);
      out.textContent =
        s.raw > s.max ? `小计 ${s.raw} 分，超过本部分上限，计 ${s.capped} 分（满分 ${s.max}）` : `小计 ${s.capped} 分（满分 ${s.max}）`;
      out.classList.toggle('is-capped', s.raw > s.max);
    }
    override?.offer(result);
    mount(
      summary,
      h('h3', {}, '即时计分'),
      h(
        'dl',
        { class: 'facts score-totals' },
        result.sections.map((s) => [h('dt', {}, s.name), h('dd', {}, `${s.capped} / ${s.max}`)]),
        h('dt', {}, '基本分'),
        h('dd', {}, `${result.mainTotal} 分`),
        h('dt', {}, '加分'),
        h('dd', {}, `${result.bonusTotal} 分`),
        h('dt', {}, '总分'),
        h('dd', { 'data-testid': 'score-total' }, h('strong', {}, `${result.total} 分`)),
      ),
      h(
        'p',
        { class: 'score-stars', 'data-testid': 'score-stars', 'data-stars': String(result.stars) },
        h('span', { class: 'stars', 'aria-hidden': 'true' }, starMarks(result.stars)),
        ` ${starsName(result.stars)}`,
      ),
      h('p', { class: 'hint' }, result.reason),
      result.blocked.length
        ? h(
            'ul',
            { class: 'score-blocked', 'data-testid': 'score-blocked' },
            result.blocked.map((b) =>
              h('li', {}, `${starsName(b.stars)}（${b.minTotal} 分以上）的先决条件未满足：${b.missing.join('、')}`),
            ),
          )
        : null,
      result.errors.length ? h('p', { class: 'field-error' }, `有 ${result.errors.length} 项填写有误，未计分`) : null,
    );
  }

  const el = h(
    'form',
    { class: 'form score-form', novalidate: true, 'data-form': type },
    h('p', { class: 'hint' }, `${step.intro}评分表：${rubric.name}（${rubric.version} 版）。`),
    alert,
    h(
      'div',
      { class: 'score-layout' },
      h(
        'div',
        { class: 'score-sheet' },
        sections,
        factFields.length
          ? h(
              'fieldset',
              { class: 'group score-facts' },
              h('legend', {}, '星级先决条件'),
              h(
                'p',
                { class: 'hint' },
                rating ? '由市级评定时确认；标 * 的必须填写。' : '选填，供复评、评定参考；评定时由市级确认。',
                ' ',
                starRules(rubric),
              ),
              factFields,
            )
          : null,
        override?.el,
        noteWrap,
        h('div', { class: 'form-actions' }, button),
      ),
      summary,
    ),
  );
  recompute();

  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    const clear = (c) => {
      c.error.hidden = true;
      c.wrap.classList.remove('invalid');
    };
    alert.hidden = true;
    [...controls.values(), ...facts.values()].forEach(clear);
    override?.clear();
    noteError.hidden = true;
    noteWrap.classList.remove('invalid');
    const problems = [];
    const mark = (c, message) => {
      c.error.textContent = message;
      c.error.hidden = false;
      c.wrap.classList.add('invalid');
      problems.push(c);
    };
    recompute();
    for (const e of result.errors) mark(controls.get(e.key), e.message);
    for (const c of facts.values()) if (c.required && c.read() === undefined) mark(c, '评定时须确认此项');
    const chosen = override?.read();
    if (chosen && !chosen.reason) problems.push(override.mark('reason', '认定星级须写明理由'));
    if (problems.length) {
      showAlert(alert, '请更正标出的项目。');
      problems[0].wrap?.scrollIntoView({ block: 'center' });
      return;
    }
    // A rating below three stars closes the station (评定未达星级): it needs a reason and a confirmation.
    if (rating && !chosen && result.stars === 0) {
      const reason = note.value.trim();
      if (!reason) {
        noteError.textContent = '评定为未达星级须填写评定意见';
        noteError.hidden = false;
        noteWrap.classList.add('invalid');
        showAlert(alert, '请更正标出的项目。');
        note.focus();
        return;
      }
      if (!(await confirmClosing({ title: '确认评定为未达星级', station, reason }))) return;
    }
    const v = values();
    const body = { items: v.items, ...(Object.keys(v.facts).length ? { facts: v.facts } : {}) };
    if (note.value.trim()) body[step.note[0]] = note.value.trim();
    if (chosen) body.override = chosen;
    button.disabled = true;
    button.textContent = '提交中…';
    try {
      const recorded = await post(`/api/stations/${station.id}/${step.path}`, body);
      if (done) done(recorded);
      else {
        ctx.toast(`已${actionLabel(type)}：${result.total} 分，${starsName(chosen?.stars ?? result.stars)}`);
        void ctx.refresh();
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const unplaced = [];
      for (const issue of issuesOf(e)) {
        const [part, key] = String(issue.field ?? '').split('.');
        const c = part === 'items' ? controls.get(key) : part === 'facts' ? facts.get(key) : null;
        if (c) mark(c, issue.message);
        else if (part === 'override') override?.mark(key, issue.message);
        else unplaced.push(issue.message);
      }
      showAlert(alert, e.message.split('：')[0], unplaced);
    } finally {
      button.disabled = false;
      button.textContent = step.submitLabel;
    }
  });
  return el;
}

/** The star rules in words: `五星级 90 分以上，且有劳动争议调解室、…`. */
function starRules(rubric) {
  return [...rubric.stars]
    .sort((a, b) => b.stars - a.stars)
    .map(
      (r) =>
        `${starsName(r.stars)} ${r.minTotal} 分以上${r.prerequisites.length ? `，且${r.prerequisites.map((p) => p.label).join('、')}` : ''}`,
    )
    .join('；');
}

/**
 * The city's written override (DOMAIN.md: the notice sets prerequisites only 原则上): offered only
 * when the total reaches a star that a missing prerequisite withholds.
 */
function overrideFields(onInput) {
  const select = h('select', { id: 'override-stars', onchange: onInput });
  const reason = h('textarea', { id: 'override-reason', rows: 2 });
  const errors = { stars: h('p', { class: 'field-error', hidden: true }), reason: h('p', { class: 'field-error', hidden: true }) };
  const wraps = {
    stars: h('div', { class: 'field', 'data-field': 'override.stars' }, h('label', { for: select.id }, '认定星级'), select, errors.stars),
    reason: h(
      'div',
      { class: 'field', 'data-field': 'override.reason' },
      h('label', { for: reason.id }, '书面理由'),
      reason,
      h('p', { class: 'hint' }, '写明先决条件虽未满足仍予认定的理由，将记入评定记录和汇总表。'),
      errors.reason,
    ),
  };
  const el = h(
    'fieldset',
    { class: 'group score-override', 'data-testid': 'score-override', hidden: true },
    h('legend', {}, '依书面说明认定星级（可选）'),
    wraps.stars,
    wraps.reason,
  );
  return {
    el,
    offer(result) {
      const higher = result.blocked.filter((b) => b.stars > result.stars);
      const current = select.value;
      mount(
        select,
        h('option', { value: '' }, `不调整（${starsName(result.stars)}）`),
        higher.map((b) => h('option', { value: String(b.stars), selected: String(b.stars) === current }, starsName(b.stars))),
      );
      el.hidden = higher.length === 0;
      reason.closest('.field').hidden = select.value === '';
    },
    read() {
      if (el.hidden || select.value === '') return null;
      return { stars: Number(select.value), reason: reason.value.trim() };
    },
    mark(key, message) {
      const k = key === 'stars' ? 'stars' : 'reason';
      errors[k].textContent = message;
      errors[k].hidden = false;
      wraps[k].classList.add('invalid');
      return { wrap: wraps[k] };
    },
    clear() {
      for (const k of ['stars', 'reason']) {
        errors[k].hidden = true;
        wraps[k].classList.remove('invalid');
      }
    },
  };
}

function showAlert(alert, message, more = []) {
  mount(
    alert,
    h('strong', {}, message),
    more.length
      ? h(
          'ul',
          {},
          more.map((m) => h('li', {}, m)),
        )
      : null,
  );
  alert.hidden = false;
}

const SHEETS = [
  ['selfScore', '自评'],
  ['districtReview', '复评'],
  ['cityRating', '评定'],
];

/** The scores recorded so far: per section and in total for each scoring, the stars and why. */
export async function starRatingSection(station) {
  const record = station.starRating;
  if (!record) return null;
  const done = SHEETS.filter(([key]) => record[key]);
  const prior = record.priorRatings?.length
    ? h('p', { class: 'muted' }, `往年评定：${record.priorRatings.map((p) => `${p.year}年 ${starsName(p.stars)}`).join('；')}`)
    : null;
  if (done.length === 0) return section('星级评定', h('p', { class: 'muted' }, `评定年度 ${record.ratingYear} · 尚未评分`), prior);
  // Another rubric version than the page knows: the totals are shown without the per-item table.
  const rubric = await rubricFor(station).catch(() => null);
  const sheets = done.map(([key, label]) => ({ key, label, sheet: record[key] }));
  const sectionNames = rubric ? Object.fromEntries(rubric.sections.map((s) => [s.key, s.name])) : {};
  const rows = [
    ...(sheets[0].sheet.score.sections ?? []).map((s) => ({
      label: `${sectionNames[s.key] ?? s.key}（满分 ${s.max}）`,
      cell: (sheet) => String(sheet.score.sections.find((x) => x.key === s.key)?.capped ?? '—'),
    })),
    { label: '总分', cell: (sheet) => h('strong', {}, String(sheet.score.total)) },
    { label: '按分数与先决条件', cell: (sheet) => starsName(sheet.score.stars) },
    { label: '经办', cell: (sheet) => sheet.by },
    { label: '时间', cell: (sheet) => dateTime(sheet.at) },
    { label: '说明', cell: (sheet) => sheet.note ?? '—' },
  ];
  const city = record.cityRating;
  const withheld = city?.score.blockedStars?.length
    ? city.score.blockedStars.map((b) => `${starsName(b.stars)}缺：${b.missing.join('、')}`).join('；')
    : null;
  return section(
    '星级评定',
    h(
      'p',
      { class: 'badges', 'data-testid': 'stars-awarded' },
      record.stars === null || record.stars === undefined
        ? badge('尚未评定', 'muted')
        : badge(starsName(record.stars), record.stars > 0 ? 'ok' : 'muted'),
      ` 评定年度 ${record.ratingYear}`,
    ),
    table([{ label: '项目', cell: (r) => r.label }, ...sheets.map((s) => ({ label: s.label, cell: (r) => r.cell(s.sheet) }))], rows, {
      caption: '三次评分（各部分按上限计）',
    }),
    withheld ? h('p', {}, `先决条件未满足：${withheld}`) : null,
    city?.override
      ? h('p', { 'data-testid': 'star-override' }, `经书面说明认定为${starsName(city.override.stars)}，理由：${city.override.reason}`)
      : null,
    record.exitReview?.flagged ? h('p', { class: 'field-error' }, record.exitReview.reason) : null,
    prior,
    rubric ? itemDetails(rubric, sheets) : null,
  );
}

/** Every item's points in each scoring, folded. */
function itemDetails(rubric, sheets) {
  const items = rubric.sections.flatMap((s) => s.items.map((i) => ({ ...i, section: s.name })));
  return h(
    'details',
    { class: 'score-details' },
    h('summary', {}, '逐项得分'),
    table(
      [
        { label: '部分', cell: (i) => i.section },
        { label: '评分要点', cell: (i) => i.label },
        ...sheets.map((s) => ({ label: s.label, cell: (i) => String(s.sheet.score.items.find((x) => x.key === i.key)?.points ?? 0) })),
      ],
      items,
    ),
  );
}
