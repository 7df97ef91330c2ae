import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { AppConfig } from '@app/config';
import { ApiTokenEntity, DistrictEntity, StationEntity } from '@app/persistence';
import { ApiError } from '../common/error-codes';
import { CONFIG } from '../common/tokens';
import type { Principal } from './principal';

export const ADMIN_TOKEN_FILE = 'admin-token';

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Bearer tokens: the built-in admin, and tokens issued by admins (stored hashed). */
@Injectable()
export class TokenService implements OnModuleInit {
  private readonly log = new Logger('Auth');
  private adminHash!: Buffer;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
  ) {}

  onModuleInit(): void {
    this.adminHash = Buffer.from(hash(this.resolveAdminToken()), 'hex');
  }

  /**
   * ADMIN_TOKEN when set; otherwise a token generated at first start, kept in DATA_DIR and printed
   * once, so the operator can sign in without configuring anything.
   */
  private resolveAdminToken(): string {
    if (this.config.adminToken) return this.config.adminToken;
    const file = path.join(this.config.dataDir, ADMIN_TOKEN_FILE);
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
    const token = `adm_${randomBytes(24).toString('base64url')}`;
    fs.mkdirSync(this.config.dataDir, { recursive: true });
    fs.writeFileSync(file, token + '\n', { mode: 0o600, flag: 'wx' });
    process.stdout.write(`\n  管理员令牌 (admin token, shown once, also stored in ${file}):\n  ${token}\n\n`);
    return token;
  }

  async authenticate(token: string): Promise<Principal | null> {
    const digest = hash(token);
    const given = Buffer.from(digest, 'hex');
    if (given.length === this.adminHash.length && timingSafeEqual(given, this.adminHash)) {
      return { tokenId: 'admin', role: 'admin', label: '管理员', districtCode: null, stationId: null, userId: null, kind: 'token' };
    }
    const row = await this.ds.getRepository(ApiTokenEntity).findOneBy({ tokenHash: digest, revokedAt: IsNull() });
    if (!row) return null;
    return {
      tokenId: row.id,
      role: row.role as Principal['role'],
      label: row.label,
      districtCode: row.districtCode,
      stationId: row.stationId,
      userId: null,
      kind: 'token',
    };
  }

  /** The id of a revoked token, for the log line that refuses it; null for a token never issued. */
  async revokedTokenId(token: string): Promise<string | null> {
    const row = await this.ds
      .getRepository(ApiTokenEntity)
      .findOne({ select: { id: true, revokedAt: true }, where: { tokenHash: hash(token) } });
    return row?.revokedAt ? row.id : null;
  }

  async issue(input: {
    role: Principal['role'];
    label: string;
    districtCode?: string;
    stationId?: string;
  }): Promise<{ id: string; token: string }> {
    await this.assertScopeExists(input);
    const id = randomUUID();
    const token = `st_${randomBytes(24).toString('base64url')}`;
    await this.ds.getRepository(ApiTokenEntity).insert({
      id,
      tokenHash: hash(token),
      role: input.role,
      label: input.label,
      districtCode: input.districtCode ?? null,
      stationId: input.stationId ?? null,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    });
    this.log.log(`issued ${input.role} token ${id} (${input.label})`);
    return { id, token };
  }

  /** A district or station token must name a district or station that exists (422 otherwise). */
  private async assertScopeExists({ districtCode, stationId }: { districtCode?: string; stationId?: string }): Promise<void> {
    if (districtCode !== undefined && !(await this.ds.getRepository(DistrictEntity).existsBy({ code: districtCode }))) {
      throw new ApiError('DISTRICT.UNKNOWN', `区县代码 ${districtCode} 不存在`, [`districtCode: unknown district ${districtCode}`]);
    }
    if (stationId !== undefined && !(await this.ds.getRepository(StationEntity).existsBy({ id: stationId }))) {
      throw new ApiError('STATION.UNKNOWN', `站点 ${stationId} 不存在`, [`stationId: unknown station ${stationId}`]);
    }
  }

  async list() {
    const rows = await this.ds.getRepository(ApiTokenEntity).find({ order: { createdAt: 'ASC' } });
    return rows.map(({ tokenHash, ...rest }) => (void tokenHash, rest));
  }

  async revoke(id: string): Promise<void> {
    const repo = this.ds.getRepository(ApiTokenEntity);
    const row = await repo.findOneBy({ id });
    if (!row) throw new ApiError('NOT_FOUND', `令牌 ${id} 不存在`);
    if (!row.revokedAt) await repo.update({ id }, { revokedAt: new Date().toISOString() });
  }
}
