import { DefaultLogger, LogLevel, LogMetadata, Logger, Runtime, TelemetryOptions } from '@temporalio/worker';
import type { AppConfig, JsonLogger } from '@app/config';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The SDK's logger (workers, activities' `log`, workflows' `log`) writing JSON lines through pino. */
export class TemporalJsonLogger implements Logger {
  constructor(private readonly json: JsonLogger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.json[PINO_LEVEL[level]]({ context: 'Temporal', ...meta }, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/**
 * Installs the Temporal SDK's runtime before any connection is made (it cannot be changed after):
 * its logs as JSON lines with LOG_FORMAT=json (the native core's forwarded to the same logger), and
 * with METRICS_PORT its Prometheus exporter (workflow and activity task latencies, slots, polls,
 * sticky cache…) at `0.0.0.0:<port>/metrics`. With neither, the SDK's defaults stay.
 */
export function installRuntime(observability: AppConfig['observability'], json: JsonLogger | undefined): void {
  const telemetryOptions: TelemetryOptions = {};
  if (json) telemetryOptions.logging = { filter: { core: 'WARN', other: 'ERROR' }, forward: {} };
  if (observability.metricsPort !== undefined) {
    telemetryOptions.metrics = { prometheus: { bindAddress: `0.0.0.0:${observability.metricsPort}`, countersTotalSuffix: true } };
  }
  if (!json && !telemetryOptions.metrics) return;
  Runtime.install({ logger: json ? new TemporalJsonLogger(json) : new DefaultLogger('INFO'), telemetryOptions });
}
