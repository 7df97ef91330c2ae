import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

export type JsonLogger = pino.Logger;

/** The request being served (the API puts its id here), so that every line logged for it carries it. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** Fields whose values never reach a log, wherever they sit in a logged object. */
const SECRET_FIELDS = ['authorization', 'cookie', 'password', 'token', 'secret', 'smtpUrl', 'databaseUrl', 'redisUrl'];

/**
 * Secrets that could hide in a message's text: passwords in URLs (DATABASE_URL, SMTP_URL,
 * REDIS_URL) and bearer tokens. Messages are the project's own, but they quote errors of drivers
 * that may echo a connection string.
 */
export function scrub(text: string): string {
  return text.replace(/\/\/([^:/@\s]*):([^@\s]*)@/g, '//$1:***@').replace(/\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 ***');
}

/**
 * One JSON object a line on stdout (LOG_FORMAT=json) for the process `name` (supervisor, api,
 * worker): ISO time, level as a word, the request id when there is one, secrets censored. Written
 * synchronously, so that the last lines before a crash are not lost in a buffer.
 */
export function createJsonLogger(
  name: string,
  destination: pino.DestinationStream = pino.destination({ dest: 1, sync: true }),
): JsonLogger {
  return pino(
    {
      base: { process: name, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]), censor: '***' },
      mixin: () => {
        const requestId = requestContext.getStore()?.requestId;
        return requestId ? { requestId } : {};
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** The few lines a process logs outside a framework (the supervisor, fatal errors at boot). */
export interface ProcessLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** `[prefix] message` lines as before (info on stdout, the rest on stderr), or JSON lines of process `name`. */
export function processLog(name: string, format: 'text' | 'json', prefix = name): ProcessLog {
  if (format === 'json') {
    const json = createJsonLogger(name);
    return { info: (m) => json.info(m), warn: (m) => json.warn(m), error: (m) => json.error(m) };
  }
  const line = (m: string) => `[${prefix}] ${m}\n`;
  return {
    info: (m) => process.stdout.write(line(m)),
    warn: (m) => process.stderr.write(line(m)),
    error: (m) => process.stderr.write(line(m)),
  };
}

type NestLevel = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
const PINO_LEVEL: Record<NestLevel, pino.Level> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/**
 * Nest's LoggerService over pino (LOG_FORMAT=json): Nest's context (`[Errors]`, `[Redis]` …)
 * becomes a `context` field, an error's stack a `stack` field. Debug and verbose lines are
 * dropped, as the text logger's levels ['log', 'warn', 'error'] do.
 */
export class NestJsonLogger {
  constructor(private readonly json: JsonLogger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  debug(): void {}
  verbose(): void {}

  private write(level: NestLevel, message: unknown, rest: unknown[]): void {
    // Nest passes the context last; error() may pass a stack before it.
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = scrub(stack);
    if (message instanceof Error) {
      fields.stack = scrub(message.stack ?? '');
      this.json[PINO_LEVEL[level]](fields, message.message);
    } else if (typeof message === 'string') this.json[PINO_LEVEL[level]](fields, message);
    else this.json[PINO_LEVEL[level]]({ ...fields, data: message });
  }
}

/**
 * The last line of a process that failed: JSON when LOG_FORMAT asks for it (read from the
 * environment directly, since the error may be the configuration's own), else `[prefix] fatal: …`.
 */
export function logFatal(name: string, error: unknown, prefix = name): void {
  const format = process.env.LOG_FORMAT?.trim() === 'json' ? 'json' : 'text';
  processLog(name, format, prefix).error(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
