import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities/index.js';
import { Migration20261127000000_init } from './migrations/Migration20261127000000_init.js';
import { Migration20261127180000_hazards } from './migrations/Migration20261127180000_hazards.js';
import { Migration20261127192000_assignedTasks } from './migrations/Migration20261127192000_assignedTasks.js';
import { Migration20261127194000_taskActions } from './migrations/Migration20261127194000_taskActions.js';
import { Migration20261127153000_savedFilters } from './migrations/Migration20261127153000_savedFilters.js';
import { Migration20261127154000_instancesByBusinessKey } from './migrations/Migration20261127154000_instancesByBusinessKey.js';
import { Migration20261127160000_workCalendar } from './migrations/Migration20261127160000_workCalendar.js';
import { Migration20261127170000_attachments } from './migrations/Migration20261127170000_attachments.js';
import { Migration20261127191000_learningRecords } from './migrations/Migration20261127191000_learningRecords.js';
import { Migration20261127190000_notifications } from './migrations/Migration20261127190000_notifications.js';
import { Migration20261127193000_allocationData } from './migrations/Migration20261127193000_allocationData.js';
import { Migration20261127195000_allocationPlans } from './migrations/Migration20261127195000_allocationPlans.js';
import { Migration20261127201500_allocationMonth } from './migrations/Migration20261127201500_allocationMonth.js';
import { Migration20261127210000_sessions } from './migrations/Migration20261127210000_sessions.js';
import { Migration20261207000000_instanceStarting } from './migrations/Migration20261207000000_instanceStarting.js';
import { Migration20261207010000_reconciliation } from './migrations/Migration20261207010000_reconciliation.js';
import { Migration20261207020000_people } from './migrations/Migration20261207020000_people.js';
import { Migration20261207030000_customerMaster } from './migrations/Migration20261207030000_customerMaster.js';
import { Migration20261207100000_taskHandovers } from './migrations/Migration20261207100000_taskHandovers.js';
import { Migration20261207101000_businessSettings } from './migrations/Migration20261207101000_businessSettings.js';
import { Migration20261207102000_webhookTest } from './migrations/Migration20261207102000_webhookTest.js';
import { Migration20261207110000_attachmentBlobs } from './migrations/Migration20261207110000_attachmentBlobs.js';
import { Migration20261207120000_allocationStrategies } from './migrations/Migration20261207120000_allocationStrategies.js';
import { Migration20261207130000_serviceDuties } from './migrations/Migration20261207130000_serviceDuties.js';
import { Migration20261208100000_visitPlans } from './migrations/Migration20261208100000_visitPlans.js';
import { Migration20261208110000_comments } from './migrations/Migration20261208110000_comments.js';
import { Migration20261208111000_commentWebhookKinds } from './migrations/Migration20261208111000_commentWebhookKinds.js';
import { Migration20261208120000_taskTransfers } from './migrations/Migration20261208120000_taskTransfers.js';
import { Migration20261209100000_instanceParent } from './migrations/Migration20261209100000_instanceParent.js';

/** Options for one MikroORM instance; schema changes only through the migrations listed here. */
export function ormOptions(clientUrl: string, poolMax = 10): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    // A database that does not answer makes a request 503 within seconds (api/http/outages.ts), not after a minute.
    pool: { min: 0, max: poolMax, acquireTimeoutMillis: 5_000 },
    // No query log: MikroORM writes the parameter values into each statement's text (secrets, form data).
    debug: false,
    allowGlobalContext: false,
    migrations: {
      tableName: 'mikro_orm_migrations',
      transactional: true,
      silent: true,
      allOrNothing: true,
      migrationsList: [
        { name: 'Migration20261127000000_init', class: Migration20261127000000_init },
        { name: 'Migration20261127153000_savedFilters', class: Migration20261127153000_savedFilters },
        { name: 'Migration20261127154000_instancesByBusinessKey', class: Migration20261127154000_instancesByBusinessKey },
        { name: 'Migration20261127160000_workCalendar', class: Migration20261127160000_workCalendar },
        { name: 'Migration20261127170000_attachments', class: Migration20261127170000_attachments },
        { name: 'Migration20261127180000_hazards', class: Migration20261127180000_hazards },
        { name: 'Migration20261127191000_learningRecords', class: Migration20261127191000_learningRecords },
        { name: 'Migration20261127192000_assignedTasks', class: Migration20261127192000_assignedTasks },
        { name: 'Migration20261127190000_notifications', class: Migration20261127190000_notifications },
        { name: 'Migration20261127193000_allocationData', class: Migration20261127193000_allocationData },
        { name: 'Migration20261127194000_taskActions', class: Migration20261127194000_taskActions },
        { name: 'Migration20261127195000_allocationPlans', class: Migration20261127195000_allocationPlans },
        { name: 'Migration20261127201500_allocationMonth', class: Migration20261127201500_allocationMonth },
        { name: 'Migration20261127210000_sessions', class: Migration20261127210000_sessions },
        { name: 'Migration20261207000000_instanceStarting', class: Migration20261207000000_instanceStarting },
        { name: 'Migration20261207010000_reconciliation', class: Migration20261207010000_reconciliation },
        { name: 'Migration20261207020000_people', class: Migration20261207020000_people },
        { name: 'Migration20261207030000_customerMaster', class: Migration20261207030000_customerMaster },
        { name: 'Migration20261207100000_taskHandovers', class: Migration20261207100000_taskHandovers },
        { name: 'Migration20261207101000_businessSettings', class: Migration20261207101000_businessSettings },
        { name: 'Migration20261207102000_webhookTest', class: Migration20261207102000_webhookTest },
        { name: 'Migration20261207110000_attachmentBlobs', class: Migration20261207110000_attachmentBlobs },
        { name: 'Migration20261207120000_allocationStrategies', class: Migration20261207120000_allocationStrategies },
        { name: 'Migration20261207130000_serviceDuties', class: Migration20261207130000_serviceDuties },
        { name: 'Migration20261208100000_visitPlans', class: Migration20261208100000_visitPlans },
        { name: 'Migration20261208110000_comments', class: Migration20261208110000_comments },
        { name: 'Migration20261208111000_commentWebhookKinds', class: Migration20261208111000_commentWebhookKinds },
        { name: 'Migration20261208120000_taskTransfers', class: Migration20261208120000_taskTransfers },
        { name: 'Migration20261209100000_instanceParent', class: Migration20261209100000_instanceParent },
      ],
    },
  });
}
