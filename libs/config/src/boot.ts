import { AppConfig, ConfigError, loadConfig } from './config';

/**
 * Loads the configuration for a process entry point. A ConfigError ends the process with one line
 * on stderr that names the variable, as the contract asks; anything else is a bug and rethrown.
 */
export function loadConfigOrExit(processName: string): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`[${processName}] configuration error: ${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
}
