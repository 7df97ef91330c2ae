import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { SingleLine } from '../common/validation';

export const USER_ROLES = ['admin', 'city', 'district', 'station', 'expert'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Letters, digits and . _ @ - : what people type as a login name the world over, case-insensitive. */
export const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;

export class CreateUserDto {
  @IsString()
  @Matches(USERNAME, { message: 'username must be 3-64 letters, digits or . _ @ -' })
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
  @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' })
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
}
