import { SetMetadata } from '@nestjs/common';
import type { StoredWebhookEvent, WebhookProvider } from './webhook-provider.js';

export const WEBHOOK_HANDLER_KEY = 'webhooks.handler';

export interface WebhookHandlerOptions {
  provider: WebhookProvider;
  /** Event types handled (Stripe `payment_intent.succeeded`, Meta `page`, ...); `*` for all of the provider. */
  eventTypes: readonly string[];
}

/**
 * A module's processing of one provider's events. It turns the event into the module's own
 * commands, which join the processor's transaction: their writes commit only with the event's
 * `processed` status. Because that transaction holds a pooled connection (and any locks the
 * commands take) until the handler returns, a handler should only write: calls to providers belong in
 * an outbox consumer, and a database error must not be caught to carry on (the transaction is
 * aborted by then). Work outside the database may still run more than once, so it must be idempotent.
 */
export interface WebhookHandler {
  handle(event: StoredWebhookEvent): Promise<void>;
}

export const HandlesWebhooks = (options: WebhookHandlerOptions): ClassDecorator =>
  SetMetadata(WEBHOOK_HANDLER_KEY, options);
