import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_logs')
export class AuditLogEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Column('text', { name: 'actor_role', nullable: true })
  actorRole: string | null;

  @Column('text', { name: 'actor_ip', nullable: true })
  actorIp: string | null;

  @Column('text', { name: 'actor_user_agent', nullable: true })
  actorUserAgent: string | null;

  @Column('text')
  action: string;

  @Column('text')
  entity: string;

  @Column('text', { name: 'entity_id', nullable: true })
  entityId: string | null;

  @Column('uuid', { name: 'station_id', nullable: true })
  stationId: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  changes: object;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
