import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';

/** One tab of {@link Tabs}. */
export interface TabItem {
  id: string;
  /** The tab's accessible name. */
  label: string;
  /** Shown after the label, hidden from the accessible name (a count, a dot). */
  badge?: ReactNode;
  /** Rendered only while the tab is selected. */
  render: () => ReactNode;
}

/** Props of {@link Tabs}. */
export interface TabsProps {
  /** Accessible name of the tab list. */
  label: string;
  items: TabItem[];
  selected: string;
  onSelect: (id: string) => void;
}

/**
 * WAI-ARIA tabs: `tablist`/`tab`/`tabpanel`, roving tab index, Arrow keys (wrapping),
 * Home and End move and select.
 */
export function Tabs({ label, items, selected, onSelect }: TabsProps): ReactNode {
  const base = useId();
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  const current = items.find((t) => t.id === selected) ?? items[0];

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((t) => t.id === current?.id);
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % items.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    const item = items[next];
    if (!item) return;
    e.preventDefault();
    onSelect(item.id);
    tabs.current.get(item.id)?.focus();
  };

  return (
    <div className="aurora-tabs">
      <div role="tablist" aria-label={label} className="aurora-tablist" onKeyDown={onKeyDown}>
        {items.map((item) => {
          const isSelected = item.id === current?.id;
          return (
            <button
              key={item.id}
              ref={(el) => {
                if (el) tabs.current.set(item.id, el);
                else tabs.current.delete(item.id);
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${item.id}`}
              aria-selected={isSelected}
              aria-controls={`${base}-panel-${item.id}`}
              tabIndex={isSelected ? 0 : -1}
              className="aurora-tab"
              onClick={() => onSelect(item.id)}
            >
              {item.label}
              {item.badge !== undefined && (
                <span className="aurora-tab-badge" aria-hidden="true">
                  {item.badge}
                </span>
              )}
            </button>
          );
        })}
      </div>
      {current && (
        <div
          role="tabpanel"
          id={`${base}-panel-${current.id}`}
          aria-labelledby={`${base}-tab-${current.id}`}
          className="aurora-tabpanel"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: WAI-ARIA tabs pattern: the panel is focusable so keyboard users reach its content.
          tabIndex={0}
        >
          {current.render()}
        </div>
      )}
    </div>
  );
}
