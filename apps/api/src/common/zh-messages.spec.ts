import * as fs from 'node:fs';
import * as path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { STATUS_OF_CODE } from './error-codes';
import { CONSTRAINT_MESSAGES_ZH, HAN, zhConstraintMessage } from './validation';

/**
 * Every message the API can send a person is zh-CN (shared rule; issue #14). Messages are collected
 * three ways:
 *
 * 1. From the sources of the API, the domain, the workflows and the mail templates: the message of
 *    every `new ApiError(code, …)`, `new DomainError(code, …)`, `validationFailed(…)`,
 *    `withCode(code, …)`, `ApplicationFailure.*(…)`, `throw new SyntaxError(…)` (request bodies),
 *    every line a refusal lists (`problems.push(…)`, `issues.push({ … message })`) and every
 *    validator `message:` — whatever is written as a literal or template.
 * 2. From class-validator's metadata of every DTO: each constraint's message as the pipe renders it
 *    (its own message, or class-validator's English default through `zhConstraintMessage`).
 * 3. From the error-code table: each code has at least one zh-CN message where it is raised.
 *
 * The rule for "English a person could see", after taking out what is not prose — interpolations
 * (`${…}`), error codes (`STATION.WRONG_STAGE`), a leading field path (`contact.phone: `), quoted or
 * bracketed identifiers and values (`（reason）`, `additional: true`), formats and file types (JSON,
 * UTF-8, PDF, YYYY-MM-DD, multipart/form-data): the message has Han characters, and no two English
 * words in a row (a phrase such as "must be" or "is before"). A single field name inside a Chinese
 * sentence is allowed; an English sentence is not.
 */

const ROOT = path.resolve(__dirname, '../../../..');
const SOURCES = ['apps/api/src', 'libs/domain/src', 'workflows', 'libs/mail/src'];
/**
 * Not prose for people: specs and test helpers, the dashboard's assets (a page of their own), seed
 * data, and rubric-problems.ts (a rubric definition's checks, for whoever writes the rubric's data:
 * no route takes a rubric). Operators' boot errors (ConfigError, libs/config) are not scanned.
 */
const SKIP = /(\.spec\.ts|\/testing\/|\/assets\/|\/seeds\/|rubric-problems\.ts)/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return e.name.endsWith('.ts') && !SKIP.test(p) ? [p] : [];
  });
}

/** A string or template literal starting at `s[i]` (quote included), or null. */
function literalAt(s: string, i: number): string | null {
  const q = s[i];
  if (q !== "'" && q !== '"' && q !== '`') return null;
  let out = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') {
      out += s[j + 1] ?? '';
      j++;
      continue;
    }
    if (q === '`' && c === '$' && s[j + 1] === '{') {
      // skip the interpolation (which may hold strings and templates of its own)
      let k = j + 2;
      let braces = 1;
      while (k < s.length && braces > 0) {
        if (s[k] === '{') braces++;
        else if (s[k] === '}') braces--;
        else if (s[k] === '`' || s[k] === "'" || s[k] === '"') {
          const inner = literalAt(s, k);
          if (inner !== null) k = skipLiteral(s, k);
        }
        k++;
      }
      out += '${…}';
      j = k - 1;
      continue;
    }
    if (c === q) return out;
    out += c;
  }
  return null;
}
function skipLiteral(s: string, i: number): number {
  const q = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (q === '`' && s[j] === '$' && s[j + 1] === '{') {
      let braces = 1;
      j += 2;
      while (j < s.length && braces > 0) {
        if (s[j] === '{') braces++;
        else if (s[j] === '}') braces--;
        j++;
      }
      j--;
    } else if (s[j] === q) return j;
  }
  return s.length;
}

interface Found {
  where: string;
  code: string | null;
  message: string;
}

