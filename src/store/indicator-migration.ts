/**
 * Migration 0004: indicator sets uploaded through the API (STIX bundles, MISP events, CSV lists), kept as the
 * text that was sent so that every node parses the same indicators. A revision counter moves with every
 * change, so each node rebuilds its index when it sees a new revision.
 */
export const INDICATOR_TABLES = [
  `create table indicator_sets (
     name text collate "C" primary key, format text not null check (format in ('stix', 'misp', 'csv')),
     filename text, description text, level text, include_non_ids boolean not null default false,
     content text not null, bytes integer not null, indicators integer not null, problems integer not null,
     by_type jsonb not null, uploaded_by text not null, uploaded_at text not null)`,
  `insert into counters (name, value) values ('indicator_revision', 0)`,
];
