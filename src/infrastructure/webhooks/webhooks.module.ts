import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { GooglePushTokenVerifier } from './google-push.verifier.js';
import { ListWebhookEventsHandler } from './list-webhook-events.query.js';
import { ReplayWebhookEventHandler } from './replay-webhook-event.command.js';
import { WebhookAbuseLimiter } from './webhook-abuse-limiter.js';
import { WebhookAdminController } from './webhook-admin.controller.js';
import { WebhookEventRepository } from './webhook-event.repository.js';
import { WebhookHandlerRegistry } from './webhook-handler.registry.js';
import { WebhookIntake } from './webhook-intake.js';
import { WebhooksController } from './webhooks.controller.js';

/** Intake (every role) and the operators' inbox; processing lives in WebhooksWorkerModule. */
@Module({
  imports: [DiscoveryModule],
  controllers: [WebhooksController, WebhookAdminController],
  providers: [
    WebhookEventRepository,
    WebhookIntake,
    WebhookAbuseLimiter,
    GooglePushTokenVerifier,
    WebhookHandlerRegistry,
    ListWebhookEventsHandler,
    ReplayWebhookEventHandler,
  ],
  exports: [WebhookEventRepository, WebhookIntake, WebhookHandlerRegistry],
})
export class WebhooksModule {}
