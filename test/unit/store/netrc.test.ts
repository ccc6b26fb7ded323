import { describe, expect, it } from 'vitest';
import { findNetrcLogin } from '../../../src/store/netrc.js';

const NETRC = `# stores
machine other.example login a password b
machine STORE.example.org
  login dba
  password "with space\\"q"
macdef init
machine store.example.org login macro password words

default login anon password anon
`;

describe('findNetrcLogin', () => {
  it.each([
    ['store.example.org', { login: 'dba', password: 'with space"q' }],
    ['other.example', { login: 'a', password: 'b' }],
    ['elsewhere.example', { login: 'anon', password: 'anon' }],
  ])('finds the entry for %s as curl does', (host, login) => {
    expect(findNetrcLogin(NETRC, host)).toEqual(login);
  });

  it('finds nothing without a matching machine or a default', () => {
    expect(findNetrcLogin('machine a login b password c', 'd')).toBeUndefined();
  });
});
