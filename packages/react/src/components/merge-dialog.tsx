import type { Incident, MergeResponse } from '@aurora-rca/core/client';
import { type ReactNode, useId, useState } from 'react';
import { useIncidents } from '../hooks/use-incidents.js';
import { useMergeIncident } from '../hooks/use-mutations.js';
import { formatTime } from './format.js';
import { Modal } from './modal.js';
import { StatusBadge } from './status-badge.js';

/** Props of {@link MergeDialog}. */
export interface MergeDialogProps {
  /** The incident to merge away. */
  incident: Incident;
  /** Called after a successful merge (e.g. navigate to `result.target.id`). */
  onMerged?: (result: MergeResponse) => void;
}

function Candidates({
  incident,
  name,
  value,
  onChange,
}: {
  incident: Incident;
  name: string;
  value: string;
  onChange: (id: string) => void;
}): ReactNode {
  const open = useIncidents({ status: ['investigating', 'analyzed'] });
  const candidates = open.items.filter((i) => i.id !== incident.id);
  if (open.status === 'loading') return <p role="status">Loading open incidents…</p>;
  if (candidates.length === 0) return <p className="aurora-empty">No other open incident to merge into.</p>;
  return (
    <ul className="aurora-choice-list">
      {candidates.map((c) => (
        <li key={c.id}>
          <label className="aurora-radio">
            <input
              type="radio"
              name={name}
              value={c.id}
              checked={value === c.id}
              onChange={() => onChange(c.id)}
            />
            <span>
              {c.title} <StatusBadge status={c.status} />
              <span className="aurora-muted">
                {' '}
                {c.affectedServices.join(', ')} · {c.alertCount} alerts · {formatTime(c.startedAt)}
              </span>
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}

/**
 * "Merge…" button and dialog: pick another open incident; this one's alerts and findings
 * move there and this one becomes `merged`.
 */
export function MergeDialog({ incident, onMerged }: MergeDialogProps): ReactNode {
  const [open, setOpen] = useState(false);
  const [targetId, setTargetId] = useState('');
  const merge = useMergeIncident();
  const name = useId();
  const canMerge = incident.status === 'investigating' || incident.status === 'analyzed';
  const close = () => {
    setOpen(false);
    setTargetId('');
    merge.reset();
  };
  return (
    <>
      <button
        type="button"
        className="aurora-button"
        aria-haspopup="dialog"
        disabled={!canMerge}
        onClick={() => setOpen(true)}
      >
        Merge…
      </button>
      <Modal open={open} onClose={close} title="Merge incident">
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!targetId) return;
            const result = await merge.mutate({ sourceId: incident.id, targetId });
            if (result) {
              close();
              onMerged?.(result);
            }
          }}
        >
          <fieldset className="aurora-fieldset">
            <legend>Merge “{incident.title}” into</legend>
            <Candidates incident={incident} name={name} value={targetId} onChange={setTargetId} />
          </fieldset>
          {merge.error && (
            <p className="aurora-error" role="alert">
              {merge.error.message}
            </p>
          )}
          <div className="aurora-actions">
            <button
              type="submit"
              className="aurora-button aurora-button-primary"
              disabled={!targetId || merge.isPending}
            >
              {merge.isPending ? 'Merging…' : 'Merge'}
            </button>
            <button type="button" className="aurora-button" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}
