/**
 * Filling a notice template from the facts: each `{{placeholder}}` becomes its fact, or a marked blank
 * (`[[TO COMPLETE: ...]]`) when the record does not give it. The blanks left (those of the placeholders and
 * those the template writes itself, such as the likely consequences) are listed with their line.
 */
import type { NoticeFacts } from './notices.facts.js';
import { PLACEHOLDER_PATTERN, blankFor, findBlanks, isPlaceholderKey, type Blank } from './notices.placeholders.js';
import type { NoticeTemplate } from './notices.template.js';

export interface FilledNotice {
  markdown: string;
  blanks: Blank[];
}

/**
 * @example
 * const { markdown, blanks } = fillNotice(template, noticeFacts({ ... }));
 * blanks.map((b) => b.text); // ['the contact point (name, role, e-mail and telephone)', 'the likely consequences ...']
 */
export function fillNotice(template: Pick<NoticeTemplate, 'body'>, facts: NoticeFacts): FilledNotice {
  const markdown = template.body
    .replace(PLACEHOLDER_PATTERN, (whole, key: string) => {
      if (!isPlaceholderKey(key)) return whole; // templates are checked on load; keep anything else visible
      const value = facts[key];
      return value === undefined || value.trim() === '' ? blankFor(key) : value;
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { markdown: `${markdown}\n`, blanks: findBlanks(markdown) };
}
