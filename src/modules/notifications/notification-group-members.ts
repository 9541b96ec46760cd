import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { RequestValidationError } from '../../common/index.js';
import { ListStationMembersQuery } from '../stations/index.js';

/** Guards that a group lists only members of its own station. */
@Injectable()
export class NotificationGroupMembers {
  constructor(private readonly queryBus: QueryBus) {}

  async assertMembers(stationId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    const members = new Set(
      (await this.queryBus.execute(new ListStationMembersQuery(stationId))).map((member) => member.userId),
    );
    const strangers = userIds.filter((userId) => !members.has(userId));
    if (strangers.length > 0) {
      throw new RequestValidationError([
        { field: 'memberUserIds', messages: [`not members of this station: ${strangers.join(', ')}`] },
      ]);
    }
  }
}
