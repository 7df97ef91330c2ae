import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountLinks } from './account-links';
import { AccountMailer } from './account-mailer';
import { AccountService } from './account.service';
import { AuthController } from './auth.controller';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { loadPasswordPolicy } from './passwords';
import { SignInService } from './sign-in.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** People's accounts: users, invitations, password sign-in, two-factor, resets (shared/API.md, "People sign in as themselves"). */
@Module({
  imports: [AuthModule],
  controllers: [UsersController, AuthController, OidcController],
  providers: [UsersService, AccountService, SignInService, AccountLinks, AccountMailer, OidcService],
})
export class AccountsModule {
  constructor() {
    // The common-password list is read at boot: a missing file stops the start, not a sign-up.
    loadPasswordPolicy();
  }
}
