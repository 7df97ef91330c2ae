/**
 * The star-rating score of a sheet as the office types it, read from the rubric's DATA
 * (GET /api/programmes/star-rating → evaluation.rubricDefinition): points per item, section caps,
 * the total with the bonus, the star and the prerequisites that withhold one.
 *
 * It follows libs/domain/src/star-rating/scoring.ts (integer tenths, the same kinds and rules) so
 * that the form shows what the API will record; the API scores again on submission and its
 * answer is what is kept. The browser test compares the two on the test sheets.
 */

const LEVEL_NAMES = { national: '国家级', provincial: '省级', city: '市级' };
export const LEVELS = Object.keys(LEVEL_NAMES);
export const levelName = (level) => LEVEL_NAMES[level] ?? level;

const STAR_NAMES = { 0: '未达星级', 3: '三星级', 4: '四星级', 5: '五星级' };
/** `五星级`, `未达星级`. */
export const starsName = (stars) => STAR_NAMES[stars] ?? `${stars}星级`;

const tenths = (points) => Math.round(points * 10);
const points = (t) => t / 10;
const fmt = (t) => String(points(t));
const isCount = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isMissing = (v) => v === undefined || v === null;

/** A reason a number of points is not in [0, max] to 0.1, or undefined. */
function pointsProblem(value, max) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '请填写分数';
  if (value < 0) return '不能为负数';
  if (value > max) return `不能超过 ${max} 分`;
  if (Math.abs(value * 10 - Math.round(value * 10)) > 1e-6) return '最多保留一位小数';
  return undefined;
}

function countProblem(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '请填写数量';
  if (value < 0) return '不能为负数';
  if (!Number.isInteger(value)) return '应为整数';
  return undefined;
}

/** The highest points an item can give. */
export function itemMaximum(item) {
  switch (item.kind) {
    case 'fixed':
      return item.points;
    case 'per-unit':
    case 'levels':
      return item.cap;
    case 'bands':
      return Math.max(0, ...item.bands.map((b) => b.points));
    case 'discretionary':
      return item.max;
    case 'deficit':
      return item.full;
    default:
      return 0;
  }
}

/** `{ tenths, rule }` for one item's input (see scoring.ts for the inputs), or `{ error }`. */
export function evaluateItem(item, input) {
  const missing = isMissing(input);
  switch (item.kind) {
    case 'fixed': {
      if (missing || input === false) return { tenths: 0, rule: `未达到：0 分（满分 ${item.points}）` };
      if (input === true) return { tenths: tenths(item.points), rule: `达到：${item.points} 分` };
      if (!item.partial) return { error: '请选择是否达到' };
      const problem = pointsProblem(input, item.points);
      if (problem) return { error: problem };
      return { tenths: tenths(input), rule: `酌情计分：${input} 分（满分 ${item.points}）` };
    }
    case 'per-unit': {
      const n = missing ? 0 : input;
      const problem = countProblem(n);
      if (problem) return { error: problem };
      const raw = n * tenths(item.perUnit);
      const cap = tenths(item.cap);
      const base = `${n}${item.unit ?? ''} × ${item.perUnit} = ${fmt(raw)} 分`;
      return raw > cap ? { tenths: cap, rule: `${base}，以 ${item.cap} 分为上限` } : { tenths: raw, rule: base };
    }
    case 'bands': {
      const n = missing ? 0 : input;
      const problem = countProblem(n);
      if (problem) return { error: problem };
      const band = item.bands.find((b) => n >= b.min && (b.max === undefined || n <= b.max));
      if (!band) return { tenths: 0, rule: `${n}：0 分` };
      const range = band.max === undefined ? `${band.min} 及以上` : band.max === band.min ? `${band.min}` : `${band.min}–${band.max}`;
      return { tenths: tenths(band.points), rule: `${n}（${range}档）：${band.points} 分` };
    }
    case 'deficit': {
      const n = missing ? 0 : input;
      const problem = countProblem(n);
      if (problem) return { error: problem };
      const short = Math.max(0, item.target - n);
      const t = Math.max(0, tenths(item.full) - short * tenths(item.perMissing));
      const rule =
        short === 0
          ? `${n}，不少于 ${item.target}：${item.full} 分`
          : `${n}，比 ${item.target} 少 ${short}：${item.full} − ${short} × ${item.perMissing} = ${fmt(t)} 分${t === 0 ? '（最低 0 分）' : ''}`;
      return { tenths: t, rule };
    }
    case 'levels': {
      if (missing || (Array.isArray(input) && input.length === 0)) return { tenths: 0, rule: '无：0 分' };
      if (!Array.isArray(input) || !input.every((e) => LEVELS.includes(typeof e === 'string' ? e : e?.level)))
        return { error: '请填写各级别的项数' };
      const raw = input.reduce((sum, e) => sum + tenths(item.levels[typeof e === 'string' ? e : e.level]), 0);
      const counts = LEVELS.map((l) => [l, input.filter((e) => (typeof e === 'string' ? e : e.level) === l).length]).filter(([, n]) => n);
      const terms = counts.map(([l, n]) => `${LEVEL_NAMES[l]} ${n} × ${item.levels[l]}`).join(' + ');
      const cap = tenths(item.cap);
      const base = `${terms} = ${fmt(raw)} 分`;
      return raw > cap ? { tenths: cap, rule: `${base}，以 ${item.cap} 分为上限` } : { tenths: raw, rule: base };
    }
    case 'discretionary': {
      if (missing) return { tenths: 0, rule: `未评：0 分（满分 ${item.max}）` };
      const value = typeof input === 'object' ? input.points : input;
      const problem = pointsProblem(value, item.max);
      if (problem) return { error: problem };
      return { tenths: tenths(value), rule: `酌情计分：${value} 分（满分 ${item.max}）` };
    }
    default:
      return { error: '评分表中有本页不认识的评分方式' };
  }
}

