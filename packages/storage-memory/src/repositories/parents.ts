import { notFound } from '@aurora-rca/core';
import type { Tables } from '../tables/index.js';

/**
 * Thoughts, citations, suggestions, chat sessions and postmortems belong to an incident of
 * the same tenant (a foreign key in SQL): writing under another tenant's or an unknown
 * incident fails with `NOT_FOUND`.
 */
export function assertIncident(tables: Tables, tenantId: string, incidentId: string): void {
  if (!tables.incidents.get(tenantId, incidentId)) throw notFound('incident', incidentId);
}
