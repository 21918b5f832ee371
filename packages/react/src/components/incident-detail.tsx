import type { Incident, MergeResponse } from '@aurora-rca/core/client';
import { type ReactNode, useId, useState } from 'react';
import { useIncident } from '../hooks/use-incident.js';
import { ChatPanel } from './chat-panel.js';
import { CitedText, IncidentCitations } from './citation-badge.js';
import { formatTime } from './format.js';
import { MergeDialog } from './merge-dialog.js';
import { PostmortemView } from './postmortem-view.js';
import { RawAlerts } from './raw-alerts.js';
import { ResolveButton } from './resolve-button.js';
import { LiveIndicator, SeverityBadge, StatusBadge } from './status-badge.js';
import { SuggestionsPanel } from './suggestions-panel.js';
import { Tabs } from './tabs.js';
import { ThoughtsPanel } from './thoughts-panel.js';

/** The tabs of {@link IncidentDetail}. */
export type IncidentTab = 'thoughts' | 'suggestions' | 'chat' | 'raw';

/** Props of {@link IncidentDetail}. */
export interface IncidentDetailProps {
  incidentId: string;
  /** Open this tab initially instead of the automatic choice. */
  defaultTab?: IncidentTab;
  /** After a merge (e.g. navigate to the target). */
  onMerged?: (result: MergeResponse) => void;
  /** Link of another incident (merged-into / merged-from). @default `#/incidents/<id>` */
  getHref?: (incident: Pick<Incident, 'id'>) => string;
}

function isInvestigating(i: Incident): boolean {
  return i.status === 'investigating' || i.auroraStatus === 'running' || i.auroraStatus === 'queued';
}

/**
 * An incident's investigation page: header with status, severity, Resolve and Merge; the
 * summary and root cause with citation badges; tabs for Thoughts (selected automatically
 * while the investigation runs, streaming), Suggestions, Chat and Raw Alert; and the
 * postmortem once resolved. Everything updates live.
 */
export function IncidentDetail({
  incidentId,
  defaultTab,
  onMerged,
  getHref,
}: IncidentDetailProps): ReactNode {
  const { data, status, error, live } = useIncident(incidentId);
  const [chosenTab, setChosenTab] = useState<IncidentTab | null>(defaultTab ?? null);
  const titleId = useId();
  const href = getHref ?? ((i: Pick<Incident, 'id'>) => `#/incidents/${encodeURIComponent(i.id)}`);

  if (!data) {
    if (status === 'error') {
      return (
        <p className="aurora aurora-error" role="alert">
          {error?.code === 'NOT_FOUND'
            ? 'Incident not found.'
            : `Could not load the incident: ${error?.message}`}
        </p>
      );
    }
    return (
      <p className="aurora aurora-muted" role="status">
        Loading incident…
      </p>
    );
  }

  const incident = data.incident;
  const investigating = isInvestigating(incident);
  // Until the reader picks a tab: Thoughts while investigating, Suggestions after.
  const tab: IncidentTab =
    chosenTab ?? (investigating || data.suggestions.length === 0 ? 'thoughts' : 'suggestions');

  return (
    <IncidentCitations incidentId={incidentId}>
      <article
        className="aurora aurora-incident-detail"
        aria-labelledby={titleId}
        data-status={incident.status}
      >
        <header className="aurora-detail-header">
          <div>
            <h1 id={titleId} className="aurora-detail-title">
              {incident.title}
            </h1>
            <div className="aurora-incident-meta">
              <StatusBadge status={incident.status} />
              <SeverityBadge severity={incident.severity} />
              <span className="aurora-tag" data-aurora-status={incident.auroraStatus}>
                Investigation: {incident.auroraStatus}
              </span>
              <LiveIndicator live={live} />
            </div>
          </div>
          <div className="aurora-actions">
            <ResolveButton incident={incident} />
            <MergeDialog incident={incident} {...(onMerged ? { onMerged } : {})} />
          </div>
        </header>
        {incident.mergedIntoId && (
          <p className="aurora-notice" role="note">
            Merged into <a href={href({ id: incident.mergedIntoId })}>{incident.mergedIntoId}</a>.
          </p>
        )}
        <dl className="aurora-fields aurora-detail-fields">
          <dt>Affected services</dt>
          <dd>{incident.affectedServices.join(', ') || '—'}</dd>
          <dt>Alerts</dt>
          <dd>
            {incident.alertCount} ({incident.openAlertCount} firing)
          </dd>
          <dt>Started</dt>
          <dd>
            <time dateTime={incident.startedAt}>{formatTime(incident.startedAt)}</time>
          </dd>
          {incident.confidence && (
            <>
              <dt>Confidence</dt>
              <dd>{incident.confidence}</dd>
            </>
          )}
        </dl>
        {incident.auroraStatusReason && <p className="aurora-notice">{incident.auroraStatusReason}</p>}
        {(incident.summary || incident.rootCause) && (
          <section className="aurora-summary" aria-label="Summary">
            {incident.summary && (
              <p>
                <CitedText text={incident.summary} />
              </p>
            )}
            {incident.rootCause && (
              <p>
                <strong>Root cause: </strong>
                <CitedText text={incident.rootCause} />
              </p>
            )}
          </section>
        )}
        <Tabs
          label="Investigation"
          selected={tab}
          onSelect={(id) => setChosenTab(id as IncidentTab)}
          items={[
            {
              id: 'thoughts',
              label: 'Thoughts',
              badge: data.thoughts.length,
              render: () => <ThoughtsPanel thoughts={data.thoughts} investigating={investigating} />,
            },
            {
              id: 'suggestions',
              label: 'Suggestions',
              badge: data.suggestions.length,
              render: () => <SuggestionsPanel incidentId={incident.id} />,
            },
            { id: 'chat', label: 'Chat', render: () => <ChatPanel incidentId={incident.id} /> },
            {
              id: 'raw',
              label: 'Raw Alert',
              badge: data.alerts.length,
              render: () => <RawAlerts alerts={data.alerts} />,
            },
          ]}
        />
        {data.mergedFrom.length > 0 && (
          <section aria-label="Merged incidents" className="aurora-merged-from">
            <h2 className="aurora-subheading">Merged into this incident</h2>
            <ul>
              {data.mergedFrom.map((m) => (
                <li key={m.id}>
                  <a href={href(m)}>{m.title}</a>
                </li>
              ))}
            </ul>
          </section>
        )}
        {data.postmortem && <PostmortemView postmortem={data.postmortem} />}
      </article>
    </IncidentCitations>
  );
}
