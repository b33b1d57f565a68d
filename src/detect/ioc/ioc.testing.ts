/**
 * Helpers for the indicator tests: fixture text, compact views of parse results, and hand-made indicators.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Indicator, IndicatorType, ParseResult } from './indicator.js';

/** The path of a fixture under test/fixtures/ioc. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../../test/fixtures/ioc/${name}`, import.meta.url));
}

/** The text of a fixture under test/fixtures/ioc. */
export function fixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** `type value` of each indicator, in order. */
export function typed(result: ParseResult): string[] {
  return result.indicators.map((i) => `${i.type} ${i.value}`);
}

/** `where: message` of each problem, where being the line or the JSON path. */
export function located(result: ParseResult): string[] {
  return result.problems.map((p) => `${p.line ?? p.field ?? ''}: ${p.message}`);
}

/** An indicator made by hand. */
export function indicator(type: IndicatorType, value: string, extra: Partial<Indicator> = {}): Indicator {
  return { id: `${type}:${value}`, type, value, labels: [], origin: { format: 'csv' }, ...extra };
}
