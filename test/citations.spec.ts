import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Every clause the code and docs cite (`§四（四）`, `§六(三)`) exists in the notice it cites, and a
 * citation that names the step also names the clause that sets that step. The clause headings are
 * transcribed from the notices (shared/seeds/000 and 001), which the repository does not carry.
 */
const NOTICES = {
  // 渝人社〔2023〕474号《关于培育推树“渝你同行”基层劳动关系公共服务站点的通知》
  chongqing: {
    number: '渝人社〔2023〕474号',
    clauses: {
      一: '目标任务',
      二: '培育要求',
      三: '申报条件',
      '三（一）': '由各级协调劳动关系三方或其中一方建立、运营',
      '三（二）': '建在区县、乡镇、街道、社区、工业园区',
      '三（三）': '主要提供劳动法律宣传援助咨询',
      '三（四）': '至2023年10月，为企业和劳动者提供构建和谐劳动关系服务一年以上',
      '三（五）': '近两年内所在区域、行业未发生劳动关系群体性事件、安全生产责任事故',
      四: '培育推树程序',
      '四（一）': '组织申报',
      '四（二）': '择优推荐',
      '四（三）': '培育评估',
      '四（四）': '名单发布',
      '四（五）': '总结推广',
      五: '有关要求',
    } as Record<string, string>,
  },
  // 杭总工办〔2023〕30号《工会和谐劳动关系综合服务站建设三年行动计划(2023-2025年)》
  hangzhou: {
    number: '杭总工办〔2023〕30号',
    clauses: {
      一: '指导思想',
      二: '基本原则',
      三: '主要目标',
      四: '主要功能',
      五: '建设要求',
      六: '评价机制',
      '六（一）': '加强规范管理',
      '六（二）': '实行星级评定',
      '六（三）': '建立退出机制',
      '六（四）': '纳入综合考评',
    } as Record<string, string>,
  },
};
type Notice = (typeof NOTICES)[keyof typeof NOTICES];

/** Steps of the Chongqing notice that a citation may name beside its clause. */
const STEP_HEADINGS = ['组织申报', '择优推荐', '培育评估', '名单发布', '总结推广', '申报条件', '培育要求'];

const ROOT = path.resolve(__dirname, '..');
const SCANNED = ['libs', 'apps', 'activities', 'workflows', 'docs', 'README.md'];
const CITATION = /§([一二三四五六七八九十]+)(?:[(（]([一二三四五六七八九十]+)[)）])?/g;

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return /\.(ts|js|md)$/.test(entry) ? [entry] : [];
  return fs.readdirSync(full).flatMap((name) => (name === 'node_modules' ? [] : files(path.join(entry, name))));
}

/** Source and docs, without this spec (its own examples are no citations). */
function scannedFiles(): string[] {
  const self = path.relative(ROOT, __filename);
  return SCANNED.flatMap(files).filter((f) => f !== self);
}

/** The notice a line cites: the last one named up to that line in its file (the Chongqing notice by default). */
function citations(): { where: string; line: string; notice: Notice; clause: string }[] {
  const found: { where: string; line: string; notice: Notice; clause: string }[] = [];
  for (const file of scannedFiles()) {
    let notice: Notice = NOTICES.chongqing;
    fs.readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const named = Object.values(NOTICES)
          .map((n) => ({ n, at: line.lastIndexOf(n.number) }))
          .filter((x) => x.at >= 0)
          .sort((a, b) => b.at - a.at)[0];
        if (named) notice = named.n;
        for (const m of line.matchAll(CITATION)) {
          found.push({ where: `${file}:${i + 1}`, line, notice, clause: m[2] ? `${m[1]}（${m[2]}）` : m[1] });
        }
      });
  }
  return found;
}

describe('citations of the notices', () => {
  const all = citations();

  it('finds the citations of both notices', () => {
    expect(all.some((c) => c.notice === NOTICES.chongqing)).toBe(true);
    expect(all.some((c) => c.notice === NOTICES.hangzhou)).toBe(true);
  });

  it('cites only clauses the notice has', () => {
    const unknown = all.filter((c) => !(c.clause in c.notice.clauses)).map((c) => `${c.where}: ${c.notice.number} §${c.clause}`);
    expect(unknown).toEqual([]);
  });

  it('cites the clause that sets the step it names', () => {
    const wrong = all
      .filter((c) => c.notice === NOTICES.chongqing && c.clause in c.notice.clauses)
      .flatMap((c) => {
        const named = STEP_HEADINGS.filter((h) => c.line.includes(h));
        const cites = c.notice.clauses[c.clause];
        const clausesInLine = [...c.line.matchAll(CITATION)].length;
        return clausesInLine === 1 && named.length === 1 && named[0] !== cites
          ? [`${c.where}: ${named[0]} cited as §${c.clause} (${cites})`]
          : [];
      });
    expect(wrong).toEqual([]);
  });
});
