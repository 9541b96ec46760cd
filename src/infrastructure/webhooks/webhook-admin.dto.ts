import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsOptional, PageQueryDto } from '../../common/index.js';
import { WEBHOOK_PROVIDERS, WEBHOOK_STATUSES, type WebhookProvider, type WebhookStatus } from './webhook-provider.js';
import type { WebhookEventRow } from './webhook-event.repository.js';

export class ListWebhookEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: WEBHOOK_PROVIDERS })
  @IsOptional()
  @IsIn(WEBHOOK_PROVIDERS)
  provider?: WebhookProvider;

  @ApiPropertyOptional({ enum: WEBHOOK_STATUSES })
  @IsOptional()
  @IsIn(WEBHOOK_STATUSES)
  status?: WebhookStatus;
}

export class WebhookEventResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: WEBHOOK_PROVIDERS })
  provider: WebhookProvider;

  @ApiProperty({ example: 'evt_1Nv...' })
  externalId: string;

  @ApiProperty({ example: 'payment_intent.succeeded' })
  eventType: string;

  @ApiProperty({ enum: WEBHOOK_STATUSES })
  status: WebhookStatus;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ nullable: true, type: String, description: 'Last failure, or why the event was ignored' })
  lastError: string | null;

  @ApiProperty()
  receivedAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  processedAt: Date | null;

  static from({ position: _position, ...row }: WebhookEventRow): WebhookEventResponseDto {
    return row;
  }
}

export class WebhookEventPageResponseDto {
  @ApiProperty({ type: [WebhookEventResponseDto] })
  data: WebhookEventResponseDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
