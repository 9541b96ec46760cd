import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { StationRole } from '../../common/index.js';

@Entity('station_members')
export class StationMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'station_id' })
  stationId: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  role: StationRole;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('boolean', { name: 'is_active', default: true })
  isActive: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
