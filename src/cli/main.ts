import { ProfileGraphError } from '../model/diagnostic.js';
import { runBuild } from './build.js';
import { runConvert } from './convert.js';
import type { CliIo } from './io.js';
import { formatDiagnosticLine } from './report/text.js';
import { runPush } from './push.js';
import { runQuery } from './query.js';
import { runServe } from './serve.js';
import { runValidate } from './validate.js';
import { readVersion } from './version.js';

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, { run: Command; summary: string }>> = {
  validate: {
    run: runValidate,
    summary: 'check the profile: syntax, schema, JSON-LD, vocabulary, graph, SHACL',
  },
  convert: { run: runConvert, summary: 'convert the profile or one RDF document between formats' },
  serve: { run: runServe, summary: 'serve the profile with content negotiation (HTML and RDF)' },
  query: { run: runQuery, summary: 'run a SPARQL query on the profile (or on a remote endpoint)' },
  build: {
    run: runBuild,
    summary: 'export the site as static files with nginx, Apache and static-host configurations',
  },
  push: { run: runPush, summary: 'write the graph into a SPARQL store (Graph Store Protocol)' },
};

async function runCommand(command: string, argv: readonly string[], io: CliIo): Promise<number> {
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!entry) {
    io.stderr(
      `error usage/invalid Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}.\n`,
    );
    return 2;
  }
  return await entry.run(argv, io);
}

function mainHelp(): string {
  const lines = Object.entries(COMMANDS).map(
    ([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`,
  );
  return `Usage: profile-graph <command> [options]

Validate, convert and publish a schema.org profile as linked data.

Commands:
${lines.join('\n')}

Run "profile-graph help <command>" (or "profile-graph <command> --help") for a command's options.
`;
}

/**
 * The command-line entry point: runs one command and returns its exit status (0 success,
 * 1 errors in the data, 2 usage or configuration error). Never throws: a
 * {@link ProfileGraphError} is printed as located lines, and any other error as one line
 * (a stack trace on the terminal is a bug, so even those stay one line).
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const [topic] = rest;
    // `help COMMAND` is that command's --help, so both spellings print the same text.
    if (command === 'help' && topic !== undefined) return await runCommand(topic, ['--help'], io);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(mainHelp());
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${readVersion()}\n`);
      return 0;
    }
    return await runCommand(command, rest, io);
  } catch (error) {
    if (error instanceof ProfileGraphError) {
      for (const diagnostic of error.diagnostics)
        io.stderr(`${formatDiagnosticLine(diagnostic, io.isTty)}\n`);
      return error.exitCode;
    }
    io.stderr(`error internal ${(error as Error).message || String(error)}\n`);
    return 70;
  }
}
