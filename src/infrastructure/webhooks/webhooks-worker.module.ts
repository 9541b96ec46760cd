import { Module } from '@nestjs/common';
import { WebhookRequeuer } from './webhook-requeuer.js';
import { WebhooksModule } from './webhooks.module.js';
import { WebhooksProcessor } from './webhooks.processor.js';

/** Worker role only: processing of stored webhook events and the requeuer for Redis outages. */
@Module({ imports: [WebhooksModule], providers: [WebhooksProcessor, WebhookRequeuer] })
export class WebhooksWorkerModule {}
