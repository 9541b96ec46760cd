import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { NotificationChannel, NotificationStatus, NotificationTemplate } from './domain/notification-types.js';

/** One message to one recipient over one channel: the delivery log and the send job's state. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'station_id', nullable: true })
  stationId: string | null;

  @Column('text')
  template: NotificationTemplate;

  @Column('text')
  channel: NotificationChannel;

  @Column('text')
  recipient: string;

  @Column('uuid', { name: 'recipient_user_id', nullable: true })
  recipientUserId: string | null;

  @Column('text', { name: 'aggregate_type', nullable: true })
  aggregateType: string | null;

  @Column('text', { name: 'aggregate_id', nullable: true })
  aggregateId: string | null;

  /** Makes a repeated request (a retried event consumer) create nothing new. */
  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  @Column('jsonb')
  data: Record<string, unknown>;

  @Column('text', { nullable: true })
  subject: string | null;

  @Column('text')
  body: string;

  @Column('text')
  status: NotificationStatus;

  @Column('timestamptz', { name: 'send_at', default: () => 'now()' })
  sendAt: Date;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('text', { name: 'provider_message_id', nullable: true })
  providerMessageId: string | null;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
