import type { Incident } from '@aurora-rca/core/client';
import type { ReactNode } from 'react';
import { useUpdateIncident } from '../hooks/use-mutations.js';

/** Props of {@link ResolveButton}. */
export interface ResolveButtonProps {
  incident: Incident;
  /** Called with the resolved incident. */
  onResolved?: (incident: Incident) => void;
}

/**
 * Marks an open incident resolved (which generates its postmortem). Disabled once the
 * incident is resolved or merged; a refused transition shows the server's message.
 */
export function ResolveButton({ incident, onResolved }: ResolveButtonProps): ReactNode {
  const update = useUpdateIncident();
  const closed = incident.status === 'resolved' || incident.status === 'merged';
  return (
    <span className="aurora-resolve">
      <button
        type="button"
        className="aurora-button aurora-button-primary"
        disabled={closed || update.isPending}
        aria-busy={update.isPending}
        onClick={async () => {
          const result = await update.mutate({ id: incident.id, patch: { status: 'resolved' } });
          if (result) onResolved?.(result.incident);
        }}
      >
        {incident.status === 'resolved' ? 'Resolved' : update.isPending ? 'Resolving…' : 'Resolve'}
      </button>
      {update.error && (
        <span className="aurora-error" role="alert">
          {update.error.message}
        </span>
      )}
    </span>
  );
}
