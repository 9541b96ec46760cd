export const WEBHOOK_PROVIDERS = ['stripe', 'meta', 'ringcentral', 'google'] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

export const WEBHOOK_STATUSES = ['received', 'queued', 'processing', 'processed', 'ignored', 'failed'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

/** Payload of a webhooks job. */
export interface WebhookJob {
  webhookEventId: string;
}

/** A stored, verified delivery as a handler receives it. */
export interface StoredWebhookEvent {
  id: string;
  provider: WebhookProvider;
  externalId: string;
  eventType: string;
  /** The parsed body, with `\u0000` and lone surrogates (which PostgreSQL refuses) replaced by U+FFFD. */
  payload: unknown;
  /** The body exactly as signed and received; null for events stored before raw bodies were kept. */
  rawBody: Buffer | null;
  receivedAt: Date;
}
