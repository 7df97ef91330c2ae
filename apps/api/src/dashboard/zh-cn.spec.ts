import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ASSETS_DIR } from './dashboard.controller';
import { dashboardVocabulary } from './vocabulary';

/**
 * Everything a person reads on the dashboard is zh-CN. This reads the dashboard's own text the
 * way a person meets it — text nodes of index.html, and the string literals of the ES modules that
 * end up on the page — and refuses English words there. Code is not text: module paths, CSS
 * classes, attribute names and values (but titles, labels and placeholders), API paths, keys,
 * comparisons and regular expressions are left alone. The messages the API sends are turned into
 * zh-CN by humanize.js; the browser test checks those and the text of each page as rendered.
 */

/** Words that are zh-CN offices' own usage, file formats and names of things, not untranslated English. */
export const ALLOWED_WORDS = new Set([
  'Excel',
  'CSV',
  'PDF',
  'JPEG',
  'PNG',
  'DOC',
  'DOCX',
  'XLS',
  'XLSX',
  'Word',
  'Bearer',
  'Token',
  'ISO',
  'YYYY',
  'SMTP',
  'Temporal',
  'JavaScript',
  'MB',
  'KB',
  // the admin's workflow panel names Temporal's own things
  'ID',
  'UI',
  'JSON',
  // sign-in: the authenticator apps people install by name, and the terms their screens show
  'TOTP',
  'IP',
  'Microsoft',
  'Authenticator',
  'Google',
  'FreeOTP',
  // group robots: WeCom, DingTalk and Feishu call the robot's address "Webhook 地址" on their own zh-CN screens
  'Webhook',
]);

/** English words in a text, less the allowed ones and placeholders such as `st_xxxxxxxx` or `cq-2025`. */
export function englishWords(text: string): string[] {
  const cleaned = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ') // e-mail addresses
    .replace(/\b[a-z]+[-_][\w-]+\b/g, ' '); // codes and placeholders: cq-2025, st_xxx
  return (cleaned.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED_WORDS.has(w));
}

/** Properties whose string values a person reads (an element's props or a form field's spec). */
const TEXT_PROPS = new Set([
  'label',
  'title',
  'placeholder',
  'aria-label',
  'alt',
  'hint',
  'intro',
  'submitLabel',
  'message',
  'caption',
  'textContent',
  'need',
]);

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

interface Finding {
  file: string;
  line: number;
  text: string;
  words: string[];
}

/** The literal's text with `${…}` parts left out (they are values, not text). */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

/** Is the literal where a person would read it? */
function userFacing(node: ts.Node, text: string): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return false;
  // h(tag, props, ...children): the children are text
  if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression)) {
    const fn = parent.expression.text;
    const index = parent.arguments.indexOf(node as ts.Expression);
    if (fn === 'h') return index >= 2;
    if (['toast', 'showAlert', 'empty', 'section', 'badge', 'fieldProblem', 'printButton', 'downloadButton'].includes(fn))
      return index === 0;
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
    const name = ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name) ? parent.name.text : '';
    if (TEXT_PROPS.has(name)) return true;
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = parent.left.getText();
    if (/\.(textContent|title|placeholder)$/.test(target)) return true;
  }
  // Anything else that is written in Chinese is text, whatever its place (a ternary, a template, a table cell).
  return CJK.test(text);
}

export function untranslatedIn(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const findings: Finding[] = [];
  const visit = (node: ts.Node) => {
    const text = literalText(node);
    if (text !== null) {
      if (userFacing(node, text)) {
        const words = englishWords(text);
        if (words.length) findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text, words });
      }
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

/** Text nodes of an HTML page: tags, attributes, scripts and styles left out, `title`/`alt`/`placeholder` kept. */
export function htmlText(html: string): string[] {
  const body = html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<!--[\s\S]*?-->/g, ' ');
  const attrs = [...body.matchAll(/\s(?:title|alt|placeholder|aria-label)="([^"]*)"/g)].map((m) => m[1]);
  const text = body
    .replace(/<[^>]+>/g, '\n')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...text, ...attrs];
}

describe('the dashboard speaks zh-CN', () => {
  const modules = fs.readdirSync(ASSETS_DIR).filter((f) => f.endsWith('.js'));

  it('finds English a person could read, and only that (the rule itself)', () => {
    const sample = [
      "import { h } from './dom.js';",
      "h('p', { class: 'muted hint', 'data-testid': 'x', title: 'Delete file' }, 'Save draft', `已提交 ${n} 项`);",
      "if (status === 'published') toast('Round created');",
      "const a = { label: '站点名称', hint: '每行一项，如“劳动法律宣传”' };",
      "const b = e.stage === 'self_assessment' ? '自评 pending' : 'closed';",
      "el.textContent = 'Loading…';",
      'const url = `/api/rounds/${id}/exports/summary?format=xlsx`;',
      "h('span', {}, '导出（Excel）', 'lisi@example.org', '如 cq-2025');",
    ].join('\n');
    expect(untranslatedIn('sample.js', sample).map((f) => f.words)).toEqual([
      ['Delete', 'file'],
      ['Save', 'draft'],
      ['Round', 'created'],
      ['pending'],
      ['Loading'],
    ]);
    expect(htmlText('<p title="Sign in">登录 <b>now</b></p><script>const x = "English";</script>')).toEqual(['登录', 'now', 'Sign in']);
  });

  it.each(modules)('%s has no untranslated English in its text', (file) => {
    const findings = untranslatedIn(file, fs.readFileSync(path.join(ASSETS_DIR, file), 'utf8'));
    expect(findings).toEqual([]);
  });

  it('index.html has no untranslated English in its text', () => {
    const text = htmlText(fs.readFileSync(path.join(ASSETS_DIR, 'index.html'), 'utf8'));
    expect(text.filter((t) => englishWords(t).length)).toEqual([]);
  });

  it('the domain names the page shows (stages, actions, outcomes, dates, roles, the six haves) are zh-CN', () => {
    const v = dashboardVocabulary();
    const names = [
      ...Object.values(v.stageLabels),
      ...Object.values(v.actionLabels),
      ...Object.values(v.outcomeLabels),
      ...Object.values(v.levelLabels),
      ...Object.values(v.roleLabels),
      ...Object.values(v.roundDateLabels),
      ...Object.values(v.haveStatusLabels),
      ...Object.values(v.programmeOffices).flatMap((o) => [o.city, o.districtSuffix]),
      ...v.sixHaves.flatMap((have) => [have.label, have.requirement]),
    ];
    expect(names.filter((n) => englishWords(n).length)).toEqual([]);
  });
});
