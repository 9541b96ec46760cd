import type { BookingMessageData } from './notification-types.js';
import { renderNotification } from './render-notification.js';

const booking: BookingMessageData = {
  bookingReference: 'MH-7KQ2',
  customerName: 'Ada',
  stationName: 'San Jose',
  stationPhone: '+1 408 555 0100',
  startsAt: '2026-03-08T19:00:00.000Z',
  timezone: 'America/Los_Angeles',
  guests: 12,
  addressLine: '1 Main St, San Jose',
  currency: 'USD',
  totalCents: 82_050,
  depositCents: 10_000,
  manageUrl: 'https://myhibachi.test/manage/abc',
};

describe(renderNotification.name, () => {
  it('shows the event in the station zone, on the right side of a DST change', () => {
    // 19:00Z is noon PDT on 2026-03-08, the first day of daylight time.
    const { subject, body } = renderNotification('booking_confirmation', 'email', booking);
    expect(subject).toBe('Your MyHibachi booking is confirmed: Sunday, March 8, 2026 at 12:00 PM PDT');
    expect(body).toContain('Total: $820.50 (deposit $100.00)');
    expect(body).toContain('https://myhibachi.test/manage/abc');
  });

  it('keeps SMS short and without a subject', () => {
    const sms = renderNotification('booking_reminder', 'sms', { ...booking, addressLine: 'x'.repeat(500) });
    expect(sms.subject).toBeNull();
    expect(sms.body.length).toBeLessThanOrEqual(320);
    expect(sms.body.endsWith('…')).toBe(true);
  });

  it('mentions a refund only when there is one', () => {
    expect(renderNotification('booking_cancellation', 'email', { ...booking, refundCents: 5000 }).body).toContain(
      'A refund of $50.00',
    );
    expect(renderNotification('booking_cancellation', 'email', { ...booking, refundCents: 0 }).body).not.toContain(
      'refund',
    );
  });

  it('renders review requests and staff alerts', () => {
    expect(
      renderNotification('review_request', 'email', {
        customerName: 'Ada',
        stationName: 'San Jose',
        reviewUrl: 'https://r.test/1',
      }).body,
    ).toContain('https://r.test/1');
    expect(
      renderNotification('staff_alert', 'sms', {
        alert: 'booking_created',
        title: 'New booking',
        lines: ['12 guests'],
      }),
    ).toEqual({ subject: null, body: 'New booking · 12 guests' });
  });
});
