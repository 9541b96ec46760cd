import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';

const REQUEST_TIMEOUT_MS = 10_000;
/** Renew the access token this long before RingCentral says it expires. */
const TOKEN_MARGIN_MS = 60_000;

/** A RingCentral answer that retrying the same request cannot fix (bad number, rejected credentials). */
export class RingCentralRejectedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The RingCentral REST API, only what we use: the JWT-bearer token flow and sending SMS.
 * The base URL is configuration, so tests point this real client at a local fake server.
 */
@Injectable()
export class RingCentralClient {
  private token: { value: string; expiresAt: number } | undefined;
  private tokenRequest: Promise<string> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    const { clientId, clientSecret, jwt, fromNumber } = this.config.notifications.ringcentral;
    return Boolean(clientId && clientSecret && jwt && fromNumber);
  }

  /** Sends one SMS from the configured number; returns RingCentral's message id. */
  async sendSms(to: string, text: string): Promise<string> {
    let response = await this.postSms(to, text);
    if (response.status === 401) {
      // The token was revoked or expired early: one fresh token, one more try.
      this.token = undefined;
      response = await this.postSms(to, text);
    }
    const body = (await response.json().catch(() => ({}))) as { id?: string | number; message?: string };
    if (!response.ok) throw this.failure(response.status, `SMS refused: ${body.message ?? response.statusText}`);
    return String(body.id ?? '');
  }

  private async postSms(to: string, text: string): Promise<Response> {
    const { fromNumber } = this.config.notifications.ringcentral;
    return this.request('/restapi/v1.0/account/~/extension/~/sms', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.accessToken()}` },
      body: JSON.stringify({ from: { phoneNumber: fromNumber }, to: [{ phoneNumber: to }], text }),
    });
  }

  /** One token request at a time per process: RingCentral's auth endpoint has a small rate limit. */
  private accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + TOKEN_MARGIN_MS) return Promise.resolve(this.token.value);
    this.tokenRequest ??= this.requestToken().finally(() => {
      this.tokenRequest = undefined;
    });
    return this.tokenRequest;
  }

  private async requestToken(): Promise<string> {
    const { clientId, clientSecret, jwt } = this.config.notifications.ringcentral;
    const response = await this.request('/restapi/oauth/token', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwt ?? '',
      }).toString(),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!response.ok || !body.access_token) {
      throw this.failure(response.status, `RingCentral token request failed with status ${response.status}`);
    }
    this.token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 };
    return this.token.value;
  }

  private request(path: string, init: RequestInit): Promise<Response> {
    const url = new URL(path, this.config.notifications.ringcentral.serverUrl);
    return fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  }

  private failure(status: number, message: string): Error {
    // 429 and 5xx pass with time; other refusals will be refused again.
    return status >= 400 && status < 500 && status !== 429
      ? new RingCentralRejectedError(status, message)
      : new Error(message);
  }
}
