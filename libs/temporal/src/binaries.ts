import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type TemporalBinary = 'temporal' | 'temporal-test-server';

const ENV_VAR: Record<TemporalBinary, string> = {
  temporal: 'TEMPORAL_CLI_PATH',
  'temporal-test-server': 'TEMPORAL_TEST_SERVER_PATH',
};

/**
 * Finds a Temporal binary in the order DEVELOPERS.md fixes: an explicit environment variable,
 * the binary on PATH, the project-local folder. `undefined` means "let the SDK download its own"
 * (works only on machines with internet access).
 */
export function findTemporalBinary(name: TemporalBinary, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env[ENV_VAR[name]];
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`${ENV_VAR[name]}: ${explicit} is not an executable file`);
    return explicit;
  }
  const onPath = which(name, env.PATH ?? '');
  if (onPath) return onPath;
  const local = path.join(projectRoot(), '.tools', 'temporal', 'bin', name);
  if (isExecutable(local)) return local;
  return undefined;
}

/** The project root, whether running from sources (ts) or from dist/ (js). */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'nest-cli.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

function which(name: string, pathVar: string): string | undefined {
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Version line of the CLI, for logs and the benchmark's machine description. */
export function temporalVersion(binary: string): string {
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return (out.stdout || out.stderr || '').trim().split('\n')[0] ?? 'unknown';
}
