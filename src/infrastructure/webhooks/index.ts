export * from './webhook-handler.js';
export type { StoredWebhookEvent, WebhookProvider } from './webhook-provider.js';
