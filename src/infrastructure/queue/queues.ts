/** Every BullMQ queue of the app, named in one place. */
export const QUEUES = {
  /** One job per (outbox event, consumer); jobId `<outboxId>_<consumer>`. */
  domainEvents: 'domain-events',
  /**
   * One job per stored webhook event: jobId = webhook_events.id, or `<id>_replay_<ms>` and
   * `<id>_requeue_<ms>` for a replay and for a stuck event queued again (webhook_events.job_id).
   */
  webhooks: 'webhooks',
  /** One job per notification; jobId = notifications.id (delayed for scheduled sends). */
  notifications: 'notifications',
  /** Delayed job per unpaid booking that expires its hold; jobId `hold-<bookingId>`. */
  bookingHolds: 'booking-holds',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
