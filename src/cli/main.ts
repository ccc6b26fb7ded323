import { ProfileGraphError } from '../model/diagnostic.js';
import type { CliIo } from './io.js';
import { formatDiagnosticLine } from './report/text.js';
import { readVersion } from './version.js';

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

// Each command's module is imported when it runs: `validate` then never loads express,
// chokidar or the export's writers (issue #13 item 6, cold start).
const COMMANDS: Readonly<Record<string, { load: () => Promise<Command>; summary: string }>> = {
  validate: {
    load: async () => (await import('./validate.js')).runValidate,
    summary: 'check the profile: syntax, schema, JSON-LD, vocabulary, graph, SHACL',
  },
  convert: {
    load: async () => (await import('./convert.js')).runConvert,
    summary: 'convert the profile or one RDF document between formats',
  },
  serve: {
    load: async () => (await import('./serve.js')).runServe,
    summary: 'serve the profile with content negotiation (HTML and RDF)',
  },
  query: {
    load: async () => (await import('./query.js')).runQuery,
    summary: 'run a SPARQL query on the profile (or on a remote endpoint)',
  },
  build: {
    load: async () => (await import('./build.js')).runBuild,
    summary: 'export the site as static files with nginx, Apache and static-host configurations',
  },
  import: {
    load: async () => (await import('./import.js')).runImport,
    summary: 'turn a JSON Resume document or an ORCID record into data files',
  },
  export: {
    load: async () => (await import('./export.js')).runExport,
    summary: 'write the profile as a JSON Resume document or an ORCID record',
  },
  push: {
    load: async () => (await import('./push.js')).runPush,
    summary: 'write the graph into a SPARQL store (Graph Store Protocol)',
  },
};

async function runCommand(command: string, argv: readonly string[], io: CliIo): Promise<number> {
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!entry) {
    io.stderr(
      `error usage/invalid Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}.\n`,
    );
    return 2;
  }
  const run = await entry.load();
  return await run(argv, io);
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
 * 1 errors in the data, 2 usage, configuration or internal error). Never throws: a
 * {@link ProfileGraphError} is printed as located lines, and any other error as one line and
 * exit 2 (a stack trace on the terminal is a bug, so even those stay one line).
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
    // Exit 2 like any failure outside the data: CI scripts and the README promise 0/1/2 only.
    const message = ((error as Error).message || String(error)).split('\n')[0] ?? '';
    io.stderr(`error internal ${message}\n`);
    return 2;
  }
}
