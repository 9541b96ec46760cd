import { Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/index.js';
import { dataSourceOptions } from './data-source-options.js';

/**
 * PostgreSQL through TypeORM, plus `@Transactional()` for handlers: repositories that use
 * `TransactionHost` join the handler's transaction without passing query runners around.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        autoLoadEntities: true,
        // main.ts already waited for the database; a failure here is not worth minutes of retries.
        retryAttempts: 1,
        retryDelay: 1000,
      }),
    }),
    ClsModule.forRoot({
      global: true,
      // No per-request mount: transactions open their own context, and the audit interceptor opens
      // one around each staff write (a guard's or middleware's context does not survive to it on Fastify).
      plugins: [
        new ClsPluginTransactional({
          imports: [TypeOrmModule],
          adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
        }),
      ],
    }),
  ],
})
export class DatabaseModule {}
