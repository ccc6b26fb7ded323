import { suggest } from '../vocab/did-you-mean.js';

/**
 * The rule sets `validate --rules` chooses from: which checks run over the data. Syntax and
 * JSON-LD are checked whatever is chosen, since every rule set reads the graph they build.
 */
export const RULE_SETS = {
  'schema.org': {
    title: 'schema.org vocabulary and graph integrity',
    description:
      'What validator.schema.org checks, offline: unknown classes and properties (with "did you mean"), domain and range, superseded terms, and graph integrity (dangling references, one node described two ways).',
  },
  google: {
    title: "Google Search's structured-data requirements",
    description:
      'The SHACL shapes in shapes/google/, one per Google rich result: a property Google requires is an error, one it recommends a warning; each shape names the documentation section it encodes.',
  },
  profile: {
    title: "This project's profile shapes",
    description:
      'The JSON Schemas (shapes/*.schema.json) and SHACL shapes (shapes/*.ttl) of the profile this project publishes: every node has an @id, people have the properties a profile page shows.',
  },
} as const satisfies Record<string, { title: string; description: string }>;

/** The name of a rule set: `schema.org`, `google` or `profile`. */
export type RuleSet = keyof typeof RULE_SETS;

/** Every rule set name, in the order they are listed and applied. */
export const RULE_SET_NAMES = Object.keys(RULE_SETS) as RuleSet[];

/**
 * What is being validated, which decides the default rule sets: a `project` (a configuration
 * file was found or `--data` given: a profile written for this tool) or `loose` input (pages or
 * JSON-LD files named on the command line, written for search engines, not for a profile).
 */
export type InputKind = 'project' | 'loose';

/**
 * The rule sets used when none are chosen: all of them for a project (what `validate` has
 * always checked), `schema.org` and `google` for loose input, which has no profile to follow.
 */
export function defaultRuleSets(kind: InputKind): RuleSet[] {
  return kind === 'project' ? [...RULE_SET_NAMES] : ['schema.org', 'google'];
}

/** One name in a `--rules` list that is not a rule set. */
export interface UnknownRuleSet {
  name: string;
  /** Its place in the list (0-based), to locate it in a configuration file's array. */
  index: number;
  /** The closest rule set name, if one is close. */
  suggestion?: RuleSet;
}

/** The outcome of {@link parseRuleSets}. */
export type ParsedRuleSets =
  { ok: true; ruleSets: RuleSet[] } | { ok: false; unknown: UnknownRuleSet[] };

/**
 * Reads a list of rule set names: a comma-separated string (`schema.org,google`, the flag) or
 * an array (the configuration file). Names are trimmed and compared case-insensitively;
 * repeats and empty items count once or not at all; the result is in registry order. Rejects
 * (as data, never by throwing) every unknown name, each with the closest known name when one is
 * close, and a list that names none (reported as one unknown empty name).
 */
export function parseRuleSets(value: string | readonly string[]): ParsedRuleSets {
  const names = typeof value === 'string' ? value.split(',') : [...value];
  const chosen = new Set<RuleSet>();
  const unknown: UnknownRuleSet[] = [];
  for (const [index, raw] of names.entries()) {
    const name = raw.trim();
    // `schema.org,` or `a,,b`: an empty item is a slip of the keyboard, not a rule set.
    if (name === '') continue;
    const known = RULE_SET_NAMES.find((set) => set === name.toLowerCase());
    if (known !== undefined) chosen.add(known);
    else {
      const suggestion = suggest(name.toLowerCase(), RULE_SET_NAMES) as RuleSet | undefined;
      unknown.push({ name, index, ...(suggestion === undefined ? {} : { suggestion }) });
    }
  }
  if (unknown.length > 0) return { ok: false, unknown };
  if (chosen.size === 0) return { ok: false, unknown: [{ name: '', index: 0 }] };
  return { ok: true, ruleSets: RULE_SET_NAMES.filter((set) => chosen.has(set)) };
}

/** The sentence that explains an {@link UnknownRuleSet}, without its location. */
export function unknownRuleSetMessage(unknown: UnknownRuleSet): string {
  const known = RULE_SET_NAMES.join(', ');
  return unknown.name === ''
    ? `No rule set named; choose from ${known}.`
    : `Unknown rule set "${unknown.name}"; the rule sets are ${known}.`;
}
