import { openDatabase } from '../db/database.js';
import { createFormValidator } from '../forms/validate.js';
import { ConfigError, loadConfig } from '../runtime/config.js';
import { createLogger } from '../runtime/logger.js';
import { closeServer, listen, localUrl } from '../runtime/lifecycle.js';
import { connectClient } from '../runtime/temporalConnection.js';
import { createApp } from './app.js';
import { createTokens } from './http/auth.js';

/**
 * `npm run api`: the HTTP API alone, against DATABASE_URL and TEMPORAL_ADDRESS. Stateless: run
 * several behind a proxy with the same DUTYFLOW_SECRET.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl || !config.temporal.address || !config.secret) {
    throw new ConfigError('npm run api needs DATABASE_URL, TEMPORAL_ADDRESS and DUTYFLOW_SECRET (npm start runs everything embedded)');
  }
  const log = createLogger(config.logLevel, 'dutyflow-api');
  const orm = await openDatabase(config.databaseUrl, { migrate: config.migrate });
  const temporal = await connectClient(config.temporal.address, config.temporal.namespace, { createNamespace: config.temporal.createNamespace });
  const app = createApp({ orm, temporal, config, forms: createFormValidator(), tokens: createTokens(config.secret), log });
  const server = await listen(app, config.port, config.host);
  log.info({ url: localUrl(server) }, 'API listening');
  const stop = () => {
    void closeServer(server).then(() => temporal.connection.close()).then(() => orm.close());
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
