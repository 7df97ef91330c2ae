import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { useService } from './support/service';
import { OTHER_DISTRICT, OWN_DISTRICT, World } from './support/world';

jest.setTimeout(600_000);

/**
 * schemathesis (PyPI, installed under .tools/schemathesis by scripts/install-schemathesis.js)
 * against /api/docs-json of the real service, as the admin: every operation of the document gets
 * generated requests, valid and invalid, and every answer must be no 5xx and must match the
 * response schema the document gives for its status code.
 *
 * Bounded: a few examples per operation, one worker (hypothesis is not thread-safe on every
 * Python), no shrinking; about two minutes. The seed is fixed so that a run is repeatable;
 * SCHEMATHESIS_SEED picks another, SCHEMATHESIS_MAX_EXAMPLES more examples, SCHEMATHESIS_HAR=<file>
 * records every request and answer.
 *
 * Path ids are pinned to the stations, rounds and token seeded below (a random uuid is only a
 * 404), so that the bodies reach the services and workflows. Every operation is fuzzed.
 */
const ROOT = path.resolve(__dirname, '..');
const TOOL = path.join(ROOT, '.tools', 'schemathesis');
const SEED = process.env.SCHEMATHESIS_SEED ?? '20261129';
const MAX_EXAMPLES = process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '6';
/** The whole report of the last run (test-output/ is git-ignored). */
const LOG = path.join(ROOT, 'test-output', 'schemathesis.log');

const service = useService('sqlite', { env: { RATE_LIMIT_PER_MINUTE: '0' } });

/** A path parameter's value for the operations whose path matches. */
interface Pin {
  path: RegExp;
  parameter: string;
  value: string;
}

/**
 * Rounds of both programmes and stations in each stage an action needs, each action's path pinned
 * to the station that waits for it (so that generated bodies reach the workflow Update, not a 404
 * or a 409 for the wrong stage), a round for the writes that change a round, a token to revoke.
 */
async function seed(world: World): Promise<Pin[]> {
  const round = await world.round();
  const changedRound = await world.round();
  const starRound = await world.starRound();
  await world.station(changedRound, 'city_evaluation');
  const station = (stage: Parameters<World['station']>[1]) => world.station(round, stage);
  const token = await world.token('district', { districtCode: OWN_DISTRICT });
  const stations = {
    get: await station('cultivation'),
    submission: await station('application'),
    recommendation: await station('recommendation'),
    filing: await station('filing'),
    selfAssessment: await station('cultivation'),
    evaluation: await station('city_evaluation'),
    withdrawal: await world.station(round, 'recommendation', OTHER_DISTRICT),
    districtReview: await world.starStation(starRound, 'district_review'),
    application: await station('application'),
    sentBack: await station('recommendation'),
    midTerm: await station('cultivation'),
  };
  const form = new FormData();
  form.append('purpose', 'application');
  form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))], { type: 'application/pdf' }), '申请书.pdf');
  const uploaded = await fetch(`${world.svc.baseUrl}/api/stations/${stations.get}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.svc.adminToken}` },
    body: form,
  });
  if (uploaded.status !== 201) throw new Error(`attachment not uploaded: ${uploaded.status}`);
  const attachmentId = ((await uploaded.json()) as { id: string }).id;
  const pin = (path: RegExp, value: string, parameter = 'id'): Pin => ({ path, parameter, value });
  return [
    pin(/^\/api\/rounds\/\{id\}\/(deadlines|publication|promotion)$/, changedRound),
    pin(/^\/api\/rounds\/\{id\}\/(registrations|exports\/star-summary)$/, starRound),
    pin(
      /^\/api\/rounds\/\{id\}(\/(workflow|applications|reminder-plan|exports\/summary|exports\/published|imports\/applications|imports\/template))?$/,
      round,
    ),
    pin(/^\/api\/stations\/\{id\}(\/(workflow|attachments|comments))?$/, stations.get),
    pin(/^\/api\/stations\/\{id\}\/application$/, stations.application),
    pin(/^\/api\/stations\/\{id\}\/return$/, stations.sentBack),
    pin(/^\/api\/stations\/\{id\}\/mid-term-review$/, stations.midTerm),
    pin(/^\/api\/attachments\/\{id\}$/, attachmentId),
    pin(/^\/api\/rounds\/\{id\}\/panel(\/assign)?$/, round),
    pin(/^\/api\/stations\/\{id\}\/(experts|reviews)$/, stations.get),
    pin(/^\/api\/stations\/\{id\}\/submission$/, stations.submission),
    pin(/^\/api\/stations\/\{id\}\/recommendation$/, stations.recommendation),
    pin(/^\/api\/stations\/\{id\}\/filing$/, stations.filing),
    pin(/^\/api\/stations\/\{id\}\/self-assessment$/, stations.selfAssessment),
    pin(/^\/api\/stations\/\{id\}\/evaluation$/, stations.evaluation),
    pin(/^\/api\/stations\/\{id\}\/withdrawal$/, stations.withdrawal),
    pin(/^\/api\/stations\/\{id\}\/district-review$/, stations.districtReview),
    pin(/^\/api\/tokens\/\{id\}$/, token.id),
    pin(/^\/api\/districts\/\{code\}\/contacts$/, OWN_DISTRICT, 'code'),
    // GET /api/outbox/{id}/html keeps generated ids: no mail exists while this spec runs.
  ];
}

