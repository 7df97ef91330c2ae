import { createTestDatabase, TestDatabase } from '@app/persistence/testing';
import { invitedPerson, outboxMailbox, Person } from './support/people';
import { RunningService } from './support/service';

jest.setTimeout(180_000);

const PUBLIC_URL = 'http://stations.example.test:8080';
const PASSWORD = '评估专家 站点培育 2026 年度';
const PER_MINUTE = 30;

/**
 * The /api allowance of a person signed in with a cookie is their own, as a token's is: the clerks
 * of one office reach the service from one address (NAT), and one busy clerk must not lock out the
 * others. Requests without a live session still count per address.
 */
describe('rate limit per signed-in person', () => {
  let db: TestDatabase;
  let svc: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    svc = new RunningService({ databaseUrl: db.url, env: { PUBLIC_URL, RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) } });
    await svc.start();
  });
  afterAll(async () => {
    await svc?.cleanup();
    await db?.drop();
  });

  async function signedInExpert(username: string): Promise<Person> {
    const user = { username, displayName: `专家${username}`, email: `${username}@experts.example`, role: 'expert' };
    const { person } = await invitedPerson(svc, outboxMailbox(svc), PUBLIC_URL, user, PASSWORD);
    expect((await person.signIn()).status).toBe(200);
    return person;
  }

  it('gives each person their own allowance from one address', async () => {
    const busy = await signedInExpert('busy.expert');
    const other = await signedInExpert('other.expert');

    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE + 1; i++) statuses.push((await busy.request('GET', '/api/me')).status);
    expect(statuses.slice(0, PER_MINUTE).every((s) => s === 200)).toBe(true);
    const refused = await busy.request('GET', '/api/me');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    // the colleague at the same address, and an anonymous request, are not held up by the busy one
    const colleague = await other.request('GET', '/api/me');
    expect(colleague.status).toBe(200);
    expect(colleague.body.label).toBe('专家other.expert');
    expect((await svc.request('GET', '/api/me', undefined, null)).status).toBe(401);
  });

  it('counts a cookie that names no live session against the address, like a guessed token', async () => {
    const guesser = new Person(svc, 'nobody', PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE + 1; i++) {
      const forged = `stations_session=${'x'.repeat(30)}${i.toString().padStart(4, '0')}`;
      statuses.push((await guesser.request('GET', '/api/me', undefined, { cookie: forged })).status);
    }
    expect(statuses).toContain(401);
    expect(statuses[statuses.length - 1]).toBe(429);
  });
});
