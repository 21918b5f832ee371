/**
 * Versioned schema migrations, applied in order and recorded in `schema_migrations`.
 * A released migration is never edited: changes go into a new entry at the end.
 * `{{schema}}` is replaced by the quoted schema name.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const OPEN = `status IN ('investigating', 'analyzed')`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE {{schema}}.incidents (
  tenant_id text NOT NULL,
  id text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  severity text NOT NULL,
  status text NOT NULL,
  aurora_status text NOT NULL,
  aurora_status_reason text,
  summary text,
  root_cause text,
  confidence text,
  ruled_out text[] NOT NULL DEFAULT '{}',
  not_checked text[] NOT NULL DEFAULT '{}',
  affected_services text[] NOT NULL DEFAULT '{}',
  environment text,
  alert_count integer NOT NULL DEFAULT 0,
  open_alert_count integer NOT NULL DEFAULT 0,
  merged_into_id text,
  origin text NOT NULL DEFAULT 'alert',
  test boolean NOT NULL DEFAULT false,
  started_at timestamptz NOT NULL,
  last_alert_at timestamptz NOT NULL,
  analyzed_at timestamptz,
  resolved_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id)
);
-- The incident list: newest first, keyset-paginated.
CREATE INDEX incidents_list_idx ON {{schema}}.incidents (tenant_id, started_at DESC, id DESC);
-- Correlation candidates: open incidents by last alert, and by affected service.
CREATE INDEX incidents_candidates_idx ON {{schema}}.incidents (tenant_id, last_alert_at DESC) WHERE ${OPEN};
CREATE INDEX incidents_services_idx ON {{schema}}.incidents USING gin (affected_services) WHERE ${OPEN};
CREATE INDEX incidents_merged_into_idx ON {{schema}}.incidents (tenant_id, merged_into_id) WHERE merged_into_id IS NOT NULL;

CREATE TABLE {{schema}}.alerts (
  tenant_id text NOT NULL,
  id text NOT NULL,
  integration_id text,
  incident_id text,
  source text NOT NULL,
  source_alert_id text,
  fingerprint text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  severity text NOT NULL,
  status text NOT NULL,
  service text,
  environment text,
  labels jsonb NOT NULL DEFAULT '{}',
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  url text,
  kind text NOT NULL DEFAULT 'alert',
  test boolean NOT NULL DEFAULT false,
  raw json,
  correlation jsonb,
  active boolean NOT NULL DEFAULT true,
  received_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  occurrences integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id)
);
-- Dedup: one active alert per (tenant, source, fingerprint), even with concurrent writers.
CREATE UNIQUE INDEX alerts_dedup_idx ON {{schema}}.alerts (tenant_id, source, fingerprint) WHERE active;
CREATE INDEX alerts_incident_idx ON {{schema}}.alerts (tenant_id, incident_id, received_at);
CREATE INDEX alerts_recent_idx ON {{schema}}.alerts (tenant_id, started_at DESC);

-- Per-parent counters behind gap-free sequence numbers (thought seq, citation key, message
-- seq, postmortem version, event id). The row lock serializes writers of one parent.
CREATE TABLE {{schema}}.counters (
  tenant_id text NOT NULL,
  scope text NOT NULL,
  parent_id text NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY (tenant_id, scope, parent_id)
);

CREATE TABLE {{schema}}.thoughts (
  tenant_id text NOT NULL,
  id text NOT NULL,
  incident_id text NOT NULL,
  seq integer NOT NULL,
  content text NOT NULL,
  kind text NOT NULL DEFAULT 'investigation',
  client_key text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, incident_id, seq)
);
CREATE UNIQUE INDEX thoughts_client_key_idx ON {{schema}}.thoughts (tenant_id, incident_id, client_key) WHERE client_key IS NOT NULL;

CREATE TABLE {{schema}}.citations (
  tenant_id text NOT NULL,
  id text NOT NULL,
  incident_id text NOT NULL,
  key text NOT NULL,
  tool_name text NOT NULL,
  command text NOT NULL,
  input json,
  output text NOT NULL,
  status text NOT NULL,
  reason text,
  executed_at timestamptz NOT NULL,
  duration_ms double precision NOT NULL,
  origin text NOT NULL DEFAULT 'investigation',
  client_key text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, incident_id, key)
);
CREATE UNIQUE INDEX citations_client_key_idx ON {{schema}}.citations (tenant_id, incident_id, client_key) WHERE client_key IS NOT NULL;

CREATE TABLE {{schema}}.suggestions (
  tenant_id text NOT NULL,
  id text NOT NULL,
  incident_id text NOT NULL,
  type text NOT NULL,
  title text NOT NULL,
  rationale text NOT NULL DEFAULT '',
  status text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX suggestions_incident_idx ON {{schema}}.suggestions (tenant_id, incident_id, created_at);

CREATE TABLE {{schema}}.chat_sessions (
  tenant_id text NOT NULL,
  id text NOT NULL,
  incident_id text NOT NULL,
  mode text NOT NULL,
  status text NOT NULL,
  title text NOT NULL DEFAULT '',
  created_by text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX chat_sessions_incident_idx ON {{schema}}.chat_sessions (tenant_id, incident_id, created_at);

CREATE TABLE {{schema}}.chat_messages (
  tenant_id text NOT NULL,
  id text NOT NULL,
  session_id text NOT NULL,
  seq integer NOT NULL,
  role text NOT NULL,
  content text NOT NULL,
  status text NOT NULL DEFAULT 'complete',
  citation_keys text[] NOT NULL DEFAULT '{}',
  approval jsonb,
  created_by text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, session_id, seq)
);

CREATE TABLE {{schema}}.postmortems (
  tenant_id text NOT NULL,
  id text NOT NULL,
  incident_id text NOT NULL,
  version integer NOT NULL,
  sections jsonb NOT NULL,
  markdown text NOT NULL,
  generated_by text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, incident_id, version)
);

-- The event log behind SSE resume (Last-Event-ID): ids increase per tenant.
CREATE TABLE {{schema}}.events (
  tenant_id text NOT NULL,
  seq bigint NOT NULL,
  incident_id text,
  type text NOT NULL,
  at timestamptz NOT NULL,
  body json NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX events_incident_idx ON {{schema}}.events (tenant_id, incident_id, seq) WHERE incident_id IS NOT NULL;

CREATE TABLE {{schema}}.dead_letters (
  tenant_id text NOT NULL,
  id text NOT NULL,
  integration_id text,
  source text NOT NULL,
  reason text NOT NULL,
  body text NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}',
  received_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX dead_letters_recent_idx ON {{schema}}.dead_letters (tenant_id, received_at DESC);
`,
  },
];
