import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard, JwtAuthGuard } from '../../common/index.js';
import { AuthController } from './auth.controller.js';
import { ChangePasswordHandler } from './commands/change-password.command.js';
import { EnsureStaffUserHandler } from './commands/ensure-staff-user.command.js';
import { LoginHandler } from './commands/login.command.js';
import { LogoutHandler } from './commands/logout.command.js';
import { RefreshSessionHandler } from './commands/refresh-session.command.js';
import { RegisterCustomerHandler } from './commands/register-customer.command.js';
import { JWT_ALGORITHM, JwtStrategy } from './jwt.strategy.js';
import { LoginAttemptLimiter } from './login-attempt-limiter.js';
import { PasswordHasher } from './password-hasher.js';
import { GetCurrentUserHandler } from './queries/get-current-user.query.js';
import { GetUserSummariesHandler } from './queries/get-user-summaries.query.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { RefreshTokenRepository } from './refresh-token.repository.js';
import { SessionIssuer } from './session-issuer.js';
import { UserEntity } from './user.entity.js';
import { UserRepository } from './user.repository.js';

const handlers = [
  RegisterCustomerHandler,
  LoginHandler,
  RefreshSessionHandler,
  LogoutHandler,
  ChangePasswordHandler,
  EnsureStaffUserHandler,
  GetCurrentUserHandler,
  GetUserSummariesHandler,
];
const repositories = [UserRepository, RefreshTokenRepository];
const services = [PasswordHasher, SessionIssuer, LoginAttemptLimiter, JwtStrategy];
// Global and in this order: authenticate, then check roles and station scope.
const guards = [
  { provide: APP_GUARD, useClass: JwtAuthGuard },
  { provide: APP_GUARD, useClass: AccessGuard },
];

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: {
          algorithm: JWT_ALGORITHM,
          expiresIn: config.auth.accessTokenTtlSeconds,
          issuer: config.auth.jwtIssuer,
          audience: config.auth.jwtAudience,
        },
        verifyOptions: {
          algorithms: [JWT_ALGORITHM],
          issuer: config.auth.jwtIssuer,
          audience: config.auth.jwtAudience,
        },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [...handlers, ...repositories, ...services, ...guards],
})
export class AuthModule {}
