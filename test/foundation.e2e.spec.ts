import { spawnSync } from 'node:child_process';
import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '@app/persistence/testing';
import { applicationForm, RunningService, SUPERVISOR } from './support/service';
import { World } from './support/world';

jest.setTimeout(240_000);

describe.each(TEST_DATABASE_KINDS)('the whole service on %s', (kind) => {
  let db: TestDatabase;
  let svc: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    svc = new RunningService({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await svc?.cleanup();
    await db?.drop();
  });

  it('starts, runs workflows, and finds them again after a full restart', async () => {
    await svc.start();
    const health = await svc.request('GET', '/api/health', undefined, null);
    expect(health).toEqual({ status: 200, body: { status: 'ok', temporal: 'up', database: 'up' } });

    const roundId = await new World(svc).round({ code: `e2e-${kind}-${Date.now()}`, name: '重庆市测试批次' });
    const district = await svc.request('POST', '/api/tokens', { role: 'district', districtCode: '500103', label: '渝中区人社局' });
    expect(district.status).toBe(201);

    const applied = await svc.request(
      'POST',
      `/api/rounds/${roundId}/applications`,
      applicationForm('500103', '解放碑劳动关系服务站'),
      district.body.token,
    );
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ stage: 'recommendation', outcome: null, districtCode: '500103' });
    const stationId: string = applied.body.id;

    expect(await svc.stop()).toBe(0);
    await svc.start();

    // The station's workflow survived the restart and still answers, and acts.
    const inspect = await svc.request('GET', `/api/stations/${stationId}/workflow`);
    expect(inspect.status).toBe(200);
    expect(inspect.body).toMatchObject({ status: 'RUNNING', workflowId: `station-${stationId}` });
    expect(inspect.body.state.stage).toBe('recommendation');
    const recommended = await svc.request('POST', `/api/stations/${stationId}/recommendation`, { recommended: true }, district.body.token);
    expect(recommended.status).toBe(200);
    expect(recommended.body.stage).toBe('filing');
    const detail = await svc.request('GET', `/api/stations/${stationId}`, undefined, district.body.token);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['apply', 'recommend']);
    expect((await svc.request('GET', `/api/rounds/${roundId}`)).body.stageCounts.filing).toBe(1);
  });
});

describe('a bad configuration stops the boot with one line naming the variable', () => {
  it.each([
    ['PORT', 'not-a-port'],
    ['DATABASE_URL', 'mysql://user@localhost/db'],
  ])('%s=%s', (variable, value) => {
    const out = spawnSync(process.execPath, [SUPERVISOR], {
      env: { ...process.env, [variable]: value },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(out.status).toBe(78);
    const lines = out.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${variable}: `);
  });
});
