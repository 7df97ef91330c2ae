import { IsOptional, IsString, Length, MaxLength } from 'class-validator';

/** Long enough for any password the policy accepts and for pass phrases; short enough to hash cheaply. */
const PASSWORD_FIELD_MAX = 1024;

export class LoginDto {
  @IsString()
  @Length(1, 200)
  username: string;

  @IsString()
  @Length(1, PASSWORD_FIELD_MAX)
  password: string;

  /** the authenticator's 6 digits, or a recovery code */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  otp?: string;
}

export class NewPasswordDto {
  @IsString()
  @Length(1, PASSWORD_FIELD_MAX)
  password: string;
}

export class ChangePasswordDto {
  @IsString()
  @Length(1, PASSWORD_FIELD_MAX)
  current: string;

  @IsString()
  @Length(1, PASSWORD_FIELD_MAX)
  next: string;
}

export class PasswordResetRequestDto {
  @IsString()
  @Length(1, 200)
  username: string;
}

export class OtpDto {
  @IsString()
  @Length(1, 64)
  otp: string;
}
