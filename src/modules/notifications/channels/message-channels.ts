import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../../config/index.js';
import { RingCentralClient, RingCentralRejectedError } from '../../../infrastructure/channels/index.js';
import type { NotificationChannel } from '../domain/notification-types.js';

export interface OutboundMessage {
  to: string;
  subject: string | null;
  body: string;
}

/** A refusal that retrying cannot fix; the notification fails at once instead of retrying. */
export class PermanentDeliveryError extends Error {}

export interface MessageChannel {
  /** False when the channel has no credentials: messages are then logged as `not_sent`. */
  readonly configured: boolean;
  /** Delivers one message; returns the provider's message id. */
  send(message: OutboundMessage): Promise<string | null>;
}

/** E-mail over SMTP (nodemailer) when `SMTP_URL` is set. */
@Injectable()
export class EmailChannel implements MessageChannel, OnApplicationShutdown {
  private transporter: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.notifications.smtpUrl !== undefined;
  }

  async send(message: OutboundMessage): Promise<string | null> {
    this.transporter ??= nodemailer.createTransport(
      {
        url: this.config.notifications.smtpUrl,
        // Bounded well below the stale-send window, so a hung server never holds a send (or shutdown) for long.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      },
      { from: this.config.notifications.mailFrom },
    );
    try {
      const info = (await this.transporter.sendMail({
        to: message.to,
        subject: message.subject ?? undefined,
        text: message.body,
      })) as { messageId?: string };
      return info.messageId ?? null;
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // SMTP 5xx is a permanent refusal (unknown mailbox, rejected sender); 4xx and network errors pass.
      if (code !== undefined && code >= 500) throw new PermanentDeliveryError((error as Error).message);
      throw error;
    }
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}

/** SMS through RingCentral when its credentials are set. */
@Injectable()
export class SmsChannel implements MessageChannel {
  constructor(private readonly ringcentral: RingCentralClient) {}

  get configured(): boolean {
    return this.ringcentral.configured;
  }

  async send(message: OutboundMessage): Promise<string | null> {
    try {
      return await this.ringcentral.sendSms(message.to, message.body);
    } catch (error) {
      if (error instanceof RingCentralRejectedError) throw new PermanentDeliveryError(error.message);
      throw error;
    }
  }
}

@Injectable()
export class MessageChannels {
  constructor(
    private readonly email: EmailChannel,
    private readonly sms: SmsChannel,
  ) {}

  get(channel: NotificationChannel): MessageChannel {
    return channel === 'email' ? this.email : this.sms;
  }
}
