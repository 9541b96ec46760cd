import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { discoverDecorated } from '../discovery/discover-decorated.js';
import { WEBHOOK_HANDLER_KEY, type WebhookHandler, type WebhookHandlerOptions } from './webhook-handler.js';
import type { WebhookProvider } from './webhook-provider.js';

/** Every `@HandlesWebhooks` provider; start-up fails if two claim the same provider and event type. */
@Injectable()
export class WebhookHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, WebhookHandler>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const { options, instance } of discoverDecorated<WebhookHandlerOptions, WebhookHandler>(
      this.discovery,
      WEBHOOK_HANDLER_KEY,
    )) {
      for (const type of options.eventTypes) {
        const key = `${options.provider}:${type}`;
        if (this.handlers.has(key)) throw new Error(`Two webhook handlers claim ${key}`);
        this.handlers.set(key, instance);
      }
    }
  }

  find(provider: WebhookProvider, eventType: string): WebhookHandler | undefined {
    return this.handlers.get(`${provider}:${eventType}`) ?? this.handlers.get(`${provider}:*`);
  }
}
