/**
 * Migration 0003: the durable executor. One row per action and direction of a plan (the reversal of an action
 * is its own row), with the lease that lets exactly one server node run an attempt, and one row per run of a
 * plan direction so that exactly one node records that it finished.
 *
 * `due_at` is null once nothing more is to be done for the row (a final state, or `applied` as the outcome of
 * a connector that cannot prove more); otherwise the executor claims it at or after that time. `logged` counts
 * the history entries already written to the incident log.
 */
export const ACTION_TABLES = [
  `create table plan_actions (
     plan_id text collate "C" not null, action_id text collate "C" not null,
     direction text not null check (direction in ('forward', 'reverse')),
     incident_id text not null, seq integer not null,
     connector text not null, operation text not null, args jsonb not null, target jsonb not null,
     label text not null, reversal jsonb, actor text not null,
     state text not null check (state in ('requested', 'sent', 'applied', 'verified', 'failed', 'rolled_back')),
     attempts integer not null default 0, attempt_limit integer not null, run_started_at text not null,
     due_at text, lease_node text, lease_until text,
     evidence jsonb, error jsonb, history jsonb not null, logged integer not null default 0,
     created_at text not null, updated_at text not null,
     primary key (plan_id, action_id, direction))`,
  `create index plan_actions_due on plan_actions (due_at, plan_id, seq) where due_at is not null`,
  `create index plan_actions_lease on plan_actions (lease_node) where lease_node is not null`,
  `create index plan_actions_unlogged on plan_actions (plan_id) where jsonb_array_length(history) > logged`,
  `create table plan_runs (
     plan_id text collate "C" not null, direction text not null check (direction in ('forward', 'reverse')),
     incident_id text not null, actor text not null, started_at text not null, finished_at text,
     primary key (plan_id, direction))`,
  `create index plan_runs_incident on plan_runs (incident_id)`,
];
