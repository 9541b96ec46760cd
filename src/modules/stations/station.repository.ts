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

  codesTaken(candidates: string[]): Promise<string[]> {
    return this.stations
      .createQueryBuilder('station')
      .withDeleted()
      .select('station.code', 'code')
      .where('station.code IN (:...candidates)', { candidates })
      .getRawMany<{ code: string }>()
      .then((rows) => rows.map((row) => row.code));
  }

  insert(station: NewStation): Promise<StationEntity> {
    return this.stations.save(this.stations.create(station));
  }

  save(station: StationEntity): Promise<StationEntity> {
    return this.stations.save(station);
  }
}
