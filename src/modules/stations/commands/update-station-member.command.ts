import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, NotFoundError } from '../../../common/index.js';
import type { UpdateStationMemberDto } from '../dto/station-member.dto.js';
import { removesActiveAdmin } from '../domain/last-admin.js';
import { LastStationAdminError } from '../domain/stations.errors.js';
import { StationRepository } from '../station.repository.js';
import { StationMemberViews, type StationMemberView } from '../station-member-views.js';
import { StationMemberRepository } from '../station-member.repository.js';

export class UpdateStationMemberCommand extends Command<StationMemberView> {
  constructor(
    readonly stationId: string,
    readonly userId: string,
    readonly input: UpdateStationMemberDto,
  ) {
    super();
  }
}

@CommandHandler(UpdateStationMemberCommand)
export class UpdateStationMemberHandler implements ICommandHandler<UpdateStationMemberCommand> {
  constructor(
    private readonly members: StationMemberRepository,
    private readonly views: StationMemberViews,
    private readonly stations: StationRepository,
    private readonly audit: AuditContext,
  ) {}

  @Transactional()
  async execute({ stationId, userId, input }: UpdateStationMemberCommand): Promise<StationMemberView> {
    const member = await this.members.find(stationId, userId);
    if (!member) throw new NotFoundError('Station member', userId);
    if (removesActiveAdmin(member, { role: input.role ?? member.role, isActive: input.isActive ?? member.isActive })) {
      await this.stations.findByIdForUpdate(stationId);
      if ((await this.members.countOtherActiveAdmins(stationId, userId)) === 0) throw new LastStationAdminError();
    }
    const before = { role: member.role, displayName: member.displayName, isActive: member.isActive };
    Object.assign(member, input);
    await this.members.save(member);
    await this.audit.record({
      action: 'station_member.update',
      entity: 'station_member',
      entityId: member.id,
      stationId,
      before,
      after: { role: member.role, displayName: member.displayName, isActive: member.isActive },
    });
    const [view] = await this.views.list(stationId, userId);
    return view;
  }
}
