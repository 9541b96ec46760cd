import type {
  BookingMessageData,
  NotificationChannel,
  NotificationTemplate,
  RenderedMessage,
  ReviewRequestData,
  StaffAlertData,
  TemplateData,
} from './notification-types.js';

/** SMS segments cost money and get split past 160 GSM characters; the long form goes by e-mail. */
const SMS_MAX_LENGTH = 320;

export function formatEventTime(startsAt: string, timezone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(startsAt));
}

function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}

function bookingFacts(data: BookingMessageData): string[] {
  return [
    `When: ${formatEventTime(data.startsAt, data.timezone)}`,
    `Where: ${data.addressLine}`,
    `Guests: ${data.guests}`,
    `Booking reference: ${data.bookingReference}`,
  ];
}

function signature(data: { stationName: string; stationPhone?: string | null }): string[] {
  return ['', `MyHibachi ${data.stationName}${data.stationPhone ? ` · ${data.stationPhone}` : ''}`];
}

function confirmation(data: BookingMessageData, channel: NotificationChannel): RenderedMessage {
  const when = formatEventTime(data.startsAt, data.timezone);
  if (channel === 'sms') {
    return {
      subject: null,
      body: `MyHibachi: your hibachi party on ${when} is confirmed (ref ${data.bookingReference}).${data.manageUrl ? ` Manage: ${data.manageUrl}` : ''}`,
    };
  }
  return {
    subject: `Your MyHibachi booking is confirmed: ${when}`,
    body: [
      `Hi ${data.customerName},`,
      '',
      'Your hibachi party is confirmed. Our chef will arrive about 30 minutes early to set up.',
      '',
      ...bookingFacts(data),
      `Total: ${formatMoney(data.totalCents, data.currency)} (deposit ${formatMoney(data.depositCents, data.currency)})`,
      ...(data.manageUrl ? ['', `View, reschedule or cancel: ${data.manageUrl}`] : []),
      ...signature(data),
    ].join('\n'),
  };
}

function reminder(data: BookingMessageData, channel: NotificationChannel): RenderedMessage {
  const when = formatEventTime(data.startsAt, data.timezone);
  if (channel === 'sms') {
    return {
      subject: null,
      body: `MyHibachi reminder: your chef arrives for ${data.guests} guests on ${when} at ${data.addressLine}.`,
    };
  }
  return {
    subject: `Reminder: your hibachi party is on ${when}`,
    body: [
      `Hi ${data.customerName},`,
      '',
      'A reminder that your hibachi party is coming up. Please have a clear outdoor space ready for the grill.',
      '',
      ...bookingFacts(data),
      ...(data.manageUrl ? ['', `Need a change? ${data.manageUrl}`] : []),
      ...signature(data),
    ].join('\n'),
  };
}

function cancellation(data: BookingMessageData, channel: NotificationChannel): RenderedMessage {
  const when = formatEventTime(data.startsAt, data.timezone);
  const refund =
    data.refundCents && data.refundCents > 0
      ? `A refund of ${formatMoney(data.refundCents, data.currency)} is on its way to your card.`
      : null;
  if (channel === 'sms') {
    return {
      subject: null,
      body: `MyHibachi: your booking for ${when} (ref ${data.bookingReference}) is cancelled.${refund ? ` ${refund}` : ''}`,
    };
  }
  return {
    subject: `Your MyHibachi booking for ${when} is cancelled`,
    body: [
      `Hi ${data.customerName},`,
      '',
      `Your hibachi party on ${when} (reference ${data.bookingReference}) is cancelled.`,
      ...(data.reason ? [`Reason: ${data.reason}`] : []),
      ...(refund ? [refund] : []),
      '',
      'We hope to cook for you another time.',
      ...signature(data),
    ].join('\n'),
  };
}

function reviewRequest(data: ReviewRequestData, channel: NotificationChannel): RenderedMessage {
  if (channel === 'sms') {
    return {
      subject: null,
      body: `Thanks for dining with MyHibachi ${data.stationName}! Tell us how it went: ${data.reviewUrl}`,
    };
  }
  return {
    subject: 'How was your hibachi party?',
    body: [
      `Hi ${data.customerName},`,
      '',
      'Thank you for having our chef over. Would you take a minute to tell us how it went?',
      '',
      data.reviewUrl,
      ...signature(data),
    ].join('\n'),
  };
}

function staffAlert(data: StaffAlertData, channel: NotificationChannel): RenderedMessage {
  if (channel === 'sms') {
    return { subject: null, body: [data.title, ...data.lines].join(' · ') };
  }
  return {
    subject: `[MyHibachi] ${data.title}`,
    body: [data.title, '', ...data.lines, ...(data.link ? ['', data.link] : [])].join('\n'),
  };
}

function truncateSms(message: RenderedMessage): RenderedMessage {
  if (message.body.length <= SMS_MAX_LENGTH) return message;
  return { subject: null, body: `${message.body.slice(0, SMS_MAX_LENGTH - 1)}…` };
}

/** The subject and text of one message; pure, so a stored notification can be re-rendered after a change. */
export function renderNotification<T extends NotificationTemplate>(
  template: T,
  channel: NotificationChannel,
  data: TemplateData[T],
): RenderedMessage {
  const rendered = ((): RenderedMessage => {
    switch (template) {
      case 'booking_confirmation':
        return confirmation(data as BookingMessageData, channel);
      case 'booking_reminder':
        return reminder(data as BookingMessageData, channel);
      case 'booking_cancellation':
        return cancellation(data as BookingMessageData, channel);
      case 'review_request':
        return reviewRequest(data as ReviewRequestData, channel);
      case 'staff_alert':
        return staffAlert(data as StaffAlertData, channel);
    }
  })();
  return channel === 'sms' ? truncateSms(rendered) : rendered;
}
