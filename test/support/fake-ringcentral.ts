import { createServer, type IncomingMessage, type Server } from 'node:http';
import { freePort } from './wait.js';

export interface SentSms {
  authorization: string | undefined;
  from: string;
  to: string;
  text: string;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The two RingCentral endpoints the SMS channel uses: the JWT token exchange and sending SMS. */
export class FakeRingCentral {
  readonly sent: SentSms[] = [];
  tokenRequests = 0;
  /** Phone numbers answered with 400 (an invalid number). */
  readonly invalidNumbers = new Set<string>();
  /** SMS requests per number, refused ones included. */
  readonly requests = new Map<string, number>();
  /** Answer the next SMS request with 401, as when RingCentral revoked the access token. */
  revokeTokenOnce = false;
  private server: Server | undefined;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = createServer((request, response) => {
      void (async () => {
        const body = await readBody(request);
        const send = (status: number, payload: object): void => {
          response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
        };
        if (request.url === '/restapi/oauth/token' && request.method === 'POST') {
          const form = new URLSearchParams(body);
          const basic = Buffer.from('rc-client:rc-secret').toString('base64');
          if (request.headers.authorization !== `Basic ${basic}` || form.get('assertion') !== 'rc-jwt') {
            return send(401, { error: 'invalid_client' });
          }
          this.tokenRequests += 1;
          return send(200, { access_token: `token-${this.tokenRequests}`, expires_in: 3600 });
        }
        if (request.url === '/restapi/v1.0/account/~/extension/~/sms' && request.method === 'POST') {
          if (!request.headers.authorization?.startsWith('Bearer token-')) return send(401, { message: 'bad token' });
          if (this.revokeTokenOnce) {
            this.revokeTokenOnce = false;
            return send(401, { message: 'token revoked' });
          }
          const sms = JSON.parse(body) as {
            from: { phoneNumber: string };
            to: { phoneNumber: string }[];
            text: string;
          };
          const to = sms.to[0].phoneNumber;
          this.requests.set(to, (this.requests.get(to) ?? 0) + 1);
          if (this.invalidNumbers.has(to)) return send(400, { message: 'Invalid phone number' });
          this.sent.push({
            authorization: request.headers.authorization,
            from: sms.from.phoneNumber,
            to,
            text: sms.text,
          });
          return send(200, { id: 1000 + this.sent.length, messageStatus: 'Queued' });
        }
        return send(404, { message: 'not found' });
      })();
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
