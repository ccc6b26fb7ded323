import { kinds } from '../offer-kinds.js';
import { PLACEHOLDER, type ReferenceBehaviour } from '../reference.js';
import { quote } from './syntax.js';

/** `Header` directives for every status, as serve sends them (after a rewrite, from `REDIRECT_` variables). */
export function headerLines(reference: ReferenceBehaviour): string[] {
  const ok = "%{REQUEST_STATUS} in {'200', '304'}";
  const key = (value: string) =>
    `(%{reqenv:REDIRECT_PG_KEY} == '${value}' || %{reqenv:PG_KEY} == '${value}')`;
  const out: string[] = [];
  const preflight = '%{REQUEST_STATUS} == 204';
  const files = "%{REQUEST_STATUS} in {'200', '304', '404'}";
  for (const [name, value] of Object.entries(reference.common))
    out.push(
      reference.preflight[name] === value
        ? `Header always set ${name} ${quote(value)}`
        : `Header always set ${name} ${quote(value)} "expr=!(${preflight})"`,
    );
  out.push(
    `Header always set Cache-Control ${quote(reference.cacheControl.ok)} "expr=${ok}"`,
    `Header always set Cache-Control ${quote(reference.cacheControl.other)} "expr=!(${ok} || ${preflight})"`,
    `Header always set Vary ${quote(reference.vary.negotiated)} "expr=%{REQUEST_STATUS} != 400 && (-n %{reqenv:REDIRECT_PG_VARY} || -n %{reqenv:PG_VARY})"`,
    `Header always set Vary ${quote(reference.vary.fixed)} "expr=${files} && -z %{reqenv:REDIRECT_PG_VARY} && -z %{reqenv:PG_VARY}"`,
    `Header always set Content-Type "text/plain; charset=utf-8" "expr=%{REQUEST_STATUS} in {'400', '405', '406', '414'}"`,
    `Header always set Allow ${quote(reference.allow)} "expr=%{REQUEST_STATUS} == 405 || %{REQUEST_METHOD} == 'OPTIONS'"`,
  );
  for (const [kind, template] of kinds(reference)) {
    for (const r of template.representations) {
      const when = key(`${kind}:${r.format}`);
      if (r.link !== '')
        out.push(`Header always set Link ${quote(headerTemplate(r.link))} "expr=${when} && ${ok}"`);
      if (r.contentLocation !== '')
        out.push(
          `Header always set Content-Location ${quote(headerTemplate(r.contentLocation))} "expr=${when} && ${ok}"`,
        );
    }
  }
  for (const plain of reference.plain)
    out.push(
      `Header always set Content-Location ${quote(plain.path)} "expr=${key(`plain:${plain.path}`)} && ${ok}"`,
    );
  for (const [name, value] of Object.entries(reference.html))
    out.push(
      `Header always set ${name} ${quote(value)} "expr=%{reqenv:REDIRECT_PG_KEY} =~ /:html$/ || %{reqenv:PG_KEY} =~ /:html$/"`,
    );
  // After the documents' policy, so that it replaces it on the pages that have their own.
  for (const { page, policy } of reference.ownPolicies) {
    const base = page.slice(0, page.lastIndexOf('.'));
    out.push(
      `Header always set Content-Security-Policy ${quote(policy)} "expr=(%{reqenv:REDIRECT_PG_KEY} =~ /:html$/ || %{reqenv:PG_KEY} =~ /:html$/) && (%{reqenv:REDIRECT_PG_BASE} == '${base}' || %{reqenv:PG_BASE} == '${base}')"`,
    );
  }
  for (const [name, value] of Object.entries(reference.preflight)) {
    if (name in reference.common || name === 'Allow') continue;
    out.push(`Header always set ${name} ${quote(value)} "expr=%{REQUEST_METHOD} == 'OPTIONS'"`);
  }
  return out;
}

/** A header template: the base placeholder becomes the (redirected) PG_BASE variable. */
function headerTemplate(text: string): string {
  return text.replaceAll('%', '%%').replaceAll(PLACEHOLDER.base, '%{REDIRECT_PG_BASE}e');
}
