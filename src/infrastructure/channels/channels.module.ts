import { Global, Module } from '@nestjs/common';
import { RingCentralClient } from './ringcentral.client.js';

/** HTTP clients of the messaging providers, shared by the modules that talk through them. */
@Global()
@Module({ providers: [RingCentralClient], exports: [RingCentralClient] })
export class ChannelsModule {}
