import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Repository } from 'typeorm';
import { UserEntity } from './user.entity.js';

const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = driverError.code ?? driverError.driverError?.code;
  const name = driverError.constraint ?? driverError.driverError?.constraint;
  return code === UNIQUE_VIOLATION && (constraint === undefined || name === constraint);
}

@Injectable()
export class UserRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get users(): Repository<UserEntity> {
    return this.txHost.tx.getRepository(UserEntity);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
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

  async setRole(id: string, role: UserEntity['role']): Promise<void> {
    await this.users.update({ id }, { role });
  }

  async recordLogin(id: string, at: Date): Promise<void> {
    await this.users.update({ id }, { lastLoginAt: at });
  }
}
