import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/index.js';
import type { StaffAlert } from './domain/notification-types.js';
import { NotificationGroupEntity } from './notification-group.entity.js';

@Injectable()
export class NotificationGroupRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get groups(): Repository<NotificationGroupEntity> {
    return this.txHost.tx.getRepository(NotificationGroupEntity);
  }

  /** Always filtered by station: a group id of another station is simply not found. */
  find(stationId: string, id: string): Promise<NotificationGroupEntity | null> {
    return this.groups.findOneBy({ stationId, id });
  }

  list(stationId: string): Promise<NotificationGroupEntity[]> {
    return this.groups.find({ where: { stationId }, order: { name: 'ASC' } });
  }

  listForAlert(stationId: string, alert: StaffAlert): Promise<NotificationGroupEntity[]> {
    return this.groups
      .createQueryBuilder('g')
      .where('g.station_id = :stationId AND :alert = ANY(g.alerts)', { stationId, alert })
      .getMany();
  }

  /** Saves; null when another group of the station already has the name. */
  async save(group: NotificationGroupEntity): Promise<NotificationGroupEntity | null> {
    try {
      return await this.groups.save(group);
    } catch (error) {
      if (isUniqueViolation(error, 'notification_groups_station_name_key')) return null;
      throw error;
    }
  }

  create(group: Pick<NotificationGroupEntity, 'stationId' | 'name' | 'alerts' | 'channels' | 'memberUserIds'>) {
    return this.groups.create(group);
  }

  async delete(stationId: string, id: string): Promise<boolean> {
    const result = await this.groups.delete({ stationId, id });
    return (result.affected ?? 0) > 0;
  }
}
