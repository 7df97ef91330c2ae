import vocab from './vocabulary.js';
import { dateTime } from './format.js';

/**
 * Messages from the API as a person should read them (zh-CN): raw keys the API or the workflows
 * still put into a message — instants in UTC, round dates and stages by their key, round statuses,
 * reminder checkpoints, English validator phrases — are said in the offices' words, dates in
 * Beijing time. The API's message is kept where nothing matches.
 */
const ROUND_STATUS = { open: '进行中', published: '名单已发布', closed: '已结束' };
const UNITS = { D: '天', H: '小时', M: '分钟', S: '秒' };

/** `P7D` → `7天`, `PT1M` → `1分钟`. */
export function durationZh(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso ?? '');
  if (!m) return iso;
  return ['D', 'H', 'M', 'S'].map((u, i) => (m[i + 1] ? `${Number(m[i + 1])}${UNITS[u]}` : '')).join('') || iso;
}

/** `after:PT1M` → `截止后1分钟`, `before:P7D` → `截止前7天`, `on-the-day` → `截止当天`. */
export function checkpointZh(checkpoint) {
  if (checkpoint === 'on-the-day') return '截止当天';
  if (checkpoint === 'return') return '退回时即时通知';
  const m = /^(before|after):(P[\dDTHMS]+)$/.exec(checkpoint ?? '');
  return m ? `截止${m[1] === 'before' ? '前' : '后'}${durationZh(m[2])}` : checkpoint;
}

const label = (key) => vocab.roundDateLabels[key] ?? vocab.stageLabels[key] ?? key;
const KEY = `(?:deadlines\\.)?(${[...new Set([...Object.keys(vocab.roundDateLabels), ...vocab.stages])].join('|')})`;

/** English validator and domain phrases → zh-CN, first match wins. `$1`… are the groups. */
const PHRASES = [
  [/(?:level:\s*)?"city" or "district" is required when filed/, '予以备案时须选择培育层级（市级或区县级）'],
  [/(?:[\w.]+ )?must be a telephone number/, '请填写有效的电话号码'],
  [/(?:[\w.]+ )?must be an email/, '请填写有效的电子邮箱地址'],
  [/(?:[\w.]+ )?must be a 6-digit district code/, '应为 6 位区县代码'],
  [new RegExp(`^${KEY} \\(([^)]+)\\) is before ${KEY} \\(([^)]+)\\)$`), (m) => `${label(m[1])}（${m[2]}）早于${label(m[3])}（${m[4]}）`],
  [new RegExp(`^${KEY}: required$`), (m) => `${label(m[1])}：必填`],
  [new RegExp(`^${KEY}: not an instant$`), (m) => `${label(m[1])}：不是有效时间`],
  [/^(\w+): not a date of the ([\w-]+) programme$/, (m) => `${label(m[1])}：不是本培育标准的日期`],
  [/^(\w+): the same step as (\w+); give one of them$/, (m) => `${label(m[1])}与${label(m[2])}是同一环节，只填其一`],
  [/(?:[\w.]+ )?should not be empty/, '不能为空'],
  [/(?:[\w.]+ )?must be longer than or equal to (\d+) characters/, (m) => `至少 ${m[1]} 个字`],
  [/(?:[\w.]+ )?must be shorter than or equal to (\d+) characters/, (m) => `不能超过 ${m[1]} 个字`],
  [/(?:[\w.]+ )?must not be greater than ([\d.]+)/, (m) => `不能大于 ${m[1]}`],
  [/(?:[\w.]+ )?must not be less than ([\d.]+)/, (m) => `不能小于 ${m[1]}`],
  [/(?:[\w.]+ )?must be an integer number/, '应为整数'],
  [/(?:[\w.]+ )?must be a number/, '应为数字'],
  [/(?:[\w.]+ )?must be a boolean value/, '请选择是或否'],
  [/(?:[\w.]+ )?must be a string/, '应为文字'],
  [/(?:[\w.]+ )?must be an array/, '应为列表'],
  [/(?:[\w.]+ )?must be a valid ISO 8601 date string/, '应为有效日期'],
  [/^property (\S+) should not exist$/, (m) => `不支持的字段：${m[1]}`],
  [/(?:[\w.]+ )?must be one of the following values/, '取值无效'],
  [/expects true or false/, '请选择达到或未达到'],
  [/expects a count/, '应为非负整数'],
  [/must not be negative/, '不能为负数'],
  [/must be a whole number/, '应为整数'],
  [/must not exceed ([\d.]+)/, (m) => `不能超过 ${m[1]}`],
  [/must be a multiple of 0\.1/, '最多保留一位小数'],
  [/^unknown item/, '评分表中没有此项'],
  [/^unknown fact/, '评分表中没有此条件'],
  [/not used in ([\w-]+) rounds/, '本批次的培育标准不使用此项'],
  [/required in star-rating rounds/, '星级评定批次必填'],
];

/** Phrases that begin with the date they are about. */
const KEYED = PHRASES.slice(4, 9).map(([re]) => re);

/** One message (or a `field message` detail line) in zh-CN. */
export function humanize(text) {
  if (typeof text !== 'string' || !text) return text;
  let out = text;
  for (const [re, to] of PHRASES) {
    const every = new RegExp(re.source, `${re.flags.replace('g', '')}g`);
    out = out.replace(every, (...m) => (typeof to === 'function' ? to(m) : to));
  }
  return out
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})/g, (iso) => `${dateTime(iso)}（北京时间）`)
    .replace(/「(\w+)」/g, (all, key) => `「${ROUND_STATUS[key] ?? vocab.stageLabels[key] ?? vocab.actionLabels[key] ?? key}」`)
    .replace(/\b(?:before|after):P[\dDTHMS]+\b|\bon-the-day\b/g, checkpointZh);
}

/** The API's `details` with each message humanized (strings, or objects with a message). */
export function humanizeDetails(details) {
  if (!Array.isArray(details)) return details;
  return details.map((d) => {
    if (typeof d === 'string') {
      // `field message` lines keep their field so that forms can place them
      const m = /^([A-Za-z_][\w.]*)(:\s*|：|\s+)([\s\S]+)$/.exec(d);
      if (!m || /^(before|after)$/.test(m[1])) return humanize(d);
      // a phrase that names its date itself (`publication (…) is before …`) is read whole
      const whole = KEYED.some((re) => re.test(d));
      return `${m[1]}: ${humanize(whole ? d : m[3])}`;
    }
    return d && typeof d === 'object' && typeof d.message === 'string' ? { ...d, message: humanize(d.message) } : d;
  });
}
