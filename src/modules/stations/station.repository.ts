import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { StationEntity } from './station.entity.js';

type NewStation = Omit<StationEntity, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

@Injectable()
export class StationRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get stations(): Repository<StationEntity> {
    return this.txHost.tx.getRepository(StationEntity);
  }

  findById(id: string): Promise<StationEntity | null> {
    return this.stations.findOneBy({ id });
  }

  /** Locks the station row for a read-modify-write of its settings. */
  findByIdForUpdate(id: string): Promise<StationEntity | null> {
    return this.stations
      .createQueryBuilder('station')
      .setLock('pessimistic_write')
      .where('station.id = :id', { id })
      .getOne();
  }

  listActive(): Promise<StationEntity[]> {
    return this.stations.find({ where: { isActive: true }, order: { name: 'ASC' } });
  }

  /**
   * Inserts the station under the first free code of `codes`. ON CONFLICT DO NOTHING per attempt,
   * so concurrent creations with the same name each get their own code instead of a failure.
   */
  async insertWithFreeCode(station: Omit<NewStation, 'code'>, codes: readonly string[]): Promise<StationEntity | null> {
    for (const code of codes) {
      const result = await this.stations
        .createQueryBuilder()
        .insert()
        .values({ ...station, code })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (result.raw as { id: string }[])[0]?.id;
      if (id) return this.stations.findOneByOrFail({ id });
    }
    return null;
  }

  save(station: StationEntity): Promise<StationEntity> {
    return this.stations.save(station);
  }
}
