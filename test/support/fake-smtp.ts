import { SMTPServer } from 'smtp-server';
import { freePort } from './wait.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A local SMTP server for nodemailer to talk to. Recipients listed in `refuse` are answered with
 * the given SMTP code, to exercise temporary (4xx) and permanent (5xx) failures.
 */
export class FakeSmtpServer {
  readonly received: ReceivedMail[] = [];
  readonly refuse = new Map<string, number>();
  /** Delivery attempts per recipient, refused ones included. */
  readonly attempts = new Map<string, number>();
  private server: SMTPServer | undefined;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        this.attempts.set(address.address, (this.attempts.get(address.address) ?? 0) + 1);
        const code = this.refuse.get(address.address);
        if (code === undefined) return callback();
        const error = Object.assign(new Error(`refused ${address.address}`), { responseCode: code });
        return callback(error);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
