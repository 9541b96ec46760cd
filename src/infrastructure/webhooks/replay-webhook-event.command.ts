import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, NotFoundError } from '../../common/index.js';
import { WebhookEventResponseDto } from './webhook-admin.dto.js';
import { WebhookEventRepository } from './webhook-event.repository.js';
import { WebhookIntake } from './webhook-intake.js';

const REPLAYABLE = new Set(['failed', 'ignored']);

export class ReplayWebhookEventCommand extends Command<WebhookEventResponseDto> {
  constructor(readonly id: string) {
    super();
  }
}

/** Queues a failed (or ignored) event again, with fresh attempts; finished work is not replayed. */
@CommandHandler(ReplayWebhookEventCommand)
export class ReplayWebhookEventHandler implements ICommandHandler<ReplayWebhookEventCommand> {
  constructor(
    private readonly events: WebhookEventRepository,
    private readonly intake: WebhookIntake,
  ) {}

  async execute({ id }: ReplayWebhookEventCommand): Promise<WebhookEventResponseDto> {
    const event = await this.events.findById(id);
    if (!event) throw new NotFoundError('Webhook event', id);
    if (!REPLAYABLE.has(event.status)) {
      throw new DomainError('conflict', `Only failed or ignored events can be replayed; this one is ${event.status}.`);
    }
    await this.events.reopen(id);
    // A new job id: the old job may still exist (failed jobs are kept), and would swallow the replay.
    await this.intake.enqueue([id], `_replay_${Date.now()}`);
    return WebhookEventResponseDto.from((await this.events.findById(id))!);
  }
}
