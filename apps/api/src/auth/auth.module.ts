import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { SessionService } from './session.service';
import { TokenService } from './token.service';
import { TokensController } from './tokens.controller';

/**
 * Who is calling: bearer tokens (issuing and revoking them) and people's sessions. AuthGuard (in
 * AppModule) checks one or the other on every route.
 */
@Module({
  controllers: [TokensController, MeController],
  providers: [TokenService, SessionService],
  exports: [TokenService, SessionService],
})
export class AuthModule {}
