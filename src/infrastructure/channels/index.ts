export { RingCentralClient, RingCentralRejectedError } from './ringcentral.client.js';
export { ChannelsModule } from './channels.module.js';
