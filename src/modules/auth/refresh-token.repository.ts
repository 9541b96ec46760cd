import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { IsNull, type Repository } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity.js';

@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tokens(): Repository<RefreshTokenEntity> {
    return this.txHost.tx.getRepository(RefreshTokenEntity);
  }

  insert(
    token: Pick<
      RefreshTokenEntity,
      'userId' | 'familyId' | 'tokenHash' | 'expiresAt' | 'createdIp' | 'createdUserAgent'
    >,
  ): Promise<RefreshTokenEntity> {
    return this.tokens.save(this.tokens.create(token));
  }

  /** Locks the row so two concurrent exchanges of one token cannot both rotate it. */
  findByHashForUpdate(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.tokens
      .createQueryBuilder('token')
      .setLock('pessimistic_write')
      .where('token.token_hash = :tokenHash', { tokenHash })
      .getOne();
  }

  async markUsed(id: string, at: Date): Promise<void> {
    await this.tokens.update({ id }, { usedAt: at });
  }

  async revokeFamily(familyId: string, reason: string, at: Date): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }

  async revokeAllOfUser(userId: string, reason: string, at: Date): Promise<void> {
    await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }
}
