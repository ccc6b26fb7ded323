import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Code } from '../model/codes.js';
import { ProfileGraphError } from '../model/diagnostic.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseCommandArgs} returns: typed flag values and the positionals. */
export type ParsedCommand<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/**
 * Parses a command's arguments with `node:util.parseArgs`. Flags are checked here, from the
 * parser's tokens, before its strict pass, so a mistake is one line of ours naming the flag and
 * where the command's help is, never Node's text: rejects (ProfileGraphError, exit 2) an
 * unknown flag (`cli/unknown-flag`), a flag that needs a value without one, or with one that
 * looks like another flag (`cli/missing-value`), and a value given to a switch
 * (`cli/unexpected-value`). Positionals are the command's to judge (see
 * {@link unexpectedArgument}).
 */
export function parseCommandArgs<T extends Options>(
  command: string,
  argv: readonly string[],
  options: T,
): ParsedCommand<T> {
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (option === undefined)
      throw cliError('cli/unknown-flag', command, `unknown option "${token.rawName}"`);
    if (option.type === 'string') {
      // `--out --base-url x` would take "--base-url" as the folder: a value that looks like a
      // flag must be given inline (`--out=--odd-name`).
      if (token.value === undefined)
        throw cliError('cli/missing-value', command, `option "${token.rawName}" needs a value`);
      if (!token.inlineValue && token.value.startsWith('-'))
        throw cliError(
          'cli/missing-value',
          command,
          `option "${token.rawName}" needs a value; "${token.value}" looks like an option (write ${token.rawName}=${token.value} if it is the value)`,
        );
    } else if (token.value !== undefined) {
      throw cliError(
        'cli/unexpected-value',
        command,
        `option "${token.rawName}" takes no value, got "${token.value}"`,
      );
    }
  }
  return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
}

/** The error for a positional argument the command does not take (exit 2). */
export function unexpectedArgument(
  command: string,
  argument: string,
  advice?: string,
): ProfileGraphError {
  return cliError(
    'cli/unexpected-argument',
    command,
    `unexpected argument "${argument}"${advice === undefined ? '' : `; ${advice}`}`,
  );
}

function cliError(code: Code, command: string, problem: string): ProfileGraphError {
  return new ProfileGraphError(
    [
      {
        code,
        severity: 'error',
        message: `profile-graph ${command}: ${problem} (see profile-graph help ${command})`,
      },
    ],
    2,
  );
}

/** A usage error (exit 2) with one message. */
export function usageError(message: string): ProfileGraphError {
  return new ProfileGraphError([{ code: 'usage/invalid', severity: 'error', message }], 2);
}
