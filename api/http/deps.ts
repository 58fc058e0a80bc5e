import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { FormValidator } from '../../forms/validate.js';
import type { AppConfig } from '../../runtime/config.js';
import type { Tokens } from './auth.js';

/** What the API's routes and services are built from. */
export interface ApiDeps {
  orm: MikroORM;
  temporal: Client;
  config: AppConfig;
  forms: FormValidator;
  tokens: Tokens;
  log: Logger;
}
