import { alertChecks } from './suites/alerts.js';
import { chatChecks } from './suites/chat.js';
import { citationChecks } from './suites/citations.js';
import { concurrencyChecks } from './suites/concurrency.js';
import { deadLetterChecks } from './suites/dead-letters.js';
import { eventChecks } from './suites/events.js';
import { incidentQueryChecks } from './suites/incident-queries.js';
import { incidentChecks } from './suites/incidents.js';
import { lifecycleChecks } from './suites/lifecycle.js';
import { postmortemChecks } from './suites/postmortems.js';
import { suggestionChecks } from './suites/suggestions.js';
import { tenantIsolationChecks } from './suites/tenant-isolation.js';
import { thoughtChecks } from './suites/thoughts.js';
import { transactionChecks } from './suites/transactions.js';
import type { ConformanceCheck, StorageConformanceInit } from './types.js';

/**
 * Every rule of the v1 storage contract as plain data, grouped by suite. Run them with
 * {@link runStorageConformance} (vitest, jest) or {@link runConformanceChecks} (any runner).
 */
export function conformanceChecks(init: StorageConformanceInit): ConformanceCheck[] {
  return [
    ...lifecycleChecks(init),
    ...incidentChecks(),
    ...incidentQueryChecks(),
    ...alertChecks(),
    ...thoughtChecks(),
    ...citationChecks(),
    ...suggestionChecks(),
    ...chatChecks(),
    ...postmortemChecks(),
    ...eventChecks(),
    ...deadLetterChecks(),
    ...transactionChecks(),
    ...tenantIsolationChecks(),
    ...concurrencyChecks(),
  ];
}
