import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { STATION_ROLES, USER_ROLES, type AuthenticatedUser, type StationMembershipClaim } from '../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import type { AccessTokenClaims } from './session-issuer.js';

export const JWT_ALGORITHM = 'HS256';

/** Verifies access tokens: fixed algorithm, issuer, audience and expiry; no `alg: none`, no other keys. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.auth.jwtSecret,
      algorithms: [JWT_ALGORITHM],
      issuer: config.auth.jwtIssuer,
      audience: config.auth.jwtAudience,
      ignoreExpiration: false,
    });
  }

  /** Rejects tokens whose claims do not have our shape, even when correctly signed. */
  validate(payload: Partial<AccessTokenClaims> & { sub?: string }): AuthenticatedUser | false {
    const stations = Array.isArray(payload.stations) ? payload.stations : null;
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.email !== 'string' ||
      !USER_ROLES.includes(payload.role as never) ||
      !stations ||
      !stations.every(
        (claim: StationMembershipClaim) => typeof claim.stationId === 'string' && STATION_ROLES.includes(claim.role),
      )
    ) {
      return false;
    }
    return { id: payload.sub, email: payload.email, role: payload.role!, stations };
  }
}
