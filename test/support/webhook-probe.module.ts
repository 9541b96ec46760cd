import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  HandlesWebhooks,
  type StoredWebhookEvent,
  type WebhookHandler,
} from '../../src/infrastructure/webhooks/index.js';

export const WEBHOOK_PROBE_TABLE =
  'CREATE TABLE IF NOT EXISTS probe_webhook_effects (external_id text NOT NULL, at timestamptz DEFAULT now())';

/** Switch for the flaky handler: while true, it fails. */
export const flaky = { failing: true };

/** Stands in for the payments module: records each handling so duplicates would show. */
@Injectable()
@HandlesWebhooks({ provider: 'stripe', eventTypes: ['payment_intent.succeeded', 'test.flaky'] })
class ProbeStripeHandler implements WebhookHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async handle(event: StoredWebhookEvent): Promise<void> {
    if (event.eventType === 'test.flaky' && flaky.failing) throw new Error('downstream unavailable');
    await this.dataSource.query('INSERT INTO probe_webhook_effects (external_id) VALUES ($1)', [event.externalId]);
  }
}

@Module({ providers: [ProbeStripeHandler] })
export class WebhookProbeModule {}
