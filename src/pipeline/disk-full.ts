/**
 * A full work directory surfaces as whatever step hit it (git's "No space left on device" in a
 * clone-failed, Node's ENOSPC in a codemod-failed …). It is reported as `disk-full`, with a hint
 * that names the folder to free, instead of a hint about the step.
 */
import { GodwitError } from '../errors.js';

function mentionsNoSpace(error: unknown, depth = 0): boolean {
  if (!error || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (e.code === 'ENOSPC') return true;
  if (typeof e.message === 'string' && /ENOSPC|No space left on device/i.test(e.message)) return true;
  return mentionsNoSpace(e.cause, depth + 1);
}

export function asDiskFull(error: GodwitError, workdir: string): GodwitError {
  if (error.code === 'disk-full' || !mentionsNoSpace(error)) return error;
  return new GodwitError(
    'disk-full',
    error.message,
    `Free space in the work directory ${workdir} (GODWIT_WORKDIR), or point GODWIT_WORKDIR at a bigger disk.`,
    { cause: error },
  );
}
