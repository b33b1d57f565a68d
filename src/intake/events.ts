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
      return `${a.rule.level} alert on ${where}: ${a.rule.title}${attack} (rule by ${a.rule.author})`;
    },
  });
}
