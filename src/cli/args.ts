import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ProfileGraphError } from '../model/diagnostic.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseCommandArgs} returns: typed flag values and the positionals. */
export type ParsedCommand<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/**
 * Parses a command's arguments with `node:util.parseArgs` (strict: unknown flags are errors).
 * Turns its exceptions into a `usage/invalid` {@link ProfileGraphError} (exit 2) naming the
 * command, so a typo gives one clear line, not a stack.
 */
export function parseCommandArgs<T extends Options>(
  command: string,
  argv: readonly string[],
  options: T,
): ParsedCommand<T> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(
      `${command}: ${(error as Error).message.replace(/\.$/, '')}. See "profile-graph ${command} --help".`,
    );
  }
}

/** A usage error (exit 2) with one message. */
export function usageError(message: string): ProfileGraphError {
  return new ProfileGraphError([{ code: 'usage/invalid', severity: 'error', message }], 2);
}
