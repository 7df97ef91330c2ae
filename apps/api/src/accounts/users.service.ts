import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DistrictEntity, StationEntity, UserEntity } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { SessionService } from '../auth/session.service';
import { ApiError } from '../common/error-codes';
import { AccountLinks } from './account-links';
import { AccountMailer } from './account-mailer';
import type { CreateUserDto, UpdateUserDto } from './users.dto';

/** The roles the city office manages (shared/API.md): it creates, sees and changes only these. */
const CITY_MANAGES: readonly string[] = ['district', 'station', 'expert'];

/** A user as the API shows it: never a secret, whether the invitation was accepted and TOTP is on. */
export function userView(u: UserEntity) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    districtCode: u.districtCode,
    stationId: u.stationId,
    disabled: u.disabled,
    passwordSet: u.passwordHash !== null,
    totpEnrolled: u.totpEnrolled,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

const notFound = (id: string) => new ApiError('NOT_FOUND', `用户 ${id} 不存在`);

/** Accounts, as admins and the city office manage them. */
@Injectable()
export class UsersService {
  private readonly log = new Logger('Users');

  constructor(
    private readonly ds: DataSource,
    private readonly links: AccountLinks,
    private readonly mailer: AccountMailer,
    private readonly sessions: SessionService,
  ) {}

  private get repo() {
    return this.ds.getRepository(UserEntity);
  }

  /** Creates the account (without a password) and mails the invitation that sets one. */
  async create(dto: CreateUserDto, by: Principal) {
    if (by.role === 'city' && !CITY_MANAGES.includes(dto.role)) {
      throw new ApiError('FORBIDDEN', '市三方办只能创建区县、站点和评估专家账户');
    }
    if (dto.role !== 'district' && dto.districtCode !== undefined) throw new ApiError('VALIDATION_FAILED', 'districtCode 仅用于区县账户');
    if (dto.role !== 'station' && dto.stationId !== undefined) throw new ApiError('VALIDATION_FAILED', 'stationId 仅用于站点账户');
    await this.assertScopeExists(dto);
    const username = dto.username.toLowerCase();
    if (await this.repo.existsBy({ username })) {
      throw new ApiError('USER.USERNAME_TAKEN', `用户名 ${username} 已被使用`);
    }
    const now = new Date().toISOString();
    const user: UserEntity = {
      id: randomUUID(),
      username,
      displayName: dto.displayName,
      email: dto.email.toLowerCase(),
      role: dto.role,
      districtCode: dto.districtCode ?? null,
      stationId: dto.stationId ?? null,
      disabled: false,
      passwordHash: null,
      totpSecret: null,
      totpEnrolled: false,
      totpLastStep: null,
      recoveryCodes: null,
      createdBy: by.userId ?? by.tokenId,
      createdByRole: by.role,
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: null,
    };
    try {
      await this.repo.insert(user);
    } catch (e) {
      // two requests racing for one name: the unique index decides
      if (await this.repo.existsBy({ username })) throw new ApiError('USER.USERNAME_TAKEN', `用户名 ${username} 已被使用`);
      throw e;
    }
    await this.invite(user, by.label);
    this.log.log(`created ${user.role} user ${user.id} (${username}) by ${by.kind} ${by.userId ?? by.tokenId}`);
    return userView(user);
  }

  private async invite(user: UserEntity, invitedBy: string): Promise<void> {
    const { token, expiresAt } = await this.links.issue(user.id, 'invitation');
    this.mailer.invitation(
      { to: user.email, displayName: user.displayName, username: user.username, url: this.mailer.linkUrl('invitation', token), expiresAt },
      invitedBy,
    );
  }

  async list(by: Principal) {
    const rows = await this.repo.find({
      where: by.role === 'city' ? { role: In([...CITY_MANAGES]) } : {},
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(userView);
  }

  /**
   * Changes name, address or the disabled flag; disabling ends every session of the user at once.
   * Beyond the contract: `resetTotp` removes a lost authenticator (the person enrols again at the
   * next sign-in), `endSessions` signs the person out everywhere, `resendInvitation` mails a new
   * invitation link (to the new address, when it changes too) and ends the old one.
   */
  async update(id: string, dto: UpdateUserDto, by: Principal) {
    const user = await this.visible(id, by);
    if (dto.resendInvitation === true) assertInvitationPending(user, dto);
    const patch: Partial<UserEntity> = {};
    if (dto.displayName != null) patch.displayName = dto.displayName;
    if (dto.email != null) patch.email = dto.email.toLowerCase();
    if (dto.disabled != null) patch.disabled = dto.disabled;
    if (dto.resetTotp === true) Object.assign(patch, { totpSecret: null, totpEnrolled: false, totpLastStep: null, recoveryCodes: null });
    if (Object.keys(patch).length) await this.repo.update({ id }, { ...patch, updatedAt: new Date().toISOString() });
    if (dto.disabled === true || dto.resetTotp === true || dto.endSessions === true) {
      await this.sessions.endAllOf(id);
      this.log.log(`ended every session of user ${id} (${user.username})${dto.resetTotp ? '; authenticator removed' : ''}`);
    }
    if (dto.disabled === true) await this.links.revokeAll(id, 'password_reset');
    if (dto.resetTotp === true)
      this.mailer.changeNotice({ ...user, ...patch }, '身份验证器（动态验证码）已被管理员解除，请在下次登录后重新绑定');
    if (dto.resendInvitation === true) {
      await this.links.revokeAll(id, 'invitation');
      await this.invite({ ...user, ...patch }, by.label);
      this.log.log(`invitation of user ${id} (${user.username}) sent again by ${by.kind} ${by.userId ?? by.tokenId}`);
    }
    return userView({ ...user, ...patch });
  }

  /** A user the caller may see: the city only those it manages; others are 404, as if they did not exist. */
  private async visible(id: string, by: Principal): Promise<UserEntity> {
    const user = await this.repo.findOneBy({ id });
    if (!user || (by.role === 'city' && !CITY_MANAGES.includes(user.role))) throw notFound(id);
    return user;
  }

  private async assertScopeExists({ districtCode, stationId }: { districtCode?: string; stationId?: string }): Promise<void> {
    if (districtCode !== undefined && !(await this.ds.getRepository(DistrictEntity).existsBy({ code: districtCode }))) {
      throw new ApiError('DISTRICT.UNKNOWN', `区县代码 ${districtCode} 不存在`, [`districtCode: unknown district ${districtCode}`]);
    }
    if (stationId !== undefined && !(await this.ds.getRepository(StationEntity).existsBy({ id: stationId }))) {
      throw new ApiError('STATION.UNKNOWN', `站点 ${stationId} 不存在`, [`stationId: unknown station ${stationId}`]);
    }
  }
}

/** An invitation goes again only to a person still invited: no password set, account not disabled. */
function assertInvitationPending(user: UserEntity, dto: UpdateUserDto): void {
  if (user.passwordHash !== null) {
    throw new ApiError('USER.INVITATION_NOT_PENDING', `${user.displayName} 已接受邀请并设置了密码；如忘记密码，请在登录页使用“忘记密码”`);
  }
  if (dto.disabled ?? user.disabled) throw new ApiError('USER.INVITATION_NOT_PENDING', `${user.displayName} 的账户已停用，不能发送邀请`);
}
