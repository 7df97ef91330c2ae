import { ArgumentMetadata, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidateBy, ValidationError, ValidationOptions } from 'class-validator';
import { isDateOnly, textProblem } from '@app/domain';
import { ApiError } from './error-codes';

/**
 * How request bodies and queries are checked against their DTOs. The global ValidationPipe uses
 * these options, and so does `validateDto` for input that does not arrive as a body (the rows of
 * a bulk import), so that both accept and refuse the same things.
 */
export const DTO_VALIDATION: Pick<ValidationPipeOptions, 'whitelist' | 'forbidNonWhitelisted' | 'transform'> = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
};

/** One failed constraint: `path` is dotted into the input (`contact.phone`, `cases.0.title`). */
export interface DtoIssue {
  path: string;
  constraint: string;
  message: string;
}

/** Validates a plain object against a DTO class as the ValidationPipe would; no issues means valid. */
export async function validateDto<T extends object>(cls: new () => T, plain: unknown): Promise<{ value: T; issues: DtoIssue[] }> {
  const raw = inputIssues(plain);
  if (raw.length > 0) return { value: plain as T, issues: raw };
  const value = plainToInstance(cls, plain);
  const errors = await validate(value, { whitelist: DTO_VALIDATION.whitelist, forbidNonWhitelisted: DTO_VALIDATION.forbidNonWhitelisted });
  return { value, issues: errors.flatMap((e) => issuesOf(e)) };
}

/**
 * The global pipe: before a body or query reaches its DTO, every key and string in it is checked
 * (inputIssues), so that free-form objects (the six haves, rubric items, a reminder policy) obey
 * the same rules as the DTOs' own fields. Its refusals read like the DTOs'.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      ...DTO_VALIDATION,
      exceptionFactory: (errors) => refusal(describeValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const issues = inputIssues(value);
      if (issues.length > 0) throw refusal(issues.map(({ path, message }) => `${path}: ${message}`));
    }
    return super.transform(value, metadata);
  }
}

function refusal(details: string[]): ApiError {
  return new ApiError('VALIDATION_FAILED', `请求数据有误：${details.join('；')}`, details);
}

/**
 * Keys that name an object's machinery rather than data: class-transformer skips `constructor`
 * silently (so it passed `forbidNonWhitelisted`) and throws on it inside a free-form map (a 500),
 * and any of them is a prototype-pollution attempt.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any body of this API; a deeper one would only exhaust the stack of what reads it. */
const MAX_DEPTH = 16;

/**
 * What no input may hold anywhere, whatever its DTO: a reserved key, a key or string with a
 * control character other than tab and line breaks or with a lone surrogate (textProblem;
 * single-line fields are stricter, see SingleLine), nesting deeper than MAX_DEPTH.
 */
export function inputIssues(input: unknown): DtoIssue[] {
  const issues: DtoIssue[] = [];
  // breadth first, without recursion: no input can exhaust the stack here
  const queue: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  // a key is named escaped and cut short: the refusal must not echo what it refuses
  const at = (path: string, key: string) => (path ? `${path}.` : '') + JSON.stringify(key.slice(0, 60)).slice(1, -1);
  for (let i = 0; i < queue.length && issues.length < 20; i++) {
    const { value, path, depth } = queue[i];
    if (typeof value === 'string') {
      const problem = textProblem(value, 'multi-line');
      if (problem) issues.push({ path: path || '(body)', constraint: 'text', message: problem });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) {
      issues.push({ path: path || '(body)', constraint: 'depth', message: `嵌套过深（最多 ${MAX_DEPTH} 层）` });
      continue;
    }
    for (const key of Object.keys(value)) {
      const keyProblem = RESERVED_KEYS.has(key) ? '不允许的字段名' : textProblem(key, 'single-line');
      if (keyProblem) {
        issues.push({ path: at(path, key), constraint: 'key', message: keyProblem });
        continue;
      }
      queue.push({ value: (value as Record<string, unknown>)[key], path: at(path, key), depth: depth + 1 });
    }
  }
  return issues;
}

/**
 * Single-line text a person enters (names, units, contacts, titles, labels): a string without
 * line breaks or other control characters and without lone surrogates (domain textProblem). Every
 * other string already gets the multi-line rule from the pipe (inputIssues).
 */
export function SingleLine(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'singleLine',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || textProblem(value, 'single-line') === null,
        defaultMessage: (args) => textProblem(String(args?.value), 'single-line') ?? '应为单行文本',
      },
    },
    options,
  );
}

/** A real calendar date `YYYY-MM-DD` (so `2024-02-30` is refused), by the domain's isDateOnly. */
export function DateOnly(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'dateOnly',
      validator: {
        validate: (value: unknown) => isDateOnly(value),
        defaultMessage: (args) => `“${String(args?.value)}”不是有效日期（应为 YYYY-MM-DD）`,
      },
    },
    options,
  );
}

