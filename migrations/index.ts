import { EnableExtensions1763771000000 } from './1763771000000-enable-extensions.js';
import { AuthStationsAudit1763772000000 } from './1763772000000-auth-stations-audit.js';
import { OutboxWebhooks1763773000000 } from './1763773000000-outbox-webhooks.js';
import { Notifications1763774000000 } from './1763774000000-notifications.js';
import { Bookings1763775000000 } from './1763775000000-bookings.js';
import { OutboxConsumers1763776000000 } from './1763776000000-outbox-consumers.js';
import { WebhookRawBody1763777000000 } from './1763777000000-webhook-raw-body.js';
import { BookingRefundCap1763778000000 } from './1763778000000-booking-refund-cap.js';

/**
 * Every migration, oldest first. Listed explicitly (not globbed) so the app, the CLI entry point
 * and the tests load the same classes whether they run compiled or from TypeScript sources.
 * `npm run migration:generate` appends new ones here.
 */
export const MIGRATIONS = [
  EnableExtensions1763771000000,
  AuthStationsAudit1763772000000,
  OutboxWebhooks1763773000000,
  Notifications1763774000000,
  Bookings1763775000000,
  OutboxConsumers1763776000000,
  WebhookRawBody1763777000000,
  BookingRefundCap1763778000000,
];
