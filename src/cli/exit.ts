/**
 * Exit codes of the `firebreak` command:
 *   0  success
 *   1  the request was refused or the input is invalid (the message says why and how to fix it),
 *      or a verification (audit verify) found a problem
 *   2  wrong usage (unknown command or option, missing argument)
 *   3  the server could not be reached or failed (5xx)
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, unavailable: 3 } as const;

/** Thrown by commands that finished but must exit non-zero (a failed verification, say). */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
