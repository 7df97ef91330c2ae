import type { DataSource } from 'typeorm';
import { openDatabase } from '../data-source';
import { ApiTokenEntity } from '../entities/api-token.entity';
import { UserEntity } from '../entities/user.entity';
import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '../testing/test-databases';
import { ExpertDirectoryRepository } from './expert-panel.repository';

describe.each(TEST_DATABASE_KINDS)('the expert directory on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await openDatabase(db.config, { migrate: true });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('finds active expert users (with their e-mail) and expert tokens, nobody else', async () => {
    const at = '2026-01-01T00:00:00.000Z';
    const user = (id: string, role: string, disabled = false) => ({
      id,
      username: `u-${id}`,
      displayName: `用户${id}`,
      email: `${id}@example.org`,
      role,
      districtCode: '500103',
      stationId: null,
      disabled,
      createdBy: 'admin',
      createdByRole: 'admin',
      createdAt: at,
      updatedAt: at,
    });
    await ds.getRepository(UserEntity).insert([user('x1', 'expert'), user('x2', 'expert', true), user('c1', 'city')]);
    await ds.getRepository(ApiTokenEntity).insert({
      id: 't1',
      tokenHash: 'h-t1',
      role: 'expert',
      label: '程序专家',
      districtCode: null,
      stationId: null,
      createdAt: at,
      revokedAt: null,
    });
    const found = await new ExpertDirectoryRepository(ds).findExperts(['x1', 'x2', 'c1', 't1', 'none']);
    expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 't1', name: '程序专家', email: null, districtCode: null },
      { id: 'x1', name: '用户x1', email: 'x1@example.org', districtCode: '500103' },
    ]);
  });
});
