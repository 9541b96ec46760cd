import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { bearerTokenOf, DomainError } from '../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { parseGooglePush, type VerificationResult } from './webhook-verifiers.js';

const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

/** jose failures that say nothing about the token: Google's keys could not be fetched or read. */
const KEY_SOURCE_FAILURES = new Set(['ERR_JOSE_GENERIC', 'ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);

/**
 * Google Pub/Sub push with authentication: `Authorization: Bearer <JWT>` signed by Google (RS256, keys
 * from the JWKS URL, cached and refreshed by jose) for our audience and, when configured, sent as our
 * push service account. The token is never logged.
 */
@Injectable()
export class GooglePushTokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.keys = createRemoteJWKSet(new URL(config.webhooks.googleOidcJwksUrl));
  }

  async verify(raw: Buffer, authorization: string | undefined, audience: string): Promise<VerificationResult> {
    const token = bearerTokenOf(authorization);
    if (!token) return { ok: false, reason: 'missing bearer token' };
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        issuer: GOOGLE_ISSUERS,
        audience,
        requiredClaims: ['exp', 'iat'],
        // Pub/Sub sends tokens up to one hour old.
        maxTokenAge: '1h',
        clockTolerance: 60,
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError && !KEY_SOURCE_FAILURES.has(error.code)) {
        return { ok: false, reason: error.code };
      }
      // Without Google's keys an authentic push cannot be told from a forged one: 503, Pub/Sub retries.
      throw new DomainError('service_unavailable', 'Google push tokens cannot be verified right now.');
    }
    const account = this.config.webhooks.googlePushServiceAccount;
    if (account !== undefined && (claims['email'] !== account || claims['email_verified'] !== true)) {
      return { ok: false, reason: 'not the push service account' };
    }
    return parseGooglePush(raw);
  }
}
