import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ServiceArea, StationAddress, StationSettings } from './domain/station-settings.js';

@Entity('stations')
export class StationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  code: string;

  @Column('text')
  name: string;

  /** IANA zone; slot times and blackout dates are read in it. */
  @Column('text')
  timezone: string;

  @Column('jsonb')
  address: StationAddress;

  @Column('double precision')
  latitude: number;

  @Column('double precision')
  longitude: number;

  @Column('jsonb', { name: 'service_area' })
  serviceArea: ServiceArea;

  @Column('text', { name: 'contact_phone', nullable: true })
  contactPhone: string | null;

  @Column('text', { name: 'contact_email', nullable: true })
  contactEmail: string | null;

  @Column('boolean', { name: 'is_active', default: true })
  isActive: boolean;

  @Column('jsonb')
  settings: StationSettings;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz' })
  deletedAt: Date | null;
}
