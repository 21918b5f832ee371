import { z } from 'zod';
import { AuroraError } from '../errors.js';

export const IncidentStatus = z.enum(['investigating', 'analyzed', 'resolved', 'merged']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const AuroraStatus = z.enum(['queued', 'running', 'complete', 'failed', 'cancelled']);
/** State of the background investigation. */
export type AuroraStatus = z.infer<typeof AuroraStatus>;

/** Open incidents take new alerts; resolved and merged do not. */
export const OPEN_STATUSES: readonly IncidentStatus[] = ['investigating', 'analyzed'];

export function isOpen(status: IncidentStatus): boolean {
  return status === 'investigating' || status === 'analyzed';
}

/**
 * The one place incident transitions are decided.
 * `investigating → analyzed → resolved`, `investigating → resolved`, an analyzed incident
 * may go back to `investigating` (re-investigation), and any open state `→ merged`.
 * Resolved and merged are terminal.
 */
export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  investigating: ['analyzed', 'resolved', 'merged'],
  analyzed: ['investigating', 'resolved', 'merged'],
  resolved: [],
  merged: [],
};

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return from === to || INCIDENT_TRANSITIONS[from].includes(to);
}

/** Throws `INVALID_TRANSITION` unless `from → to` is allowed (a no-op `from === to` is). */
export function assertTransition(from: IncidentStatus, to: IncidentStatus): void {
  if (!canTransition(from, to)) {
    throw new AuroraError('INVALID_TRANSITION', `Cannot move an incident from ${from} to ${to}`, {
      details: { from, to, allowed: INCIDENT_TRANSITIONS[from] },
    });
  }
}
