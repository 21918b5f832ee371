import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';

/** Props of {@link Modal}. */
export interface ModalProps {
  open: boolean;
  onClose: () => void;
  /** The dialog's title; also its accessible name. */
  title: ReactNode;
  children: ReactNode;
  /** Extra class on the dialog element. */
  className?: string;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog (`role="dialog"`, `aria-modal`), rendered in a portal: focus moves into it
 * on open, Tab cycles inside it, Escape or the Close button closes it, and focus returns to
 * the element that opened it.
 */
export function Modal({ open, onClose, title, children, className }: ModalProps): ReactNode {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => opener?.focus?.();
  }, [open]);

  if (!open || typeof document === 'undefined') return null;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === ref.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    // biome-ignore lint/a11y/noStaticElementInteractions: a backdrop click is a mouse shortcut; Escape and the Close button are the keyboard paths.
    <div
      className="aurora aurora-modal-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={`aurora-modal${className ? ` ${className}` : ''}`}
        onKeyDown={onKeyDown}
      >
        <div className="aurora-modal-header">
          <h2 id={titleId} className="aurora-modal-title">
            {title}
          </h2>
          <button type="button" className="aurora-button aurora-button-ghost" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="aurora-modal-body">{children}</div>
      </div>
    </div>,
    document.body,
  );
}
