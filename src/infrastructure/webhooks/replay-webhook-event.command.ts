import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { DomainError, NotFoundError } from '../../common/index.js';
import { WebhookEventResponseDto } from './webhook-admin.dto.js';
import { WebhookEventRepository } from './webhook-event.repository.js';
import { WebhookIntake } from './webhook-intake.js';

export class ReplayWebhookEventCommand extends Command<WebhookEventResponseDto> {
  constructor(readonly id: string) {
    super();
  }
}

/**
 * Queues a failed (or ignored) event again, with fresh attempts; finished work is not replayed. The
 * status change is conditional, so of two concurrent replays one wins and the other gets 409; it
 * commits only once the job is added, so without the queue (503) the event stays replayable.
 */
@CommandHandler(ReplayWebhookEventCommand)
export class ReplayWebhookEventHandler implements ICommandHandler<ReplayWebhookEventCommand> {
  constructor(
    private readonly events: WebhookEventRepository,
    private readonly intake: WebhookIntake,
  ) {}

  @Transactional()
  async execute({ id }: ReplayWebhookEventCommand): Promise<WebhookEventResponseDto> {
    // A new job id: the old job may still exist (failed jobs are kept), and would swallow the replay.
    const jobId = `${id}_replay_${Date.now()}`;
    if (!(await this.events.reopenForReplay(id, jobId))) {
      const event = await this.events.findById(id);
      if (!event) throw new NotFoundError('Webhook event', id);
      throw new DomainError('conflict', `Only failed or ignored events can be replayed; this one is ${event.status}.`);
    }
    await this.intake.addJobs([{ id, jobId }]);
    return WebhookEventResponseDto.from((await this.events.findById(id))!);
  }
}
