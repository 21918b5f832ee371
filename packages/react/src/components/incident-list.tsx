import type { Incident, IncidentStatus } from '@aurora-rca/core/client';
import { type MouseEvent, memo, type ReactNode, useId } from 'react';
import { useIncidents } from '../hooks/use-incidents.js';
import { formatTime } from './format.js';
import { LiveIndicator, SeverityBadge, StatusBadge } from './status-badge.js';

/** Props of {@link IncidentList}. */
export interface IncidentListProps {
  /** Status filter; without it every incident except merged ones. */
  status?: IncidentStatus | readonly IncidentStatus[];
  /** Link of an incident's page. @default `#/incidents/<id>` */
  getHref?: (incident: Incident) => string;
  /**
   * Called when a person opens an incident; call `event.preventDefault()` to route
   * client-side instead of following the link.
   */
  onSelect?: (incident: Incident, event: MouseEvent<HTMLAnchorElement>) => void;
  /** Heading text. @default 'Incidents' */
  title?: string;
}

const defaultHref = (i: Incident) => `#/incidents/${encodeURIComponent(i.id)}`;

const IncidentRow = memo(function IncidentRow({
  incident,
  href,
  onSelect,
}: {
  incident: Incident;
  href: string;
  onSelect: IncidentListProps['onSelect'];
}): ReactNode {
  return (
    <li
      className="aurora-incident-row"
      data-testid="incident-row"
      data-incident-id={incident.id}
      data-status={incident.status}
    >
      <div className="aurora-incident-main">
        <a
          className="aurora-incident-link"
          href={href}
          onClick={onSelect ? (e) => onSelect(incident, e) : undefined}
        >
          {incident.title}
        </a>
        <div className="aurora-incident-meta">
          <StatusBadge status={incident.status} />
          <SeverityBadge severity={incident.severity} />
          {incident.affectedServices.length > 0 && (
            <span className="aurora-services">
              <span className="aurora-visually-hidden">Affected services: </span>
              {incident.affectedServices.map((s) => (
                <span key={s} className="aurora-tag">
                  {s}
                </span>
              ))}
            </span>
          )}
        </div>
      </div>
      <div className="aurora-incident-side">
        <span className="aurora-alert-count">
          {incident.alertCount} {incident.alertCount === 1 ? 'alert' : 'alerts'}
        </span>
        <time className="aurora-muted" dateTime={incident.startedAt}>
          {formatTime(incident.startedAt)}
        </time>
      </div>
    </li>
  );
});

/**
 * The tenant's incidents, newest first, updating live (new incidents appear without a
 * reload; status changes move them). Each row shows status, severity, affected services
 * and alert count; the title is a link to the incident.
 */
export function IncidentList({
  status,
  getHref = defaultHref,
  onSelect,
  title = 'Incidents',
}: IncidentListProps): ReactNode {
  const list = useIncidents(status === undefined ? {} : { status });
  const headingId = useId();
  return (
    <section className="aurora aurora-incident-list" aria-labelledby={headingId}>
      <div className="aurora-section-header">
        <h2 id={headingId}>{title}</h2>
        <LiveIndicator live={list.live} />
      </div>
      {list.status === 'loading' && <p className="aurora-muted">Loading incidents…</p>}
      {list.error && (
        <p className="aurora-error" role="alert">
          Could not load incidents: {list.error.message}
        </p>
      )}
      {list.status === 'success' && list.items.length === 0 && <p className="aurora-empty">No incidents.</p>}
      <ul className="aurora-incident-rows" aria-labelledby={headingId}>
        {list.items.map((i) => (
          <IncidentRow key={i.id} incident={i} href={getHref(i)} onSelect={onSelect} />
        ))}
      </ul>
      {list.nextCursor && (
        <button
          type="button"
          className="aurora-button"
          onClick={() => void list.loadMore()}
          disabled={list.loadingMore}
        >
          {list.loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
