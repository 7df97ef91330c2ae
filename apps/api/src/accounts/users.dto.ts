import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { SingleLine } from '../common/validation';

export const USER_ROLES = ['admin', 'city', 'district', 'station', 'expert'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Letters, digits and . _ @ - : what people type as a login name the world over, case-insensitive. */
export const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;

export class CreateUserDto {
  @IsString()
  @Matches(USERNAME, { message: '应为 3–64 个字母、数字或 . _ @ - 组成的用户名' })
  username: string;

  @IsString()
  @Length(1, 100)
  @SingleLine()
  displayName: string;

  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsIn(USER_ROLES)
  role: UserRole;

  @ValidateIf((o: CreateUserDto) => o.role === 'district' || o.districtCode !== undefined)
  @Matches(/^\d{6}$/, { message: '应为 6 位数字的区县代码' })
  districtCode?: string;

  @ValidateIf((o: CreateUserDto) => o.role === 'station' || o.stationId !== undefined)
  @IsUUID()
  stationId?: string;
}

export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @SingleLine()
  displayName?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  /** true: removes the person's authenticator and recovery codes (a lost phone), and ends their sessions */
  @IsOptional()
  @IsBoolean()
  resetTotp?: boolean;

  /** true: ends every session of the person now (they sign in again) */
  @IsOptional()
  @IsBoolean()
  endSessions?: boolean;

  /** Mails a new invitation link (the old one stops working) to a person who has not set a password yet. */
  @IsOptional()
  @IsBoolean()
  resendInvitation?: boolean;
}
