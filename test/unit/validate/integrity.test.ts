import { describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../../src/validate/integrity.js';
import { contextFromFiles } from '../../support/validation-context.js';

const person = (extra: string) =>
  `{\n  "@context": "https://schema.org",\n  "@type": "Person",\n  "@id": "people/ada#id",\n  "name": "Ada"${extra}\n}`;

describe('checkIntegrity', () => {
  it('accepts references to nodes described in another file and to external IRIs', async () => {
    const context = await contextFromFiles({
      'data/person.jsonld': person(
        ',\n  "worksFor": { "@id": "orgs/acme#id" },\n  "sameAs": "https://example.com/ada",\n  "knows": { "@id": "https://example.com/bob" }',
      ),
      'data/org.jsonld':
        '{"@context": "https://schema.org", "@type": "Organization", "@id": "orgs/acme#id", "name": "Acme"}',
    });
    expect(checkIntegrity(context)).toEqual([]);
  });

  it('reports a dangling @id at the reference, with the resolved IRI', async () => {
    const context = await contextFromFiles({
      'data/person.jsonld': person(',\n  "worksFor": { "@id": "orgs/missing#id" }'),
    });
    expect(checkIntegrity(context)).toEqual([
      {
        code: 'graph/dangling-reference',
        severity: 'error',
        message:
          '"orgs/missing#id" (<http://localhost:8080/orgs/missing#id>) is referenced here but described nowhere in the data.',
        hint: 'add a file that describes it, fix the @id, or use an absolute IRI for an external thing',
        file: 'data/person.jsonld',
        pointer: '/worksFor/@id',
        line: 6,
        column: 17,
      },
    ]);
  });

  it('treats relative strings under IRI-valued terms (isBasedOn, url...) as references too', async () => {
    const context = await contextFromFiles({
      'data/person.jsonld': person(',\n  "url": ["https://example.com/", "pages/ada"]'),
    });
    expect(checkIntegrity(context)).toEqual([
      expect.objectContaining({ code: 'graph/dangling-reference', pointer: '/url/1', line: 6 }),
    ]);
  });

  it('accepts an image inside the site that is a file of the data folder', async () => {
    const context = await contextFromFiles(
      { 'data/person.jsonld': person(',\n  "image": "people/ada.jpg"') },
      ['people/ada.jpg'],
    );
    expect(checkIntegrity(context)).toEqual([]);
  });

  it('reports an image inside the site with no file in the data folder, at the reference', async () => {
    const context = await contextFromFiles({
      'data/person.jsonld': person(',\n  "image": "people/ada.jpg"'),
    });
    expect(checkIntegrity(context)).toEqual([
      {
        code: 'graph/missing-media',
        severity: 'error',
        message:
          '"people/ada.jpg" (<http://localhost:8080/people/ada.jpg>) names the image data/people/ada.jpg, which does not exist.',
        hint: 'put the image at data/people/ada.jpg, fix the path, or use an absolute URL for an image hosted elsewhere',
        file: 'data/person.jsonld',
        pointer: '/image',
        line: 6,
        column: 3,
      },
    ]);
  });

  it('names both places of a conflicting single value and accepts equal repeats', async () => {
    const context = await contextFromFiles({
      'data/a.jsonld': person(',\n  "jobTitle": "Analyst"'),
      'data/b.jsonld': person(',\n  "jobTitle": "Engineer"'),
    });
    expect(checkIntegrity(context)).toEqual([
      expect.objectContaining({
        code: 'graph/conflicting-value',
        file: 'data/b.jsonld',
        pointer: '/jobTitle',
        line: 6,
        focusNode: 'http://localhost:8080/people/ada#id',
        message:
          '<http://localhost:8080/people/ada#id> has jobTitle "Engineer" here but "Analyst" at data/a.jsonld:6:3; it can have only one.',
      }),
    ]);
  });

  it('accepts a ProfilePage whose mainEntity is given in another file describing the same page', async () => {
    const context = await contextFromFiles({
      'data/page.jsonld':
        '{"@context": "https://schema.org", "@type": "ProfilePage", "@id": "", "name": "P"}',
      'data/page-main.jsonld':
        '{"@context": "https://schema.org", "@id": "", "mainEntity": {"@id": "people/ada#id"}}',
      'data/person.jsonld': person(''),
    });
    expect(checkIntegrity(context)).toEqual([]);
  });

  it('reports a ProfilePage without mainEntity at the page object', async () => {
    const context = await contextFromFiles({
      'data/page.jsonld':
        '{\n  "@context": "https://schema.org",\n  "@type": "ProfilePage",\n  "@id": ""\n}',
    });
    expect(checkIntegrity(context)).toEqual([
      expect.objectContaining({
        code: 'graph/missing-main-entity',
        file: 'data/page.jsonld',
        pointer: '',
        line: 1,
        focusNode: 'http://localhost:8080/',
      }),
    ]);
  });
});
