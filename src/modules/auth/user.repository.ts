import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { In, type Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/index.js';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UserRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get users(): Repository<UserEntity> {
    return this.txHost.tx.getRepository(UserEntity);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.users.findBy({ id: In([...ids]) });
  }

  findByEmail(normalisedEmail: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email: normalisedEmail });
  }

  /** Inserts; returns null when the e-mail is taken (the unique index decides, race-free). */
  async insert(
    user: Pick<UserEntity, 'email' | 'passwordHash' | 'fullName' | 'phone' | 'role'>,
  ): Promise<UserEntity | null> {
    try {
      return await this.users.save(this.users.create({ ...user, isActive: true }));
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) return null;
      throw error;
    }
  }

  async updatePassword(id: string, passwordHash: string, at: Date): Promise<void> {
    await this.users.update({ id }, { passwordHash, passwordChangedAt: at });
  }

  async recordLogin(id: string, at: Date): Promise<void> {
    await this.users.update({ id }, { lastLoginAt: at });
  }
}
