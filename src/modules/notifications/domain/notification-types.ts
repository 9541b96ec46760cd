export const NOTIFICATION_TEMPLATES = [
  'booking_confirmation',
  'booking_reminder',
  'booking_cancellation',
  'review_request',
  'staff_alert',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_STATUSES = [
  'scheduled',
  'queued',
  'sending',
  'retrying',
  'sent',
  'not_sent',
  'failed',
  'cancelled',
] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Statuses a send job may still act on; the rest are final. */
export const PENDING_NOTIFICATION_STATUSES: readonly NotificationStatus[] = [
  'scheduled',
  'queued',
  'retrying',
  'sending',
];

/** What staff can subscribe a notification group to. */
export const STAFF_ALERTS = [
  'booking_created',
  'booking_confirmed',
  'booking_rescheduled',
  'booking_cancelled',
  'booking_expired',
  'payment_received',
  'payment_failed',
  'lead_created',
  'review_received',
  'message_received',
] as const;
export type StaffAlert = (typeof STAFF_ALERTS)[number];

/** What a booking message says; times are rendered in the station's zone. */
export interface BookingMessageData {
  bookingReference: string;
  customerName: string;
  stationName: string;
  stationPhone?: string | null;
  startsAt: string;
  timezone: string;
  guests: number;
  addressLine: string;
  currency: string;
  totalCents: number;
  depositCents: number;
  manageUrl?: string | null;
  refundCents?: number | null;
  reason?: string | null;
}

export interface ReviewRequestData {
  customerName: string;
  stationName: string;
  reviewUrl: string;
}

export interface StaffAlertData {
  alert: StaffAlert;
  title: string;
  lines: string[];
  link?: string | null;
}

export interface TemplateData {
  booking_confirmation: BookingMessageData;
  booking_reminder: BookingMessageData;
  booking_cancellation: BookingMessageData;
  review_request: ReviewRequestData;
  staff_alert: StaffAlertData;
}

export interface RenderedMessage {
  /** E-mail subject; null for SMS. */
  subject: string | null;
  body: string;
}
