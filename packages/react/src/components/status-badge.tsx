import type { IncidentStatus, LiveState, Severity } from '@aurora-rca/core/client';
import type { ReactNode } from 'react';
import { SEVERITY_LABEL, STATUS_LABEL } from './format.js';

/**
 * An incident status indicator: a coloured dot (animated while investigating) and the
 * status as text, so it does not rely on colour alone.
 */
export function StatusBadge({ status }: { status: IncidentStatus }): ReactNode {
  return (
    <span className={`aurora-status aurora-status-${status}`} data-status={status}>
      <span className="aurora-status-dot" aria-hidden="true" />
      {STATUS_LABEL[status]}
    </span>
  );
}

/** A severity label, coloured by `--aurora-severity-<level>`. */
export function SeverityBadge({ severity }: { severity: Severity }): ReactNode {
  return (
    <span className={`aurora-severity aurora-severity-${severity}`} data-severity={severity}>
      <span className="aurora-visually-hidden">Severity: </span>
      {SEVERITY_LABEL[severity]}
    </span>
  );
}

const LIVE_LABEL: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Reconnecting (polling)',
  offline: 'Offline',
};

/** Shows whether a view is receiving live updates. */
export function LiveIndicator({ live }: { live: LiveState }): ReactNode {
  return (
    <span className={`aurora-live aurora-live-${live}`} role="status" data-live={live}>
      <span className="aurora-status-dot" aria-hidden="true" />
      {LIVE_LABEL[live]}
    </span>
  );
}
