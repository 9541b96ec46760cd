import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { isUniqueViolation, type StationRole } from '../../common/index.js';
import { StationMemberEntity } from './station-member.entity.js';

export interface UserMembership {
  stationId: string;
  stationCode: string;
  stationName: string;
  role: StationRole;
}

@Injectable()
export class StationMemberRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get members(): Repository<StationMemberEntity> {
    return this.txHost.tx.getRepository(StationMemberEntity);
  }

  find(stationId: string, userId: string): Promise<StationMemberEntity | null> {
    return this.members.findOneBy({ stationId, userId });
  }

  /** Inserts; null when the user is already a member (the unique key decides, race-free). */
  async insert(
    member: Pick<StationMemberEntity, 'stationId' | 'userId' | 'role' | 'displayName'>,
  ): Promise<StationMemberEntity | null> {
    try {
      return await this.members.save(this.members.create({ ...member, isActive: true }));
    } catch (error) {
      if (isUniqueViolation(error, 'station_members_station_user_key')) return null;
      throw error;
    }
  }

  save(member: StationMemberEntity): Promise<StationMemberEntity> {
    return this.members.save(member);
  }

  async remove(member: StationMemberEntity): Promise<void> {
    await this.members.delete({ id: member.id });
  }

  /** Active station admins other than `userId`; callers lock the station row first. */
  countOtherActiveAdmins(stationId: string, userId: string): Promise<number> {
    return this.members
      .createQueryBuilder('member')
      .where('member.station_id = :stationId AND member.user_id <> :userId', { stationId, userId })
      .andWhere("member.role = 'station_admin' AND member.is_active")
      .getCount();
  }

  /** Members of a station (one user's membership when `userId` is given), by display name. */
  list(stationId: string, userId?: string): Promise<StationMemberEntity[]> {
    return this.members.find({ where: { stationId, ...(userId ? { userId } : {}) }, order: { displayName: 'ASC' } });
  }

  /** Active memberships of a user at active stations: what goes into the access token. */
  listForUser(userId: string): Promise<UserMembership[]> {
    return this.members.manager
      .createQueryBuilder()
      .select(['m.station_id AS "stationId"', 's.code AS "stationCode"', 's.name AS "stationName"', 'm.role AS "role"'])
      .from('station_members', 'm')
      .innerJoin('stations', 's', 's.id = m.station_id AND s.deleted_at IS NULL AND s.is_active')
      .where('m.user_id = :userId AND m.is_active', { userId })
      .orderBy('s.name', 'ASC')
      .getRawMany<UserMembership>();
  }
}
