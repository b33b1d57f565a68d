/** The incident event types of detection: `alert.raised`. Registered once by the server at start. */
import { registerEventType } from '../incident/index.js';
import { alertSchema } from './alert.js';

let registered = false;

export function registerIntakeEventTypes(): void {
  if (registered) return;
  registered = true;
  registerEventType('alert.raised', alertSchema, {
    describe: (event) => {
      const a = event.payload;
      const where = a.host ?? a.hostReported ?? 'an unknown host';
      const attack = a.techniques.length > 0 ? ` [${a.techniques.join(', ')}]` : '';
      if (a.indicator) return `${a.rule.level} indicator match on ${where}: ${a.rule.title} in ${a.indicator.field} (indicator by ${a.rule.author})`;
      const formed = a.correlation ? ` from ${a.correlation.events} events` : '';
      return `${a.rule.level} ${a.correlation ? 'correlation' : 'alert'} on ${where}: ${a.rule.title}${attack}${formed} (rule by ${a.rule.author})`;
    },
  });
}
