import type { StoredAlert } from '@aurora-rca/core/client';
import { memo, type ReactNode } from 'react';
import { formatTime } from './format.js';
import { SeverityBadge } from './status-badge.js';

const AlertItem = memo(function AlertItem({ alert }: { alert: StoredAlert }): ReactNode {
  return (
    <li className="aurora-card aurora-alert" data-alert-id={alert.id}>
      <p className="aurora-card-title">
        {alert.title} <SeverityBadge severity={alert.severity} />
      </p>
      <p className="aurora-muted">
        {alert.source} · {alert.kind} · {alert.status}
        {alert.service ? ` · ${alert.service}` : ''} ·{' '}
        <time dateTime={alert.startedAt}>{formatTime(alert.startedAt)}</time>
        {alert.occurrences > 1 ? ` · ×${alert.occurrences}` : ''}
      </p>
      {alert.correlation && (
        <p className="aurora-muted">
          Correlated by {alert.correlation.strategy} (score {alert.correlation.score.toFixed(2)})
          {Object.entries(alert.correlation.details).map(([name, d]) => (
            <span key={name} className="aurora-tag" title={d.reason}>
              {name} {d.score.toFixed(2)}
            </span>
          ))}
        </p>
      )}
      <details>
        <summary>Original payload</summary>
        <section
          className="aurora-output-region"
          aria-label={`Original payload of ${alert.title}`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-focusable to scroll.
          tabIndex={0}
        >
          <pre className="aurora-output">{JSON.stringify(alert.raw, null, 2)}</pre>
        </section>
      </details>
    </li>
  );
});

/** The incident's alerts as received: source, correlation scores and the original payload. */
export function RawAlerts({ alerts }: { alerts: readonly StoredAlert[] }): ReactNode {
  if (alerts.length === 0) return <p className="aurora-empty">No alerts (opened manually).</p>;
  return (
    <ul className="aurora-alert-list" aria-label="Alerts">
      {alerts.map((a) => (
        <AlertItem key={a.id} alert={a} />
      ))}
    </ul>
  );
}
