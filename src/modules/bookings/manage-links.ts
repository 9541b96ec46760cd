import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';

/**
 * Manage-link tokens are derived from the booking id with a server key, so messages sent later (a
 * reminder, a reschedule notice) can carry the link again while the database keeps only its hash.
 */
@Injectable()
export class ManageLinks {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createHmac('sha256', config.bookings.linkSecret ?? config.auth.jwtSecret)
      .update('booking-manage-link/v1')
      .digest();
  }

  tokenFor(bookingId: string): string {
    return createHmac('sha256', this.key).update(bookingId).digest('base64url');
  }

  urlFor(bookingId: string): string {
    return new URL(`/bookings/manage/${this.tokenFor(bookingId)}`, this.config.notifications.publicSiteUrl).toString();
  }

  reviewUrlFor(reference: string): string {
    const url = new URL('/reviews/new', this.config.notifications.publicSiteUrl);
    url.searchParams.set('booking', reference);
    return url.toString();
  }
}
