/**
 * Static checks of the production stack (docker/compose.yaml and its Dockerfiles) against the
 * configuration contract (shared API.md, "Configuration") and package.json. No Docker needed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..');
const dockerDir = path.join(root, 'docker');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test: string | string[] };
  volumes?: string[];
  ports?: string[];
}
interface Compose {
  services: Record<string, Service>;
}

const compose = parse(fs.readFileSync(path.join(dockerDir, 'compose.yaml'), 'utf8')) as Compose;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** The configuration variables of the contract (API.md, "Configuration"). */
const CONTRACT_VARIABLES = [
  'PORT',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'SMTP_URL',
  'MAIL_FROM',
  'ADMIN_TOKEN',
  'DATA_DIR',
  // contract part 2, people's accounts (OIDC_* are left to an override file: a secret needs a required reference)
  'PUBLIC_URL',
  'SESSION_IDLE_MINUTES',
];
const REQUIRED: Record<'api' | 'worker', string[]> = {
  api: ['PORT', 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'SMTP_URL', 'MAIL_FROM', 'ADMIN_TOKEN'],
  worker: ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'SMTP_URL', 'MAIL_FROM'],
};
/** Process-level variables that are not project configuration. */
const NON_PROJECT_VARIABLES = ['NODE_ENV', 'TZ'];
const SECRET_NAME = /PASSWORD|PWD|TOKEN|SECRET/i;

function environment(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/**
 * Compose interpolation with an empty environment: `${X:-d}` / `${X-d}` → d, `${X}` → '',
 * `${X:?msg}` / `${X?msg}` (required) → a `REQUIRED_X` marker, `$$` → `$`.
 */
function interpolate(value: string): string {
  return value
    .replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*)|(:?\?)[^}]*)?\}/g,
      (_m, name: string, dash?: string, fallback?: string, q?: string) => (q ? `REQUIRED_${name}` : dash ? (fallback ?? '') : ''),
    )
    .replace(/\$\$/g, '$');
}

/** `${NAME:?…}` or `${NAME?…}` and nothing else: a value that must come from the environment. */
const isRequiredReference = (raw: string) => /^\$\{[A-Za-z_][A-Za-z0-9_]*:?\?[^}]*\}$/.test(raw);

function dependsOn(service: Service): Record<string, string | undefined> {
  const d = service.depends_on ?? {};
  return Array.isArray(d)
    ? Object.fromEntries(d.map((n) => [n, undefined]))
    : Object.fromEntries(Object.entries(d).map(([n, v]) => [n, v?.condition]));
}

