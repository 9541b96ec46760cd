import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { StationRole } from '../../common/index.js';
import { GetUserSummariesQuery } from '../auth/index.js';
import { StationMemberRepository } from './station-member.repository.js';

/** A member with the account fields staff need to see. */
export interface StationMemberView {
  userId: string;
  stationId: string;
  email: string;
  fullName: string;
  phone: string | null;
  role: StationRole;
  displayName: string;
  isActive: boolean;
  createdAt: Date;
}

/**
 * Members joined with their accounts. Accounts belong to the auth module, so they are asked for
 * through the query bus (one query per list), not read from its table.
 */
@Injectable()
export class StationMemberViews {
  constructor(
    private readonly members: StationMemberRepository,
    private readonly queryBus: QueryBus,
  ) {}

  async list(stationId: string, userId?: string): Promise<StationMemberView[]> {
    const members = await this.members.list(stationId, userId);
    const accounts = await this.queryBus.execute(new GetUserSummariesQuery(members.map((member) => member.userId)));
    const byId = new Map(accounts.map((account) => [account.id, account]));
    return members.flatMap((member) => {
      const account = byId.get(member.userId);
      if (!account) return [];
      return [
        {
          userId: member.userId,
          stationId: member.stationId,
          email: account.email,
          fullName: account.fullName,
          phone: account.phone,
          role: member.role,
          displayName: member.displayName,
          isActive: member.isActive,
          createdAt: member.createdAt,
        },
      ];
    });
  }
}
