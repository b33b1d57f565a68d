/**
 * Loading the approval policy at start-up (the only I/O around policies): a file that cannot be read or has
 * any problem stops the server with every problem located (file, line, field, hint).
 */
import { readFileSync } from 'node:fs';
import { parsePolicy, type LoadedPolicy } from '../respond/index.js';
import { UserError } from '../shared/errors.js';

const FIX = 'set FIREBREAK_POLICY to a valid policy file, or unset it to use content/policies/default.yaml';

/**
 * Reads and validates a policy file.
 *
 * @throws UserError `invalid_input` naming the file and listing every problem.
 * @example
 * const { policy, source } = loadPolicyFile(config.policyFile);
 */
export function loadPolicyFile(file: string): LoadedPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UserError('invalid_input', `cannot read the approval policy ${file}: ${why}`, [], { hint: FIX });
  }
  const parsed = parsePolicy(text, file);
  if (!parsed.ok) {
    const n = parsed.issues.length;
    throw new UserError('invalid_input', `the approval policy ${file} has ${n} problem${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} before starting`, parsed.issues, { hint: FIX });
  }
  return { policy: parsed.policy, source: parsed.source };
}