/** Where a message stands, as a regex whose match ends right before the literal; group 1: the code where there is one. */
const SITES: RegExp[] = [
  /new (?:ApiError|DomainError)\(\s*'([A-Z_.]+)',\s*/g,
  /\bwithCode\(\s*'([A-Z_.]+)',\s*/g,
  /\bvalidationFailed\(()\s*/g,
  /ApplicationFailure\.(?:nonRetryable|retryable|create)\(()\s*/g,
  /throw new SyntaxError\(()\s*/g,
  /\bproblems\.push\(()\s*/g,
  /\bforeign\.push\(\{ key, zh: ()/g,
  /\bproblems\.push\(\{ key(?:, zh)?: ?()/g,
  /\bzh: ()/g,
  /\brefusal\([^,()]+, '([A-Z_.]+)',\s*/g,
  /\bmessage: ()/g,
  /\{ error: ()/g,
  /\badd\([\w.`${}[\]]+, ()/g,
  /\bissues\.push\(\{[^}]*?message: ()/g,
  /\{ message: ()/g,
  /defaultMessage: \([^)]*\) => ()/g,
];

function collectFromSources(): Found[] {
  const found: Found[] = [];
  for (const dir of SOURCES) {
    for (const file of files(path.join(ROOT, dir))) {
      const src = fs.readFileSync(file, 'utf8');
      for (const site of SITES) {
        for (const m of src.matchAll(site)) {
          const at = m.index! + m[0].length;
          const message = literalAt(src, at);
          if (message === null) continue; // a variable: its literal is collected where it is written
          const line = src.slice(0, at).split('\n').length;
          found.push({ where: `${path.relative(ROOT, file)}:${line}`, code: m[1] || null, message });
        }
      }
    }
  }
  return found;
}

/** Tokens that are not prose, taken out before the rule looks for English. */
const NOT_PROSE: RegExp[] = [
  /\$\{…\}/g,
  /\b[A-Z][A-Z_]+(\.[A-Z_]+)+\b/g, // error codes
  /^[\w.[\]()"-]+\s*[:：]\s*/, // a leading field path
  /[（(][^（）()]*[)）]/g, // a bracketed aside: allowed values, the exact field, a format
  /“[^”]*”|「[^」]*」|"[^"]*"|'[^']*'|`[^`]*`/g, // quoted names and values
  /\b[\w.]+: (true|false|\d+)\b/g, // a field set to a value
  /\b(PDF|JPEG|PNG|DOC|DOCX|XLS|XLSX|Word|Excel|JSON|UTF-8|UUID|ISO 8601|YYYY-MM-DD|multipart\/form-data|gzip|deflate|br|MB|SMTP|HTTP|API|PUT|GET|POST|id|csv|xlsx|docx|ics)\b/g,
  /\/api\/[\w/{}.:-]*/g,
];

/** The English left in a message once what is not prose is out: '' when it is clean. */
export function englishIn(message: string): string {
  let rest = message;
  for (const token of NOT_PROSE) rest = rest.replace(token, ' ');
  if (!HAN.test(message)) return message;
  const phrase = /\b[A-Za-z]{2,}(?:\s+[A-Za-z]{2,})+\b/.exec(rest);
  return phrase ? phrase[0] : '';
}

describe('every message the API sends a person is zh-CN', () => {
  const found = collectFromSources();

  it('finds the messages it checks (the scan works)', () => {
    expect(found.length).toBeGreaterThan(150);
    expect(found.some((f) => f.code === 'STATION.WRONG_STAGE')).toBe(true);
    expect(found.some((f) => f.where.startsWith('libs/domain/src/rounds/round-calendar.ts'))).toBe(true);
  });

  it('has no English in the messages of errors, refusals and validators written in the sources', () => {
    const english = found.filter((f) => englishIn(f.message)).map((f) => `${f.where}: ${f.message}  ← ${englishIn(f.message)}`);
    expect(english).toEqual([]);
  });

  it('renders every DTO constraint in zh-CN, class-validator defaults included', () => {
    for (const file of files(path.join(ROOT, 'apps/api/src')).filter((f) => /\.dto\.ts$|tokens\.controller\.ts$/.test(f))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading every DTO registers its validation metadata
      require(file);
    }
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, ValidationMetadata[]> };
    const metadatas = [...storage.validationMetadatas.values()].flat();
    expect(metadatas.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const m of metadatas) {
      if (m.type !== 'customValidation') continue;
      const constraint = getMetadataStorage().getTargetValidatorConstraints(m.constraintCls)[0];
      const name = constraint?.name ?? m.name ?? 'unknown';
      const instance = constraint?.instance as { defaultMessage?: (args: unknown) => string } | undefined;
      const own = typeof m.message === 'string' ? m.message : undefined;
      const english =
        own ??
        instance?.defaultMessage?.({
          property: m.propertyName,
          constraints: m.constraints ?? [],
          value: 'x',
          targetName: '',
          object: {},
        }) ??
        '';
      const rendered = zhConstraintMessage(name, english);
      if (englishIn(rendered)) problems.push(`${String((m.target as { name?: string }).name)}.${m.propertyName} ${name}: ${rendered}`);
    }
    expect(problems).toEqual([]);
  });

  it('raises every code of the error-code table with a zh-CN message somewhere', () => {
    // raised by the framework's refusals or the workflow gateway, with the zh-CN of their status
    // (STATION.CLOSED is reserved in the table and never raised: a closed station answers STATION.WRONG_STAGE)
    const byStatus = new Set(['CONFLICT', 'INTERNAL', 'WORKFLOW.REJECTED', 'WORKFLOW.TASK_FAILED', 'UNAVAILABLE', 'STATION.CLOSED']);
    const raised = new Set(found.filter((f) => f.code && HAN.test(f.message)).map((f) => f.code));
    const unraised = Object.keys(STATUS_OF_CODE).filter((code) => !raised.has(code) && !byStatus.has(code));
    expect(unraised).toEqual([]);
    expect(Object.values(CONSTRAINT_MESSAGES_ZH).every((m) => HAN.test(m))).toBe(true);
  });

  it('tells English apart (the rule itself)', () => {
    expect(englishIn('phone must be a telephone number')).toBeTruthy();
    expect(englishIn('level: "city" or "district" is required when filed')).toBeTruthy();
    expect(englishIn('截止日期无效：cityRating (2024-10-01T00:00:00.000Z) is before districtReview')).toBeTruthy();
    expect(englishIn('调整截止日期须说明理由（reason）')).toBe('');
    expect(englishIn('contact.phone: 应为电话号码')).toBe('');
    expect(englishIn('请以 multipart/form-data 上传文件，字段名为 file')).toBe('');
    expect(englishIn('STATION.WRONG_STAGE')).toBeTruthy(); // a code alone is no message
  });
});
