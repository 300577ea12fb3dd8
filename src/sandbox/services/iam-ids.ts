// IAM's unique ids: a 4-letter prefix naming the kind (AIDA user, AROA role, ANPA managed
// policy) and 17 upper-case letters/digits. Derived from the entity's name so they are
// stable across sandbox restarts, as real ids are stable for an entity's life.
import {createHash} from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function iamUniqueId(prefix: 'AIDA' | 'AROA' | 'ANPA', name: string): string {
  const digest = createHash('sha256').update(name).digest();
  let id = prefix;
  for (let i = 0; i < 17; i += 1) id += alphabet[(digest[i] ?? 0) % alphabet.length];
  return id;
}
