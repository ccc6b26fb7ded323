// A deterministic synthetic profile graph for the SPARQL benchmark: the bundled profile's shape
// (ProfilePage → Person, Role-pattern jobs and memberships with dates, organizations,
// universities, software projects with GitHub star counters, articles), scaled up. The same
// size always gives the same triples (a fixed-seed LCG, no Math.random).
import {
  blankNode,
  literal,
  namedNode,
  NS,
  quad,
  RDF_TYPE,
  type Quad,
} from '../src/rdf/data-factory.js';

const S = NS.schema;
const XSD_INTEGER = namedNode(`${NS.xsd}integer`);
const SCHEMA_DATE = namedNode(`${S}Date`);

/** Park–Miller minimal standard generator: deterministic, good enough for shapes of data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/**
 * About `targetTriples` triples (within one person's worth) of profile-shaped data under
 * `base`. Every person has 3 roles and 2 projects; one in ten projects has over 10,000 stars.
 */
export function syntheticGraph(targetTriples: number, base = 'http://localhost:8080/'): Quad[] {
  const next = random(42);
  const pick = (count: number) => Math.floor(next() * count);
  const out: Quad[] = [];
  const add = (s: Quad['subject'], p: string, o: Quad['object']) => {
    out.push(quad(s, namedNode(p.startsWith('http') ? p : `${S}${p}`), o));
  };
  const type = (s: Quad['subject'], local: string) => {
    out.push(quad(s, namedNode(RDF_TYPE), namedNode(`${S}${local}`)));
  };

  const organizations = Math.max(10, Math.round(targetTriples / 400));
  for (let i = 0; i < organizations; i++) {
    const org = namedNode(`${base}organizations/org-${i}#id`);
    type(org, i % 10 === 0 ? 'CollegeOrUniversity' : 'Organization');
    add(org, 'name', literal(`Organization ${i}`));
    if (i % 10 !== 0 && i > 10)
      add(org, 'parentOrganization', namedNode(`${base}organizations/org-${pick(10) + 1}#id`));
  }

  let person = 0;
  while (out.length < targetTriples) {
    const id = namedNode(`${base}people/person-${person}#id`);
    type(id, 'Person');
    add(id, 'name', literal(`Person ${person}`));
    add(id, 'description', literal(`Synthetic person number ${person}, who builds things.`));
    add(
      id,
      'alumniOf',
      namedNode(`${base}organizations/org-${pick(Math.ceil(organizations / 10)) * 10}#id`),
    );
    for (let r = 0; r < 3; r++) {
      const role = namedNode(`${base}roles/person-${person}-${r}#id`);
      const start = 2000 + pick(20);
      type(role, r === 2 ? 'OrganizationRole' : 'EmployeeRole');
      add(id, r === 2 ? 'memberOf' : 'worksFor', role);
      add(
        role,
        r === 2 ? 'memberOf' : 'worksFor',
        namedNode(`${base}organizations/org-${pick(organizations)}#id`),
      );
      add(role, 'roleName', literal(`Role ${pick(50)}`));
      add(role, 'startDate', literal(String(start), SCHEMA_DATE));
      if (r > 0) add(role, 'endDate', literal(String(start + 1 + pick(5)), SCHEMA_DATE));
    }
    for (let w = 0; w < 2; w++) {
      const work = namedNode(`${base}works/person-${person}-${w}#id`);
      const counter = blankNode(`stars-${person}-${w}`);
      type(work, 'SoftwareSourceCode');
      add(work, 'name', literal(`Project ${person}.${w}`));
      add(work, 'maintainer', id);
      add(work, 'interactionStatistic', counter);
      type(counter, 'InteractionCounter');
      add(counter, 'interactionType', namedNode(`${S}LikeAction`));
      const stars = pick(10) === 0 ? 10_001 + pick(40_000) : pick(10_000);
      add(counter, 'userInteractionCount', literal(String(stars), XSD_INTEGER));
    }
    if (person === 0) {
      const page = namedNode(base);
      type(page, 'ProfilePage');
      add(page, 'mainEntity', id);
    }
    person++;
  }
  return out;
}