function issuesOf(e: ValidationError, prefix = ''): DtoIssue[] {
  const path = prefix ? `${prefix}.${e.property}` : e.property;
  const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => ({ path, constraint, message }));
  return [...own, ...(e.children ?? []).flatMap((c) => issuesOf(c, path))];
}

/** zh-CN for class-validator's constraints, in priority order (a wrong type before a range). */
export const CONSTRAINT_MESSAGES_ZH: Readonly<Record<string, string>> = {
  whitelistValidation: '不是允许的字段',
  isObject: '应为对象',
  nestedValidation: '应为对象',
  isString: '应为文本',
  isInt: '应为整数',
  isNumber: '应为数字',
  isBoolean: '应为 true 或 false',
  isArray: '应为数组',
  isUUID: '不是有效的编号',
  isEmail: '不是有效的电子邮箱',
  isNotEmpty: '不能为空',
  key: '不是允许的字段',
  depth: '嵌套过深',
  text: '含有控制字符或无效字符',
  singleLine: '不能换行或含有控制字符',
  dateOnly: '格式不正确',
  roundDate: '不是有效日期',
  matches: '格式不正确',
  isIn: '取值无效',
  isLength: '长度超出限制',
  maxLength: '内容过长',
  minLength: '内容过短',
  min: '数值过小',
  max: '数值过大',
  arrayMinSize: '项数过少',
  arrayMaxSize: '项数过多',
};

/** Han characters: a message with some is the project's own zh-CN wording. */
export const HAN = /[\u3400-\u9fff]/;

/**
 * class-validator's default (English) messages that carry the rule's parameters, in zh-CN: lengths,
 * bounds, sizes, allowed values. A person reads the field path and these words only.
 */
const DEFAULT_MESSAGES_ZH: readonly [string, RegExp, (m: RegExpExecArray) => string][] = [
  ['isLength', /longer than or equal to (\d+) and shorter than or equal to (\d+) characters/, (m) => `长度应为 ${m[1]}–${m[2]} 个字符`],
  ['isLength', /longer than or equal to (\d+) characters/, (m) => `至少 ${m[1]} 个字符`],
  ['isLength', /shorter than or equal to (\d+) characters/, (m) => `最多 ${m[1]} 个字符`],
  ['maxLength', /shorter than or equal to (\d+) characters/, (m) => `最多 ${m[1]} 个字符`],
  ['minLength', /longer than or equal to (\d+) characters/, (m) => `至少 ${m[1]} 个字符`],
  ['min', /must not be less than (-?[\d.]+)/, (m) => `不能小于 ${m[1]}`],
  ['max', /must not be greater than (-?[\d.]+)/, (m) => `不能大于 ${m[1]}`],
  ['isIn', /must be one of the following values: (.*)$/, (m) => `取值应为以下之一：${m[1].split(/,\s*/).join('、')}`],
  ['arrayMinSize', /at least (\d+) elements/, (m) => `至少 ${m[1]} 项`],
  ['arrayMaxSize', /no more than (\d+) elements/, (m) => `最多 ${m[1]} 项`],
];

/** A constraint's message in zh-CN: the project's own wording as it is, class-validator's translated. */
export function zhConstraintMessage(constraint: string, message: string): string {
  if (HAN.test(message)) return message;
  for (const [name, pattern, zh] of DEFAULT_MESSAGES_ZH) {
    const m = name === constraint ? pattern.exec(message) : null;
    if (m) return zh(m);
  }
  return CONSTRAINT_MESSAGES_ZH[constraint] ?? '不符合要求';
}

/**
 * The pipe's messages as `path: 中文`: offices read the field's path (as the form names it) and what
 * is wrong with it, with the rule's parameters (lengths, bounds, allowed values) in Chinese.
 */
export function describeValidationErrors(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => issuesOf(e)).map(({ path, constraint, message }) => `${path}: ${zhConstraintMessage(constraint, message)}`);
}

/**
 * JSON.parse reviver for request bodies. Every body of this API is a JSON object: an array is
 * refused (the ValidationPipe would validate it as an object without properties, so that an array
 * passed for a DTO whose fields are all optional), and so is a `__proto__` key (class-transformer
 * would skip it silently, so it passed `forbidNonWhitelisted`). Thrown as a SyntaxError, both leave
 * as the body parser's other refusals do: 400 VALIDATION_FAILED.
 */
export function checkJsonBody(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('请求体含有不允许的字段 __proto__');
  if (key === '' && Array.isArray(value)) throw new SyntaxError('请求体应为 JSON 对象，而不是数组');
  return value;
}
