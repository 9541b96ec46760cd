import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BookingStatus } from './domain/booking-status.js';
import type { Quote, UpgradeRequest } from './domain/pricing.js';

export interface BookingAddress {
  line1: string;
  line2?: string;
  city: string;
  region: string;
  postalCode: string;
  latitude?: number;
  longitude?: number;
}

export type CancelledBy = 'customer' | 'staff' | 'system';

@Entity('bookings')
export class BookingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short code customers quote on the phone. */
  @Column('text')
  reference: string;

  @Column('uuid', { name: 'station_id' })
  stationId: string;

  @Column('uuid', { name: 'customer_user_id', nullable: true })
  customerUserId: string | null;

  @Column('text', { name: 'contact_name' })
  contactName: string;

  @Column('text', { name: 'contact_email' })
  contactEmail: string;

  @Column('text', { name: 'contact_phone' })
  contactPhone: string;

  @Column('jsonb')
  address: BookingAddress;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  /** End of the chefs' travel and clean-up; capacity is held until then. */
  @Column('timestamptz', { name: 'blocked_until' })
  blockedUntil: Date;

  /** The event's date in the station's zone. */
  @Column('date', { name: 'local_date' })
  localDate: string;

  @Column('integer')
  adults: number;

  @Column('integer', { default: 0 })
  children: number;

  @Column('integer', { default: 0 })
  toddlers: number;

  @Column('integer')
  guests: number;

  @Column('integer', { name: 'chefs_needed' })
  chefsNeeded: number;

  @Column('jsonb', { default: () => "'[]'" })
  upgrades: UpgradeRequest[];

  @Column('text', { name: 'menu_notes', nullable: true })
  menuNotes: string | null;

  @Column('text', { name: 'customer_notes', nullable: true })
  customerNotes: string | null;

  @Column('text', { name: 'staff_notes', nullable: true })
  staffNotes: string | null;

  @Column('jsonb')
  quote: Quote;

  @Column('text')
  currency: string;

  @Column('integer', { name: 'total_cents' })
  totalCents: number;

  @Column('integer', { name: 'deposit_cents' })
  depositCents: number;

  @Column('integer', { name: 'deposit_paid_cents', default: 0 })
  depositPaidCents: number;

  @Column('text')
  status: BookingStatus;

  @Column('timestamptz', { name: 'hold_expires_at', nullable: true })
  holdExpiresAt: Date | null;

  /**
   * SHA-256 of the manage link token. The token itself lives in the customer's messages, and for 24 h
   * in the idempotency copy of the create response (so a retried checkout gets its link again).
   */
  @Column('text', { name: 'manage_token_hash' })
  manageTokenHash: string;

  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  confirmedAt: Date | null;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  @Column('text', { name: 'cancellation_reason', nullable: true })
  cancellationReason: string | null;

  @Column('text', { name: 'cancelled_by', nullable: true })
  cancelledBy: CancelledBy | null;

  @Column('integer', { name: 'refund_cents', nullable: true })
  refundCents: number | null;

  /**
   * The most a cancellation may refund (percent) after the customer moved the event: what cancelling
   * instead of moving would have refunded then. Null: the policy alone decides.
   */
  @Column('smallint', { name: 'refund_cap_percent', nullable: true })
  refundCapPercent: number | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
