import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { AuditContext, DomainError, NotFoundError } from '../../../common/index.js';
import { EnsureStaffUserCommand } from '../../auth/index.js';
import type { AddStationMemberDto } from '../dto/station-member.dto.js';
import { StationMemberViews, type StationMemberView } from '../station-member-views.js';
import { StationMemberRepository } from '../station-member.repository.js';
import { StationRepository } from '../station.repository.js';

export class AddStationMemberCommand extends Command<StationMemberView> {
  constructor(
    readonly stationId: string,
    readonly input: AddStationMemberDto,
  ) {
    super();
  }
}

/** Adds a member, creating the staff account first when the e-mail is new (one transaction). */
@CommandHandler(AddStationMemberCommand)
export class AddStationMemberHandler implements ICommandHandler<AddStationMemberCommand> {
  constructor(
    private readonly stations: StationRepository,
    private readonly members: StationMemberRepository,
    private readonly views: StationMemberViews,
    private readonly commandBus: CommandBus,
    private readonly audit: AuditContext,
  ) {}

  @Transactional()
  async execute({ stationId, input }: AddStationMemberCommand): Promise<StationMemberView> {
    if (!(await this.stations.findById(stationId))) throw new NotFoundError('Station', stationId);
    const { userId } = await this.commandBus.execute(
      new EnsureStaffUserCommand({
        email: input.email,
        fullName: input.displayName,
        initialPassword: input.initialPassword,
      }),
    );
    const member = await this.members.insert({
      stationId,
      userId,
      role: input.role,
      displayName: input.displayName.trim(),
    });
    if (!member) {
      throw new DomainError(
        'member_exists',
        'This user is already a member of the station; change their role instead.',
      );
    }
    await this.audit.record({
      action: 'station_member.add',
      entity: 'station_member',
      entityId: member.id,
      stationId,
      before: null,
      after: { userId, role: member.role, displayName: member.displayName, isActive: member.isActive },
    });
    const [view] = await this.views.list(stationId, userId);
    return view;
  }
}
