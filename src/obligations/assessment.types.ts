/** Inputs and outputs of the breach assessment. */
import type { BreachDecision } from './events.schema.js';

export type Exfiltration = 'confirmed' | 'suspected' | 'excluded' | 'unknown';
export type BackupState = 'restored' | 'available' | 'unavailable' | 'unknown';

/** What responders know about the incident, as far as the breach assessment needs it. */
export interface BreachFacts {
  /** Whether data left the estate, for the whole incident. */
  exfiltration: Exfiltration;
  /** Per entity, where it differs from the incident-wide value. */
  exfiltrationByEntity?: Readonly<Record<string, Exfiltration>> | undefined;
  /** Unauthorised access or ransomware suspected (a "wrongful purpose" under APPI). */
  ransomware?: boolean | undefined;
  /** Whether encrypted systems could be restored from backups. */
  backups?: BackupState | undefined;
  /** Keys of encrypted-at-rest stores were (possibly) compromised, so encryption does not lower the risk. */
  keysCompromised?: boolean | undefined;
  /** Entities to assess; default: every entity with a host in the incident's scope (any state). */
  entities?: readonly string[] | undefined;
}

export interface AssessedStore {
  id: string;
  name: string;
  host: string;
  hostState: 'in_scope' | 'suspected';
  categories: string[];
  records: number;
  subjectCountries: string[];
  encryptedAtRest: boolean;
}

/** A proposed determination for one entity and regime, for a named person to confirm or override. */
export interface BreachAssessment {
  entity: string;
  /** The determination key (`uk-gdpr`, `appi`, ...). */
  regime: string;
  regimeName: string;
  proposal: BreachDecision;
  /** One line per consideration, in the order they were weighed. */
  reasoning: string[];
  /** Records on reached hosts for this regime (an upper estimate of persons). */
  records: number;
  categories: string[];
  subjectCountries: string[];
  dataStores: AssessedStore[];
}
