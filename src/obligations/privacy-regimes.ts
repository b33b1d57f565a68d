/**
 * The personal-data regimes the breach assessment proposes determinations for. `key` is the determination key
 * that rules of the pack wait for (`applies.determination`); a regime is assessed for an entity in one of its
 * countries, or for an entity whose reached data stores hold data of subjects in those countries.
 */
import { COUNTRY_GROUPS } from './jurisdictions.js';

export interface PrivacyRegime {
  key: string;
  name: string;
  /** The countries in words, for reasoning lines ("the EEA"). */
  area: string;
  countries: readonly string[];
  /** `authority`: notify the regulator; `subjects`: tell the individuals (high risk / significant harm). */
  level: 'authority' | 'subjects';
  /** For `subjects` regimes: the authority-level key they follow. */
  follows?: string;
  /** US state regimes: residency is not in the estate, so a person must confirm it. */
  usState?: string;
  /** Regime-specific lines of reasoning (thresholds and categories from the facts pack). */
  special?: 'appi' | 'sg-scale' | 'edpb';
}

const EEA = COUNTRY_GROUPS['EEA'] ?? [];

export const PRIVACY_REGIMES: readonly PrivacyRegime[] = [
  {
    key: 'gdpr',
    name: 'EU GDPR Art. 33 (supervisory authority)',
    area: 'the EEA',
    countries: EEA,
    level: 'authority',
    special: 'edpb',
  },
  {
    key: 'gdpr-subjects',
    name: 'EU GDPR Art. 34 (data subjects, high risk)',
    area: 'the EEA',
    countries: EEA,
    level: 'subjects',
    follows: 'gdpr',
  },
  {
    key: 'uk-gdpr',
    name: 'UK GDPR Art. 33 (ICO)',
    area: 'the UK',
    countries: ['GB'],
    level: 'authority',
    special: 'edpb',
  },
  {
    key: 'uk-gdpr-subjects',
    name: 'UK GDPR Art. 34 (individuals, high risk)',
    area: 'the UK',
    countries: ['GB'],
    level: 'subjects',
    follows: 'uk-gdpr',
  },
  {
    key: 'appi',
    name: 'Japan APPI Art. 26 (PPC and individuals)',
    area: 'Japan',
    countries: ['JP'],
    level: 'authority',
    special: 'appi',
  },
  {
    key: 'sg-pdpa',
    name: 'Singapore PDPA (PDPC)',
    area: 'Singapore',
    countries: ['SG'],
    level: 'authority',
    special: 'sg-scale',
  },
  {
    key: 'sg-pdpa-subjects',
    name: 'Singapore PDPA (individuals, significant harm)',
    area: 'Singapore',
    countries: ['SG'],
    level: 'subjects',
    follows: 'sg-pdpa',
  },
  {
    key: 'au-ndb',
    name: 'Australia NDB scheme (OAIC and individuals)',
    area: 'Australia',
    countries: ['AU'],
    level: 'authority',
  },
  {
    key: 'ca-pipeda',
    name: 'Canada PIPEDA s.10.1 (real risk of significant harm)',
    area: 'Canada',
    countries: ['CA'],
    level: 'authority',
  },
  {
    key: 'us-ca',
    name: 'California Civ. Code 1798.82',
    area: 'the US',
    countries: ['US'],
    level: 'authority',
    usState: 'California',
  },
  {
    key: 'us-ny',
    name: 'New York GBL 899-aa',
    area: 'the US',
    countries: ['US'],
    level: 'authority',
    usState: 'New York',
  },
  {
    key: 'us-tx',
    name: 'Texas Bus. & Com. Code 521.053',
    area: 'the US',
    countries: ['US'],
    level: 'authority',
    usState: 'Texas',
  },
];

/** Personal data categories treated as sensitive when judging high risk / significant harm. */
export const SENSITIVE_CATEGORIES: readonly string[] = [
  'health',
  'financial',
  'credentials',
  'special',
  'biometric',
  'genetic',
  'national-id',
  'government-id',
  'children',
  'criminal',
  'payment-card',
];
