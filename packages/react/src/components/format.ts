import type { IncidentStatus, Severity } from '@aurora-rca/core/client';

/** A timestamp in the reader's locale; the raw string when it does not parse. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** Human label of an incident status. */
export const STATUS_LABEL: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  analyzed: 'Analyzed',
  resolved: 'Resolved',
  merged: 'Merged',
};

/** Human label of a severity. */
export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
  unknown: 'Unknown',
};

/** Joins class names, skipping falsy ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
