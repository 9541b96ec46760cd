import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { NotificationChannel, StaffAlert } from './domain/notification-types.js';

/** Which staff of a station receive which alerts, over which channels. */
@Entity('notification_groups')
export class NotificationGroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'station_id' })
  stationId: string;

  @Column('text')
  name: string;

  @Column('text', { array: true })
  alerts: StaffAlert[];

  @Column('text', { array: true })
  channels: NotificationChannel[];

  @Column('uuid', { name: 'member_user_ids', array: true, default: () => "'{}'" })
  memberUserIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
