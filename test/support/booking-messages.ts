import type { DataSource } from 'typeorm';

export interface BookingMessage {
  template: string;
  channel: string;
  status: string;
  send_at: Date;
  body: string;
}

/** The notifications of one booking, oldest first. */
export function bookingMessages(db: DataSource, bookingId: string): Promise<BookingMessage[]> {
  return db.query<BookingMessage[]>(
    'SELECT template, channel, status, send_at, body FROM notifications WHERE aggregate_id = $1 ORDER BY created_at, channel',
    [bookingId],
  );
}
