/**
 * Country groups that rules may name instead of single countries, and the time zone used for an entity's
 * country when a rule counts days "in the entity's time zone".
 */

/** The 27 EU member states (ISO 3166-1 alpha-2; Greece is GR). */
export const EU_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
] as const;

/** Groups a rule may use in `countries:` lists. */
export const COUNTRY_GROUPS: Readonly<Record<string, readonly string[]>> = {
  EU: EU_COUNTRIES,
  EEA: [...EU_COUNTRIES, 'IS', 'LI', 'NO'],
};

/**
 * Expands groups (`EU`, `EEA`) into countries.
 *
 * @example
 * expandCountries(['EEA', 'GB']).has('NO'); // true
 */
export function expandCountries(codes: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const code of codes) for (const country of COUNTRY_GROUPS[code] ?? [code]) out.add(country);
  return out;
}

/** A representative zone per country (the capital's, for countries that span several zones). */
const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  HR: 'Europe/Zagreb',
  CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  GR: 'Europe/Athens',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IT: 'Europe/Rome',
  LV: 'Europe/Riga',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SK: 'Europe/Bratislava',
  SI: 'Europe/Ljubljana',
  ES: 'Europe/Madrid',
  SE: 'Europe/Stockholm',
  IS: 'Atlantic/Reykjavik',
  LI: 'Europe/Vaduz',
  NO: 'Europe/Oslo',
  GB: 'Europe/London',
  CH: 'Europe/Zurich',
  JP: 'Asia/Tokyo',
  SG: 'Asia/Singapore',
  IN: 'Asia/Kolkata',
  AU: 'Australia/Sydney',
  CA: 'America/Toronto',
  US: 'America/New_York',
  CN: 'Asia/Shanghai',
  HK: 'Asia/Hong_Kong',
  KR: 'Asia/Seoul',
  TW: 'Asia/Taipei',
  NZ: 'Pacific/Auckland',
  BR: 'America/Sao_Paulo',
  MX: 'America/Mexico_City',
  ZA: 'Africa/Johannesburg',
  AE: 'Asia/Dubai',
  IL: 'Asia/Jerusalem',
  TR: 'Europe/Istanbul',
};

/**
 * The zone used for an entity in `country`, or undefined when none is known (the caller falls back to UTC).
 *
 * @example
 * countryTimeZone('JP'); // 'Asia/Tokyo'
 */
export function countryTimeZone(country: string): string | undefined {
  return COUNTRY_ZONES[country];
}