function serviceByImage(prefix: string): [string, Service] {
  const found = Object.entries(compose.services).filter(([, s]) => s.image?.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0];
}

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
function instructions(dockerfile: string): { op: string; args: string }[] {
  return fs
    .readFileSync(dockerfile, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

describe('docker/compose.yaml', () => {
  it('has the six services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'mailpit', 'postgresql', 'temporal', 'temporal-ui', 'worker']);
  });

  it('runs PostgreSQL 16 on a volume, with a healthcheck', () => {
    const pg = compose.services.postgresql;
    expect(pg.image).toBe('postgres:16');
    expect(pg.volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    expect(pg.healthcheck).toBeDefined();
  });

  it('runs Temporal on that PostgreSQL', () => {
    const t = compose.services.temporal;
    expect(t.image).toMatch(/^temporalio\/(auto-setup|server):/);
    const env = environment(t);
    expect(env.DB).toBe('postgres12');
    expect(env.POSTGRES_SEEDS).toBe('postgresql');
    expect(env.POSTGRES_PWD).toBe(environment(compose.services.postgresql).POSTGRES_PASSWORD);
    expect(dependsOn(t)).toEqual({ postgresql: 'service_healthy' });
  });

  it('points the Temporal UI at the temporal service', () => {
    const ui = compose.services['temporal-ui'];
    expect(ui.image).toMatch(/^temporalio\/ui:/);
    expect(environment(ui).TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('has a mail catcher with SMTP on 1025 and its UI on 8025', () => {
    const [name, mail] = serviceByImage('axllent/mailpit');
    expect(name).toBe('mailpit');
    expect(mail.ports?.some((p) => String(p).endsWith(':8025'))).toBe(true);
  });

  describe.each(['api', 'worker'] as const)('%s', (name) => {
    const service = compose.services[name];
    const raw = environment(service);
    const env = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, interpolate(v)]));

    it('gets every configuration variable of the contract that applies to it', () => {
      for (const v of REQUIRED[name]) expect({ [v]: env[v] }).toEqual({ [v]: expect.stringMatching(/.+/) });
    });

    it('gets no unknown project variable', () => {
      const unknown = Object.keys(raw).filter((k) => !CONTRACT_VARIABLES.includes(k) && !NON_PROJECT_VARIABLES.includes(k));
      expect(unknown).toEqual([]);
      if (name === 'worker') {
        expect(raw.ADMIN_TOKEN).toBeUndefined(); // the worker serves no HTTP: it needs no admin token
        expect(raw.PORT).toBeUndefined();
      }
    });

    it('reaches the compose PostgreSQL with a postgres:// DATABASE_URL', () => {
      const url = new URL(env.DATABASE_URL);
      const pg = environment(compose.services.postgresql);
      expect(url.protocol).toMatch(/^postgres(ql)?:$/);
      expect(url.hostname).toBe('postgresql');
      expect(compose.services[url.hostname].image).toMatch(/^postgres:/);
      expect(url.port || '5432').toBe('5432');
      expect(decodeURIComponent(url.username)).toBe(interpolate(pg.POSTGRES_USER));
      expect(url.pathname).toBe(`/${interpolate(pg.POSTGRES_DB)}`);
      // the password is the one PostgreSQL is started with, taken from the environment
      expect(decodeURIComponent(url.password)).toBe(interpolate(pg.POSTGRES_PASSWORD));
      expect(url.password).toMatch(/^REQUIRED_/);
    });

    it('reaches the temporal service', () => {
      const [host, port] = env.TEMPORAL_ADDRESS.split(':');
      expect(host).toBe('temporal');
      expect(port).toBe('7233');
      expect(env.TEMPORAL_NAMESPACE).toBe(interpolate(environment(compose.services.temporal).DEFAULT_NAMESPACE));
    });

    it('sends mail to the mail catcher by default', () => {
      const url = new URL(env.SMTP_URL);
      expect(url.protocol).toBe('smtp:');
      expect(compose.services[url.hostname]?.image).toMatch(/^axllent\/mailpit:/);
      expect(url.port).toBe('1025');
      expect(env.MAIL_FROM).toMatch(/@/);
    });

    it('waits for a healthy PostgreSQL and Temporal', () => {
      const deps = dependsOn(service);
      expect(deps.postgresql).toBe('service_healthy');
      expect(deps.temporal).toBe('service_healthy');
    });

    const dockerfile = path.resolve(dockerDir, service.build?.context ?? '.', service.build?.dockerfile ?? 'Dockerfile');
    it(`is built from an existing Dockerfile (${path.relative(root, dockerfile)})`, () => {
      expect(path.resolve(dockerDir, service.build!.context)).toBe(root);
      expect(fs.existsSync(dockerfile)).toBe(true);
    });

    it(`runs what package.json's start:${name} runs, as a non-root user`, () => {
      const ops = instructions(dockerfile);
      const lastFrom = ops.map((o) => o.op).lastIndexOf('FROM');
      const finalStage = ops.slice(lastFrom);
      expect(ops.filter((o) => o.op === 'FROM').every((o) => o.args.startsWith('node:20-bookworm-slim'))).toBe(true);
      // The image installs from the lock file (npm install: see the Dockerfile's comment).
      expect(ops.some((o) => o.op === 'RUN' && /\bnpm install\b/.test(o.args))).toBe(true);
      expect(ops.some((o) => o.op === 'COPY' && /package-lock\.json/.test(o.args))).toBe(true);
      expect(ops.some((o) => o.op === 'RUN' && /\bnpm run build\b/.test(o.args))).toBe(true);

      const cmd = finalStage.filter((o) => o.op === 'CMD').pop();
      expect(cmd).toBeDefined();
      const argv = JSON.parse(cmd!.args) as string[];
      expect(argv.join(' ')).toBe(pkg.scripts[`start:${name}`]);

      const user = finalStage.filter((o) => o.op === 'USER').pop();
      expect(user?.args).toBeDefined();
      expect(['root', '0', '0:0']).not.toContain(user!.args);
    });
  });

  it('writes no literal secret', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(environment(service))) {
        const id = `${name}.${key}`;
        if (SECRET_NAME.test(key))
          expect({ [id]: isRequiredReference(value) ? 'from the environment' : value }).toEqual({ [id]: 'from the environment' });
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
          const url = new URL(interpolate(value));
          if (url.password)
            expect({ [`${id} password`]: url.password }).toEqual({ [`${id} password`]: expect.stringMatching(/^REQUIRED_/) });
        }
      }
    }
  });

  it('gives a healthcheck to every service another one waits on as healthy', () => {
    for (const service of Object.values(compose.services)) {
      for (const [dep, condition] of Object.entries(dependsOn(service))) {
        expect(compose.services[dep]).toBeDefined();
        if (condition === 'service_healthy') expect({ [dep]: compose.services[dep].healthcheck }).toEqual({ [dep]: expect.anything() });
      }
    }
  });
});
