import type { RuleTable } from '../negotiation-rules.js';

/** A double-quoted Apache argument. */
export function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** A text on one line, as an ErrorDocument string must be. */
export function oneLine(text: string): string {
  return text.trim().split('\n').join(' ');
}

/** `[OR]` between conditions, except after the last. */
export function orAll(conditions: readonly string[]): string[] {
  return conditions.map((condition, index) =>
    index < conditions.length - 1 ? `${condition} [OR]` : condition,
  );
}

/** Accept-Encoding names `coding` with a weight above zero (RFC 9110 §12.5.3). */
export function accepts(coding: 'br' | 'gzip'): string {
  return `(?:^|,)\\s*${coding}\\s*(?:;\\s*q\\s*=\\s*(?!0*(?:\\.0*)?\\s*(?:,|$))[\\d.]+)?\\s*(?:,|$)`;
}

/** One ordered table as rewrite rules: each rule sets the variable unless an earlier one did. */
export function table(rules: RuleTable, input: string, guard: readonly string[]): string[] {
  const name = envName(rules);
  const out: string[] = [];
  for (const rule of rules.rules) {
    out.push(
      ...guard,
      `RewriteCond %{ENV:${name}} ^$`,
      `RewriteCond ${input} ${rule.pattern} [NC]`,
      `RewriteRule ^ - [E=${name}:${rule.value}${rule.appendCapture ? '%1' : ''}]`,
    );
  }
  if (rules.fallback !== '') {
    out.push(
      ...guard,
      `RewriteCond %{ENV:${name}} ^$`,
      `RewriteRule ^ - [E=${name}:${rules.fallback}]`,
    );
  }
  return out;
}

/** The environment variable a rule table sets. */
export function envName(rules: RuleTable): string {
  return `PG_${rules.name.toUpperCase()}`;
}
