import { Injectable, Module } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  HandlesWebhooks,
  type StoredWebhookEvent,
  type WebhookHandler,
} from '../../src/infrastructure/webhooks/index.js';

/** External ids whose handling fails while listed; `writeThenFail` ids fail once, after their command committed. */
export const hardeningProbe = { failing: new Set<string>(), writeThenFail: new Set<string>(), slowMs: 400 };

/**
 * Stands in for a module whose commands are `@Transactional()`: its effect joins the transaction the
 * processor runs it in, if any, and is recorded in probe_webhook_effects (WEBHOOK_PROBE_TABLE).
 */
@Injectable()
@HandlesWebhooks({ provider: 'stripe', eventTypes: ['test.slow', 'test.write_then_fail'] })
class SlowTransactionalProbeHandler implements WebhookHandler {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async handle(event: StoredWebhookEvent): Promise<void> {
    if (hardeningProbe.failing.has(event.externalId)) throw new Error('downstream unavailable');
    await new Promise((resolve) => setTimeout(resolve, hardeningProbe.slowMs));
    // Like a `@Transactional()` command (Propagation.Required): joins an outer transaction, else its own.
    await this.txHost.withTransaction(() =>
      this.txHost.tx.query('INSERT INTO probe_webhook_effects (external_id) VALUES ($1)', [event.externalId]),
    );
    if (hardeningProbe.writeThenFail.delete(event.externalId)) throw new Error('failed after writing');
  }
}

@Module({ providers: [SlowTransactionalProbeHandler] })
export class WebhookHardeningProbeModule {}
