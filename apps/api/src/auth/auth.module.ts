import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { TokenService } from './token.service';
import { TokensController } from './tokens.controller';

/** Bearer tokens: issuing and revoking them, and who a token is. AuthGuard (in AppModule) checks them on every route. */
@Module({ controllers: [TokensController, MeController], providers: [TokenService], exports: [TokenService] })
export class AuthModule {}