/** schemathesis's config file: the pinned path parameters. */
function configToml(pins: Pin[]): string {
  return pins
    .map(
      (p) =>
        `[[operations]]\ninclude-path-regex = ${JSON.stringify(p.path.source)}\nparameters = { "path.${p.parameter}" = ${JSON.stringify(p.value)} }\n`,
    )
    .join('\n');
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** What a person needs from a failed run: the failures and errors, without the progress lines. */
function findings(output: string): string {
  const start = output.search(/^=+ (ERRORS|FAILURES) =+$/m);
  return start >= 0 ? output.slice(start) : output.slice(-6000);
}

test('schemathesis finds no server error and no answer outside its schema', async () => {
  if (!fs.existsSync(path.join(TOOL, 'schemathesis'))) {
    throw new Error(`schemathesis is not installed in ${TOOL}: run \`node scripts/install-schemathesis.js\` (needs Python 3.9+ with pip)`);
  }
  const svc = service();
  const pins = await seed(new World(svc));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'schemathesis-'));
  try {
    const config = path.join(work, 'schemathesis.toml');
    fs.writeFileSync(config, configToml(pins));
    const { code, output } = await run(
      'python3',
      [
        '-m',
        'schemathesis.cli',
        '--config-file',
        config,
        'run',
        `${svc.baseUrl}/api/docs-json`,
        '--header',
        `Authorization: Bearer ${svc.adminToken}`,
        '--checks',
        'not_a_server_error,response_schema_conformance',
        '--phases',
        'examples,coverage,fuzzing',
        '--max-examples',
        MAX_EXAMPLES,
        '--seed',
        SEED,
        '--workers',
        '1',
        '--no-shrink',
        '--generation-database',
        'none',
        '--request-timeout',
        '30',
        '--no-color',
        ...(process.env.SCHEMATHESIS_HAR ? ['--report', 'har', '--report-har-path', process.env.SCHEMATHESIS_HAR] : []),
      ],
      { ...process.env, PYTHONPATH: TOOL, PYTHONDONTWRITEBYTECODE: '1', SCHEMATHESIS_HOOKS: '' },
      work,
    );
    fs.mkdirSync(path.dirname(LOG), { recursive: true });
    fs.writeFileSync(LOG, output);
    // exit 0: every check passed on every generated request
    expect({ exitCode: code, findings: code === 0 ? '' : findings(output) }).toEqual({ exitCode: 0, findings: '' });
    // and it did test every operation of the document
    expect(output).toMatch(/Tested: (\d+)\b/);
    const [, selected, total] = /Selected: (\d+)\/(\d+)/.exec(output) ?? [];
    expect(selected).toBe(total);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
