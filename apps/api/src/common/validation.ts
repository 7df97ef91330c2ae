import type { ValidationPipeOptions } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';

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
  const value = plainToInstance(cls, plain);
  const errors = await validate(value, { whitelist: DTO_VALIDATION.whitelist, forbidNonWhitelisted: DTO_VALIDATION.forbidNonWhitelisted });
  return { value, issues: errors.flatMap((e) => issuesOf(e)) };
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

/**
 * The pipe's messages as `path: 中文（class-validator's own words）`: offices read the first part,
 * the second keeps the exact rule (allowed values, lengths) for whoever fixes the request.
 */
export function describeValidationErrors(errors: ValidationError[]): string[] {
  return errors
    .flatMap((e) => issuesOf(e))
    .map(({ path, constraint, message }) => {
      const zh = CONSTRAINT_MESSAGES_ZH[constraint];
      return `${path}: ${zh ? `${zh}（${message}）` : message}`;
    });
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
