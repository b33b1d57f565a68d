/**
 * The row kept per incident for fast listing: a projection of its log (see `foldSummary`), updated with
 * every append. `state` and `severity` hold the values of `IncidentState` and `Severity`; they are typed as
 * strings because storage reads them back as plain text.
 */
export interface IncidentSummary {
  id: string;
  title: string;
  state: string;
  severity: string;
  /** Entity ids the incident touches: those named when it was opened plus every entity named by scope changes. */
  entities: string[];
  /** Username of the incident commander, or null when nobody has been assigned. */
  commander: string | null;
  openedAt: string;
  updatedAt: string;
  lastSeq: number;
  lastHash: string;
}
