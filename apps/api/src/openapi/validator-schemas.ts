import type { ApiPropertyOptions } from '@nestjs/swagger';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  getMetadataStorage,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_EMAIL,
  IS_IN,
  IS_INT,
  IS_LENGTH,
  IS_NUMBER,
  IS_OBJECT,
  IS_OPTIONAL,
  IS_STRING,
  IS_UUID,
  MATCHES,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
  ValidationTypes,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer keeps its @Type metadata in a storage its index does not export (as @nestjs/mapped-types reads it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadata };

/**
 * The OpenAPI schemas of the request DTOs, read from their class-validator decorators: the rules
 * the ValidationPipe enforces are the only description of a body or query that cannot drift from
 * what the API accepts. No field needs an @ApiProperty of its own; one given by hand wins.
 *
 * The swagger CLI plugin would only see TypeScript types (`string | null` is `Object`, an
 * `'a' | 'b'` union is `String`), and no lengths, patterns or ranges.
 */
type Schema = Record<string, unknown>;
/** A DTO class (class-validator keys its rules by the constructor). */
type DtoClass = abstract new (...args: never[]) => unknown;

/** Every DTO class that has validation rules (class-validator registers each decorated class). */
export function validatedClasses(): DtoClass[] {
  // `validationMetadatas` is private in the typings, but it is the one list of decorated classes.
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<DtoClass, unknown> };
  return [...storage.validationMetadatas.keys()];
}

/**
 * The name of the static method through which the @nestjs/swagger CLI plugin hands a class's
 * property metadata to SwaggerModule; SwaggerModule calls it for every body, query and nested
 * model it documents, and keeps an @ApiProperty written on a field over what it returns.
 */
const METADATA_FACTORY = '_OPENAPI_METADATA_FACTORY';

/**
 * Gives every validated class the swagger property metadata its validators imply, so that
 * SwaggerModule documents its bodies and queries (component schemas and query parameters).
 * Idempotent; run before the document is built.
 */
export function describeValidatedClasses(): void {
  for (const cls of validatedClasses()) {
    // A mapped type of @nestjs/swagger (PartialType, OmitType) copies its parent's factory when it is
    // made, before this runs: an empty one, which the rules of its copied validators replace.
    const own = Object.prototype.hasOwnProperty.call(cls, METADATA_FACTORY);
    if (own && Object.keys((cls as unknown as Record<string, () => object>)[METADATA_FACTORY]()).length > 0) continue;
    Object.defineProperty(cls, METADATA_FACTORY, { value: () => propertyOptionsOf(cls), enumerable: false, configurable: true });
  }
}

/** Swagger property options of each validated property of `cls` (its own and inherited rules). */
export function propertyOptionsOf(cls: DtoClass): Record<string, ApiPropertyOptions> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of metadata) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  const out: Record<string, ApiPropertyOptions> = {};
  for (const [property, rules] of byProperty) out[property] = propertyOptions(cls, property, rules);
  return out;
}