/**
 * The facts with each count fact left out filled from its rubric default (`defaultFromItem`), as
 * the API fills them at every score step.
 */
export function withFactDefaults(rubric, values) {
  const facts = { ...(values.facts ?? {}) };
  for (const fact of rubric.facts ?? []) {
    if (fact.defaultFromItem === undefined || !isMissing(facts[fact.key])) continue;
    const count = values.items?.[fact.defaultFromItem] ?? 0;
    if (isCount(count)) facts[fact.key] = count;
  }
  return facts;
}

/** Undefined when the prerequisite is met, otherwise what falls short (zh-CN). */
function shortfall(p, items, itemTenths, facts) {
  if (p.min !== undefined) {
    const raw = p.source.item !== undefined ? items[p.source.item] : facts[p.source.fact];
    const have = typeof raw === 'number' ? raw : 0;
    return have >= p.min ? undefined : `${p.label}（现为 ${have}）`;
  }
  const present =
    p.source.item !== undefined ? (itemTenths.get(p.source.item) ?? 0) > 0 : facts[p.source.fact] === true || facts[p.source.fact] > 0;
  return present ? undefined : p.label;
}

/**
 * The whole sheet: `{ sections: [{ key, raw, capped, max, bonus }], items: Map(key → { points, rule }
 * | { error }), mainTotal, bonusTotal, total, stars, blocked: [{ stars, minTotal, missing }],
 * reason, errors }`. Items with an error count 0 and are listed in `errors`.
 */
export function scoreSheet(rubric, values) {
  const items = values.items ?? {};
  const facts = withFactDefaults(rubric, values);
  const itemResults = new Map();
  const itemTenths = new Map();
  const sections = [];
  const errors = [];
  let main = 0;
  let bonus = 0;
  for (const section of rubric.sections) {
    let raw = 0;
    for (const item of section.items) {
      const r = evaluateItem(item, items[item.key]);
      if ('error' in r) {
        errors.push({ key: item.key, message: r.error });
        itemResults.set(item.key, r);
        continue;
      }
      raw += r.tenths;
      itemTenths.set(item.key, r.tenths);
      itemResults.set(item.key, { points: points(r.tenths), rule: r.rule });
    }
    const capped = Math.min(raw, tenths(section.max));
    if (section.bonus) bonus += capped;
    else main += capped;
    sections.push({
      key: section.key,
      name: section.name,
      raw: points(raw),
      capped: points(capped),
      max: section.max,
      bonus: !!section.bonus,
    });
  }
  const total = main + bonus;
  const rules = [...rubric.stars].sort((a, b) => b.stars - a.stars);
  const blocked = [];
  let awarded;
  for (const rule of rules) {
    if (total < tenths(rule.minTotal)) continue;
    const missing = rule.prerequisites.map((p) => shortfall(p, items, itemTenths, facts)).filter(Boolean);
    if (missing.length === 0) {
      awarded = rule;
      break;
    }
    blocked.push({ stars: rule.stars, minTotal: rule.minTotal, missing });
  }
  const stars = awarded?.stars ?? 0;
  const lowest = rules.at(-1);
  const withheld = blocked.map((b) => `${starsName(b.stars)}（${b.minTotal} 分）缺：${b.missing.join('、')}`).join('；');
  let reason;
  if (awarded && blocked.length === 0) reason = `总分 ${fmt(total)}，达到${starsName(stars)}（${awarded.minTotal} 分）且先决条件齐备`;
  else if (awarded) reason = `总分 ${fmt(total)} 达到更高星级的分数，但${withheld}；评为${starsName(stars)}`;
  else if (blocked.length) reason = `总分 ${fmt(total)} 达到星级分数，但${withheld}；未达星级`;
  else if (lowest) reason = `总分 ${fmt(total)}，低于${starsName(lowest.stars)}的 ${lowest.minTotal} 分；未达星级`;
  else reason = '评分表未规定星级';
  return {
    sections,
    items: itemResults,
    mainTotal: points(main),
    bonusTotal: points(bonus),
    total: points(total),
    stars,
    blocked,
    reason,
    errors,
    facts,
  };
}
