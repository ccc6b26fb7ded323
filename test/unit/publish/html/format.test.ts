import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatStars,
  humanize,
  isMachineDate,
  localName,
  splitParagraphs,
} from '../../../../src/publish/html/format.js';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1k'],
    [2500, '2.5k'],
    [20800, '20.8k'],
    [20850, '20.9k'],
    [999_949, '999.9k'],
    [999_950, '1M'],
    [1_250_000, '1.3M'],
  ])('%d → %s', (count, expected) => {
    expect(formatCount(count)).toBe(expected);
  });

  it('says star or stars', () => {
    expect(formatStars(1)).toBe('1 star');
    expect(formatStars(20800)).toBe('20.8k stars');
  });
});

describe('humanize', () => {
  it.each([
    ['parentOrganization', 'Parent organization'],
    ['EmployeeRole', 'Employee role'],
    ['CollegeOrUniversity', 'College or university'],
    ['codeRepository', 'Code repository'],
    ['userInteractionCount', 'User interaction count'],
    ['url', 'URL'],
    ['isbn', 'ISBN'],
    ['sameAs', 'Same as'],
    ['name', 'Name'],
  ])('%s → %s', (name, expected) => {
    expect(humanize(name)).toBe(expected);
  });

  it('takes the local name of an IRI', () => {
    expect(localName('http://schema.org/worksFor')).toBe('worksFor');
    expect(localName('http://www.w3.org/1999/02/22-rdf-syntax-ns#type')).toBe('type');
  });
});

describe('dates', () => {
  it.each([
    ['2024', '2024', true],
    ['2018-05', 'May 2018', true],
    ['2018-05-14', 'May 2018', true],
    ['2018-05-14T09:00:00Z', 'May 2018', true],
    ['spring 2018', 'spring 2018', false],
  ])('%s → %s', (value, display, machine) => {
    expect(formatDate(value)).toBe(display);
    expect(isMachineDate(value)).toBe(machine);
  });
});

describe('splitParagraphs', () => {
  it('splits on blank lines and trims', () => {
    expect(splitParagraphs('One\nline.\n\n  Two.  \r\n\r\n\n')).toEqual(['One\nline.', 'Two.']);
  });
});