function propertyOptions(cls: DtoClass, property: string, rules: ValidationMetadata[]): ApiPropertyOptions {
  const optional = rules.some((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION && r.name === IS_OPTIONAL);
  // A @ValidateIf makes the field required only in some cases (told in its description).
  const conditional = rules.some((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION && r.name !== IS_OPTIONAL);
  const own = schemaOf(rules.filter((r) => !r.each));
  const isArray = own.type === 'array';
  const nested = nestedClass(cls, property, rules);
  const items: Schema = { ...schemaOf(rules.filter((r) => r.each)) };
  const options: Schema = { ...own, required: !optional && !conditional };
  // @IsOptional lets null through as well as an absent field.
  if (optional) options.nullable = true;
  if (nested) {
    // type is the class (a $ref); swagger wraps it in an array itself.
    delete options.type;
    return { ...options, type: nested, isArray } as ApiPropertyOptions;
  }
  if (isArray) return { ...options, type: 'array', items: Object.keys(items).length ? items : {} } as ApiPropertyOptions;
  // Without any type rule (a map the domain checks in depth), say what the TypeScript type says.
  if (own.type === undefined) options.type = designType(cls, property);
  return options as ApiPropertyOptions;
}

/** The class a @ValidateNested property holds (class-transformer's @Type). */
function nestedClass(cls: DtoClass, property: string, rules: ValidationMetadata[]): DtoClass | undefined {
  if (!rules.some((r) => r.type === ValidationTypes.NESTED_VALIDATION)) return undefined;
  const meta = defaultMetadataStorage.findTypeMetadata(cls as unknown as Parameters<TransformerMetadata['findTypeMetadata']>[0], property);
  const type = meta?.typeFunction();
  return typeof type === 'function' && type !== Object ? (type as DtoClass) : undefined;
}

function designType(cls: DtoClass, property: string): string {
  const t: unknown = Reflect.getMetadata('design:type', cls.prototype as object, property);
  if (t === String) return 'string';
  if (t === Number) return 'number';
  if (t === Boolean) return 'boolean';
  if (t === Array) return 'array';
  return 'object';
}

/** The JSON schema keywords of a set of class-validator rules (of a value, or of each item). */
function schemaOf(rules: ValidationMetadata[]): Schema {
  const s: Schema = {};
  for (const r of rules) {
    const c = (r.constraints ?? []) as unknown[];
    switch (r.name) {
      case IS_STRING:
        s.type = 'string';
        break;
      case IS_EMAIL:
        Object.assign(s, { type: 'string', format: 'email' });
        break;
      case IS_UUID:
        Object.assign(s, { type: 'string', format: 'uuid' });
        break;
      case MATCHES: {
        s.type = 'string';
        const [pattern, modifiers] = c as [RegExp | string, string | undefined];
        const flags = pattern instanceof RegExp ? pattern.flags : (modifiers ?? '');
        // JSON Schema patterns have no flags: a case-insensitive rule is left unwritten rather than narrowed.
        if (!flags) s.pattern = asciiDigits(pattern instanceof RegExp ? pattern.source : pattern);
        break;
      }
      case IS_LENGTH:
        Object.assign(s, { type: 'string', minLength: c[0] }, typeof c[1] === 'number' ? { maxLength: c[1] } : {});
        break;
      case MAX_LENGTH:
        Object.assign(s, { type: 'string', maxLength: c[0] });
        break;
      case MIN_LENGTH:
        Object.assign(s, { type: 'string', minLength: c[0] });
        break;
      case IS_IN: {
        const values = c[0] as unknown[];
        Object.assign(s, { type: typeof values[0] === 'number' ? 'number' : 'string', enum: [...values] });
        break;
      }
      case IS_INT:
        s.type = 'integer';
        break;
      case IS_NUMBER:
        s.type ??= 'number';
        break;
      case MIN:
        s.minimum = c[0];
        break;
      case MAX:
        s.maximum = c[0];
        break;
      case IS_BOOLEAN:
        s.type = 'boolean';
        break;
      case IS_ARRAY:
        s.type = 'array';
        break;
      case ARRAY_MIN_SIZE:
        Object.assign(s, { type: 'array', minItems: c[0] });
        break;
      case ARRAY_MAX_SIZE:
        Object.assign(s, { type: 'array', maxItems: c[0] });
        break;
      case IS_OBJECT:
        s.type = 'object';
        break;
      default:
        break;
    }
  }
  return s;
}

/**
 * `\d` spelt `[0-9]` (inside a class, `0-9`). The same in ECMA 262, which JSON Schema patterns
 * follow, but tools that generate or check values with another regex dialect (Python's `\d` takes
 * any Unicode digit) then produce the ASCII digits the API accepts.
 */
export function asciiDigits(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1];
      out += next === 'd' ? (inClass ? '0-9' : '[0-9]') : c + (next ?? '');
      i++;
    } else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      out += c;
    }
  }
  return out;
}
