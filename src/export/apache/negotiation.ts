import { escapeRegex, queryNamePattern, type NegotiationTables } from '../negotiation-rules.js';
import { kinds } from '../offer-kinds.js';
import type { ReferenceBehaviour } from '../reference.js';
import { envName, quote, table } from './syntax.js';

/** `?format=` (the first "format" parameter; "+" is a space; any case) fixes the representation, or 406. */
export function formatQueryLines(reference: ReferenceBehaviour): string[] {
  const lines: string[] = [];
  const kindsList = kinds(reference);
  lines.push(
    '',
    '# ?format= (the first "format" parameter; "+" is a space; any case) fixes the representation.',
    'RewriteCond %{QUERY_STRING} (?:^|&)format(?:=([^&]*))?(?:&|$)',
    'RewriteRule ^ - [E=PG_HAS_FORMAT:1,E=PG_FORMAT_TEXT:%1]',
  );
  for (const { format, names } of reference.queryNames) {
    lines.push(
      'RewriteCond %{ENV:PG_HAS_FORMAT} =1',
      `RewriteCond %{ENV:PG_FORMAT_TEXT} ^(?:%20|%09|\\+)*(?:${names.map(queryNamePattern).join('|')})(?:%20|%09|\\+)*$ [NC]`,
      `RewriteRule ^ - [E=PG_QUERY_FORMAT:${format}]`,
    );
  }
  for (const [kind, template] of kindsList) {
    const formats = template.representations
      .filter((r) => !r.format.startsWith('jsonld-'))
      .map((r) => escapeRegex(r.format));
    lines.push(
      'RewriteCond %{ENV:PG_HAS_FORMAT} =1',
      `RewriteCond %{ENV:PG_OFFERS}:%{ENV:PG_QUERY_FORMAT} ^${kind}:(${formats.join('|')})$`,
      'RewriteRule ^ - [E=PG_FORMAT:%1,E=PG_CHOSEN:1]',
    );
  }
  lines.push(
    'RewriteCond %{ENV:PG_HAS_FORMAT} =1',
    'RewriteCond %{ENV:PG_CHOSEN} !=1',
    'RewriteRule ^ - [E=PG_FORMAT:406q]',
  );
  return lines;
}

/** Otherwise the Accept header decides, through the tables of negotiation-rules.ts. */
export function acceptLines(tables: NegotiationTables): string[] {
  const lines: string[] = [];
  lines.push(
    '',
    '# Otherwise the Accept header decides (src/export/negotiation-rules.ts): known client headers,',
    '# else every offer is probed for its deciding range and weight band.',
    'RewriteCond %{ENV:PG_HAS_FORMAT} !=1',
    'RewriteCond %{ENV:PG_FORMAT} ^$',
    'RewriteRule ^ - [E=PG_NEGOTIATE:1,E=PG_VARY:1]',
  );
  for (const set of ['doc', 'rdf'] as const) {
    const offers = set === 'doc' ? '^(?:doc|notfound)$' : '^rdf$';
    for (const [accept, outcome] of tables.known[set]) {
      lines.push(
        'RewriteCond %{ENV:PG_NEGOTIATE} =1',
        `RewriteCond %{ENV:PG_OFFERS} ${offers}`,
        `RewriteCond %{HTTP:Accept} ${quote(`=${accept}`)}`,
        `RewriteRule ^ - [E=PG_FORMAT:${outcome}]`,
      );
    }
  }
  const guard = ['RewriteCond %{ENV:PG_NEGOTIATE} =1', 'RewriteCond %{ENV:PG_FORMAT} ^$'];
  lines.push(...table(tables.state, '%{HTTP:Accept}', guard));
  for (const probe of tables.probes) {
    lines.push(...table(probe.range, '%{HTTP:Accept}', guard));
    lines.push(...table(probe.weight, `%{ENV:${envName(probe.range)}}`, guard));
  }
  const decisionInput = `%{ENV:${envName(tables.state)}}:${tables.probes.map((p) => `%{ENV:${envName(p.weight)}}`).join(',')}`;
  lines.push(
    ...table(tables.decide.doc, decisionInput, [
      ...guard,
      'RewriteCond %{ENV:PG_OFFERS} ^(?:doc|notfound)$',
    ]),
    ...table(tables.decide.rdf, decisionInput, [...guard, 'RewriteCond %{ENV:PG_OFFERS} ^rdf$']),
  );
  for (const set of ['doc', 'rdf'] as const) {
    lines.push(
      ...guard,
      `RewriteCond %{ENV:${envName(tables.decide[set])}} (.+)`,
      `RewriteRule ^ - [E=PG_FORMAT:%1]`,
    );
  }
  return lines;
}
