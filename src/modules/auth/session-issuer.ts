import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import type { RequestOrigin, StationMembershipClaim } from '../../common/index.js';
import { Clock } from '../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { GetUserMembershipsQuery } from '../stations/index.js';
import { RefreshTokenRepository } from './refresh-token.repository.js';
import type { UserEntity } from './user.entity.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/** Claims of our access tokens besides the registered ones (sub, iss, aud, iat, exp). */
export interface AccessTokenClaims {
  email: string;
  role: UserEntity['role'];
  stations: StationMembershipClaim[];
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues access tokens (short-lived JWT) and opaque refresh tokens stored only as hashes. */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly jwt: JwtService,
    private readonly queryBus: QueryBus,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A session in `familyId` (a new family at login, the same one on rotation). */
  async issue(user: UserEntity, origin: RequestOrigin | undefined, familyId: string = randomUUID()): Promise<Session> {
    const stations = await this.queryBus.execute(new GetUserMembershipsQuery(user.id));
    const claims: AccessTokenClaims = { email: user.email, role: user.role, stations };
    const accessToken = await this.jwt.signAsync(claims, { subject: user.id });
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(this.clock.now().getTime() + this.config.auth.refreshTokenTtlDays * 86_400_000),
      createdIp: origin?.ip ?? null,
      createdUserAgent: origin?.userAgent?.slice(0, 512) ?? null,
    });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.auth.accessTokenTtlSeconds };
  }
}
