import type { IncidentStatus } from '@aurora-rca/core/client';
import { IncidentDetail, IncidentList } from '@aurora-rca/react';
import { type ReactNode, useEffect } from 'react';
import { navigate } from './router.js';

const FILTERS: Array<{ value: string; label: string; status?: IncidentStatus | IncidentStatus[] }> = [
  { value: '', label: 'All (except merged)' },
  { value: 'open', label: 'Open', status: ['investigating', 'analyzed'] },
  { value: 'investigating', label: 'Investigating', status: 'investigating' },
  { value: 'analyzed', label: 'Analyzed', status: 'analyzed' },
  { value: 'resolved', label: 'Resolved', status: 'resolved' },
  { value: 'merged', label: 'Merged', status: 'merged' },
];

/** `/incidents?status=`: the live list with a status filter kept in the URL. */
export function IncidentsPage({ filter }: { filter: string }): ReactNode {
  const current = FILTERS.find((f) => f.value === filter) ?? FILTERS[0]!;
  useEffect(() => {
    document.title = 'Incidents — Aurora';
  }, []);
  return (
    <>
      <div className="portal-toolbar">
        <label>
          Status{' '}
          <select
            className="aurora-select"
            value={current.value}
            onChange={(e) =>
              navigate(e.target.value ? `/incidents?status=${e.target.value}` : '/incidents', {
                replace: true,
              })
            }
          >
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <IncidentList
        key={current.value}
        {...(current.status ? { status: current.status } : {})}
        getHref={(i) => `/incidents/${encodeURIComponent(i.id)}`}
      />
    </>
  );
}

/** `/incidents/:id`: the investigation page. */
export function IncidentPage({ id }: { id: string }): ReactNode {
  useEffect(() => {
    document.title = 'Incident — Aurora';
  }, []);
  return (
    <>
      <p className="portal-back">
        <a href="/incidents">← All incidents</a>
      </p>
      <IncidentDetail
        key={id}
        incidentId={id}
        getHref={(i) => `/incidents/${encodeURIComponent(i.id)}`}
        onMerged={(result) => navigate(`/incidents/${encodeURIComponent(result.target.id)}`)}
      />
    </>
  );
}
