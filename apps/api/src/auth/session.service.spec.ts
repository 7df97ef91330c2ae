import type { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { openDatabase, UserEntity } from '@app/persistence';
import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '@app/persistence/testing';
import { SESSION_ABSOLUTE_MS, SessionService } from './session.service';

const MINUTE = 60_000;
const T0 = Date.parse('2026-03-02T01:00:00Z');

/** The timeouts of a session (ASVS 7.3): idle SESSION_IDLE_MINUTES, absolute 12 h, on a pinned clock and a real database. */
describe.each(TEST_DATABASE_KINDS)('session timeouts on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let sessions: SessionService;
  let now = T0;
  const user: UserEntity = {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'zhangsan',
    displayName: '张三',
    email: 'zhangsan@example.org',
    role: 'district',
    districtCode: '500103',
    stationId: null,
    disabled: false,
    passwordHash: null,
    totpSecret: null,
    totpEnrolled: false,
    totpLastStep: null,
    recoveryCodes: null,
    createdBy: 'admin',
    createdByRole: 'admin',
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
    passwordChangedAt: null,
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await openDatabase(db.config, { migrate: true });
    await ds.getRepository(UserEntity).insert(user);
    sessions = new SessionService(ds, loadConfig({ SESSION_IDLE_MINUTES: '30' }, '/tmp'));
    sessions.now = () => now;
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('ends a session unused for the idle timeout, and keeps one in use', async () => {
    now = T0;
    const { cookieValue } = await sessions.start(user, 'password', {});
    now += 29 * MINUTE;
    expect((await sessions.authenticate(cookieValue))?.principal).toMatchObject({ userId: user.id, kind: 'session', label: '张三' });
    now += 29 * MINUTE; // 58 minutes after sign-in, 29 after the last request
    expect(await sessions.authenticate(cookieValue)).not.toBeNull();
    now += 30 * MINUTE;
    expect(await sessions.authenticate(cookieValue)).toBeNull();
    now -= 30 * MINUTE; // once ended, it stays ended
    expect(await sessions.authenticate(cookieValue)).toBeNull();
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    now = T0;
    const { cookieValue } = await sessions.start(user, 'password', {});
    while (now + 20 * MINUTE < T0 + SESSION_ABSOLUTE_MS) {
      now += 20 * MINUTE;
      expect(await sessions.authenticate(cookieValue)).not.toBeNull();
    }
    now = T0 + SESSION_ABSOLUTE_MS;
    expect(await sessions.authenticate(cookieValue)).toBeNull();
  });

  it('knows a cookie only by its hash, and refuses a disabled account', async () => {
    now = T0;
    const { cookieValue } = await sessions.start(user, 'password', {});
    const stored = await ds.query('SELECT id FROM sessions');
    expect(JSON.stringify(stored)).not.toContain(cookieValue);
    await ds.getRepository(UserEntity).update({ id: user.id }, { disabled: true });
    expect(await sessions.authenticate(cookieValue)).toBeNull();
    await ds.getRepository(UserEntity).update({ id: user.id }, { disabled: false });
  });
});
