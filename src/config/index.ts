export * from './app-config.js';
export * from './load-app-config.js';
export { AppConfigModule, APP_CONFIG } from './app-config.module.js';
