import { ApiError } from '../common/error-codes';
import { assertAcceptablePassword, hashPassword, loadPasswordPolicy, verifyPassword } from './passwords';

const refusal = (password: string, username?: string) => {
  try {
    assertAcceptablePassword(password, username);
  } catch (e) {
    return e instanceof ApiError ? { code: e.code, details: e.details } : e;
  }
  return null;
};

describe('the password policy', () => {
  it('ships the 10,000 most common passwords', () => {
    expect(loadPasswordPolicy()).toBeGreaterThan(9_900);
  });

  it('refuses too short, too long and common passwords, whatever their case', () => {
    expect(refusal('short')).toEqual({ code: 'AUTH.WEAK_PASSWORD', details: { reason: 'length' } });
    expect(refusal('x'.repeat(129))).toEqual({ code: 'AUTH.WEAK_PASSWORD', details: { reason: 'length' } });
    expect(refusal('1qaz2wsx3edc')).toEqual({ code: 'AUTH.WEAK_PASSWORD', details: { reason: 'common' } });
    expect(refusal('QWERTY123456')).toEqual({ code: 'AUTH.WEAK_PASSWORD', details: { reason: 'common' } });
    expect(refusal('zhangsan-2024-密码', 'zhangsan')).toEqual({ code: 'AUTH.WEAK_PASSWORD', details: { reason: 'username' } });
    expect(refusal('Stations2024!!')).toEqual({ code: 'AUTH.WEAK_PASSWORD', details: { reason: 'context' } });
    expect(refusal('站点培育 2024-12-31')).toEqual({ code: 'AUTH.WEAK_PASSWORD', details: { reason: 'context' } });
  });

  it('takes any characters, counted as code points', () => {
    expect(refusal('渝中区劳动关系服务站密码')).toBeNull(); // 12 characters of Chinese
    expect(refusal('a'.repeat(128))).toBeNull();
    expect(refusal('correct horse battery staple')).toBeNull();
  });

  it('stores Argon2id hashes and verifies them', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapl')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
