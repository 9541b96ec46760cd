import { Controller, Get, Headers, HttpCode, Inject, Post, Query, Req, Res, type RawBodyRequest } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, DomainError, Public } from '../../common/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { GooglePushTokenVerifier } from './google-push.verifier.js';
import { WebhookBody } from './webhook-body.js';
import { WebhookAbuseLimiter } from './webhook-abuse-limiter.js';
import { WebhookIntake } from './webhook-intake.js';
import type { WebhookProvider } from './webhook-provider.js';
import {
  safeEqual,
  verifyGooglePush,
  verifyMeta,
  verifyRingCentral,
  verifyStripe,
  type VerificationResult,
} from './webhook-verifiers.js';

type WebhookRequest = RawBodyRequest<FastifyRequest>;

class WebhookAcceptedDto {
  @ApiProperty({ example: true })
  received: true;

  @ApiProperty({ description: 'True when this delivery was already stored (a retry): nothing new happens' })
  duplicate: boolean;
}

/** Headers worth keeping with an event (for support); never secrets. */
const KEPT_HEADERS = ['content-type', 'user-agent', 'x-request-id'];

/** A RingCentral handshake token we echo: one printable token, no list (a repeated header joins with ", "). */
const VALIDATION_TOKEN = /^[\x21-\x2B\x2D-\x7E]{1,256}$/;

/** A query value given once; a repeated parameter (an array) or none is undefined. */
function single(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Provider webhooks: verify on the raw bytes before anything parses them (bad, empty or not JSON:
 * 401, nothing stored), store once under (provider, external id), queue, answer 200 at once. The
 * work happens in the worker.
 */
@ApiTags('webhooks')
@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(
    private readonly intake: WebhookIntake,
    private readonly abuse: WebhookAbuseLimiter,
    private readonly googlePush: GooglePushTokenVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('stripe')
  @WebhookBody()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stripe events (Stripe-Signature over the raw body, 300 s tolerance)' })
  @ApiOkResponse({ type: WebhookAcceptedDto })
  @ApiProblems(400, 401, 413, 429, 503)
  stripe(@Req() request: WebhookRequest, @Headers('stripe-signature') signature?: string): Promise<WebhookAcceptedDto> {
    const secret = this.secret('stripe', this.config.webhooks.stripeSigningSecret);
    return this.accept('stripe', request, verifyStripe(this.raw(request), signature, secret));
  }

  @Get('meta')
  @ApiOperation({ summary: "Meta's subscription handshake: echoes hub.challenge for the right verify token" })
  @ApiOkResponse({ description: 'The challenge, as text/plain' })
  @ApiProblems(403, 503)
  metaHandshake(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply): void {
    const expected = this.secret('meta', this.config.webhooks.metaVerifyToken);
    const token = single(query['hub.verify_token']);
    const challenge = single(query['hub.challenge']);
    if (single(query['hub.mode']) !== 'subscribe' || !token || !challenge || !safeEqual(token, expected)) {
      throw new DomainError('forbidden', 'The verify token does not match.');
    }
    void reply.status(200).type('text/plain').send(challenge);
  }

  @Post('meta')
  @WebhookBody()
  @HttpCode(200)
  @ApiOperation({ summary: 'Meta events (X-Hub-Signature-256 HMAC of the raw body)' })
  @ApiOkResponse({ type: WebhookAcceptedDto })
  @ApiProblems(400, 401, 413, 429, 503)
  meta(
    @Req() request: WebhookRequest,
    @Headers('x-hub-signature-256') signature?: string,
  ): Promise<WebhookAcceptedDto> {
    const secret = this.secret('meta', this.config.webhooks.metaAppSecret);
    return this.accept('meta', request, verifyMeta(this.raw(request), signature, secret));
  }

  @Post('ringcentral')
  @WebhookBody()
  @ApiOperation({ summary: 'RingCentral notifications (Validation-Token handshake, Verification-Token check)' })
  @ApiOkResponse({ type: WebhookAcceptedDto })
  @ApiProblems(400, 401, 413, 429, 503)
  async ringcentral(
    @Req() request: WebhookRequest,
    @Res() reply: FastifyReply,
    @Headers('validation-token') validationToken?: string,
    @Headers('verification-token') verificationToken?: string,
  ): Promise<void> {
    if (validationToken !== undefined) {
      if (!VALIDATION_TOKEN.test(validationToken)) {
        throw new DomainError('bad_request', 'The Validation-Token header must be one printable token.');
      }
      // Subscription handshake: echo the header, empty body, store nothing.
      void reply.status(200).header('Validation-Token', validationToken).send();
      return;
    }
    const expected = this.secret('ringcentral', this.config.webhooks.ringcentralVerificationToken);
    const result = await this.accept(
      'ringcentral',
      request,
      verifyRingCentral(this.raw(request), verificationToken, expected),
    );
    void reply.status(200).send(result);
  }

  @Post('google')
  @WebhookBody()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Google Pub/Sub push (Google-signed OIDC bearer JWT when an audience is configured, else ?token= in the push URL)',
  })
  @ApiOkResponse({ type: WebhookAcceptedDto })
  @ApiProblems(400, 401, 413, 429, 503)
  async google(
    @Req() request: WebhookRequest,
    @Query('token') token?: unknown,
    @Headers('authorization') authorization?: string,
  ): Promise<WebhookAcceptedDto> {
    const { googlePushAudience: audience, googlePushToken } = this.config.webhooks;
    if (!audience) {
      const expected = this.secret('google', googlePushToken);
      return this.accept('google', request, verifyGooglePush(this.raw(request), single(token), expected));
    }
    return this.accept('google', request, await this.googlePush.verify(this.raw(request), authorization, audience));
  }

  /** The bytes as received; none (no body, or a type without a raw body) verifies as empty and fails. */
  private raw(request: WebhookRequest): Buffer {
    return request.rawBody ?? Buffer.alloc(0);
  }

  private secret(provider: WebhookProvider, value: string | undefined): string {
    // Unconfigured means unverifiable: refuse rather than accept unverified events.
    if (!value) throw new DomainError('service_unavailable', `The ${provider} webhook is not configured.`);
    return value;
  }

  private async accept(
    provider: WebhookProvider,
    request: WebhookRequest,
    result: VerificationResult,
  ): Promise<WebhookAcceptedDto> {
    if (!result.ok) return this.abuse.refuse(provider, request.ip);
    const headers = Object.fromEntries(
      KEPT_HEADERS.flatMap((name) => {
        const value = request.headers[name];
        return typeof value === 'string' ? [[name, value.slice(0, 256)]] : [];
      }),
    );
    const { duplicate } = await this.intake.accept(provider, result.delivery, { rawBody: this.raw(request), headers });
    return { received: true, duplicate };
  }
}
