import type {
  ChatMessage,
  ChatSession,
  Citation,
  DeadLetter,
  IncidentEvent,
  Postmortem,
  Suggestion,
  Thought,
} from '@aurora-rca/core';
import type { UndoLog } from '../session.js';
import { AlertTable } from './alerts.js';
import { getOr, IncidentTable } from './incidents.js';

/**
 * Append-only lists keyed by parent (tenant × incident, session, …). Position `i` holds
 * sequence number `i + 1`, so sequences are gap-free by construction and a rollback pops.
 */
export class SequenceTable<T> {
  readonly lists = new Map<string, T[]>();

  list(parent: string): readonly T[] {
    return this.lists.get(parent) ?? [];
  }

  /** The sequence number the next append to `parent` gets. */
  nextSeq(parent: string): number {
    return this.list(parent).length + 1;
  }

  append(parent: string, item: T, log: UndoLog): void {
    const list = getOr(this.lists, parent, () => []);
    list.push(item);
    log(() => {
      list.pop();
      if (list.length === 0) this.lists.delete(parent);
    });
  }

  /** Replace the item at `index` of `parent`. */
  set(parent: string, index: number, item: T, log: UndoLog): void {
    const list = this.lists.get(parent)!;
    const prev = list[index]!;
    list[index] = item;
    log(() => {
      list[index] = prev;
    });
  }
}

/** A plain id → record map with undoable writes. */
export class RecordTable<T extends { id: string; tenantId: string }> {
  readonly rows = new Map<string, T>();

  get(tenantId: string, id: string): T | undefined {
    const row = this.rows.get(id);
    return row && row.tenantId === tenantId ? row : undefined;
  }

  put(row: T, log: UndoLog): void {
    const prev = this.rows.get(row.id);
    this.rows.set(row.id, row);
    log(() => (prev === undefined ? this.rows.delete(row.id) : this.rows.set(row.id, prev)));
  }
}

/** Membership sets (parent → ids) with undoable writes. */
export class SetIndex {
  readonly sets = new Map<string, Set<string>>();

  ids(parent: string): string[] {
    return [...(this.sets.get(parent) ?? [])];
  }

  add(parent: string, id: string, log: UndoLog): void {
    const set = getOr(this.sets, parent, () => new Set());
    if (set.has(id)) return;
    set.add(id);
    log(() => set.delete(id));
  }

  delete(parent: string, id: string, log: UndoLog): void {
    const set = this.sets.get(parent);
    if (!set?.delete(id)) return;
    log(() => set.add(id));
  }
}

/** Every table of one memory storage. */
export interface Tables {
  incidents: IncidentTable;
  alerts: AlertTable;
  /** (tenant, incident) → thoughts by seq. */
  thoughts: SequenceTable<Thought>;
  /** (tenant, incident, clientKey) → thought. */
  thoughtKeys: Map<string, Thought>;
  /** (tenant, incident) → citations by key. */
  citations: SequenceTable<Citation>;
  /** (tenant, incident, clientKey) → citation. */
  citationKeys: Map<string, Citation>;
  suggestions: RecordTable<Suggestion>;
  /** (tenant, incident) → suggestion ids. */
  suggestionsByIncident: SetIndex;
  sessions: RecordTable<ChatSession>;
  /** (tenant, incident) → session ids. */
  sessionsByIncident: SetIndex;
  /** session id → messages by seq. */
  messages: SequenceTable<ChatMessage>;
  /** message id → its session. */
  messageSession: Map<string, string>;
  /** (tenant, incident) → postmortem versions. */
  postmortems: SequenceTable<Postmortem>;
  /** tenant → events by id. */
  events: SequenceTable<IncidentEvent>;
  /** (tenant, incident) → events of that incident, oldest first. */
  eventsByIncident: SequenceTable<IncidentEvent>;
  /** tenant → dead letters, oldest first. */
  deadLetters: SequenceTable<DeadLetter>;
}

export function createTables(): Tables {
  return {
    incidents: new IncidentTable(),
    alerts: new AlertTable(),
    thoughts: new SequenceTable(),
    thoughtKeys: new Map(),
    citations: new SequenceTable(),
    citationKeys: new Map(),
    suggestions: new RecordTable(),
    suggestionsByIncident: new SetIndex(),
    sessions: new RecordTable(),
    sessionsByIncident: new SetIndex(),
    messages: new SequenceTable(),
    messageSession: new Map(),
    postmortems: new SequenceTable(),
    events: new SequenceTable(),
    eventsByIncident: new SequenceTable(),
    deadLetters: new SequenceTable(),
  };
}

/** `map.set` with an undo entry. */
export function setUndoable<K, V>(map: Map<K, V>, k: K, value: V, log: UndoLog): void {
  const had = map.has(k);
  const prev = map.get(k);
  map.set(k, value);
  log(() => (had ? map.set(k, prev as V) : map.delete(k)));
}
