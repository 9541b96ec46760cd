import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { KeysetCursor } from '../../common/index.js';
import { AuditLogEntity } from './audit-log.entity.js';

export interface AuditLogFilter {
  /** 'all' for a super admin; otherwise rows of these stations only. */
  stations: 'all' | string[];
  stationId?: string;
  entity?: string;
  entityId?: string;
  actorUserId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  after?: KeysetCursor;
  limit: number;
}

export type AuditLogRow = AuditLogEntity & { position: string };

@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; `limit + 1` rows so the caller knows whether a next page exists. */
  list(filter: AuditLogFilter): Promise<AuditLogRow[]> {
    const query = this.dataSource
      .getRepository(AuditLogEntity)
      .createQueryBuilder('log')
      .addSelect(`to_char(log.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'position')
      .orderBy('log.created_at', 'DESC')
      .addOrderBy('log.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.stations !== 'all') {
      if (filter.stations.length === 0) return Promise.resolve([]);
      query.andWhere('log.station_id IN (:...stations)', { stations: filter.stations });
    }
    if (filter.stationId) query.andWhere('log.station_id = :stationId', { stationId: filter.stationId });
    if (filter.entity) query.andWhere('log.entity = :entity', { entity: filter.entity });
    if (filter.entityId) query.andWhere('log.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorUserId) query.andWhere('log.actor_user_id = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.action) query.andWhere('log.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('log.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('log.created_at < :to', { to: filter.to });
    if (filter.after) {
      query.andWhere('(log.created_at, log.id) < (:afterAt::timestamptz, :afterId::uuid)', {
        afterAt: filter.after.position,
        afterId: filter.after.id,
      });
    }
    return query
      .getRawAndEntities()
      .then(({ entities, raw }) =>
        entities.map((entity, index) =>
          Object.assign(entity, { position: (raw[index] as { position: string }).position }),
        ),
      );
  }
}
