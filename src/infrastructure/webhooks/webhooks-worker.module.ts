import { Module } from '@nestjs/common';
import { WebhookEventPruner } from './webhook-event-pruner.js';
import { WebhookRequeuer } from './webhook-requeuer.js';
import { WebhooksModule } from './webhooks.module.js';
import { WebhooksProcessor } from './webhooks.processor.js';

/**
 * Worker role only: processing of stored webhook events, the requeuer for Redis outages and lost
 * jobs, and the pruner of settled events.
 */
@Module({ imports: [WebhooksModule], providers: [WebhooksProcessor, WebhookRequeuer, WebhookEventPruner] })
export class WebhooksWorkerModule {}
