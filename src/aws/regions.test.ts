import {describe, expect, it} from 'vitest';
import {commercialRegions, isKnownCommercialRegion, isRegionName} from './regions.js';

describe('regions', () => {
  it('knows the commercial regions and no duplicates', () => {
    expect(new Set(commercialRegions).size).toBe(commercialRegions.length);
    expect(isKnownCommercialRegion('eu-west-1')).toBe(true);
    expect(isKnownCommercialRegion('cn-north-1')).toBe(false);
  });

  it('accepts region-shaped names of every partition and rejects the rest', () => {
    for (const name of ['us-east-1', 'ap-southeast-7', 'us-gov-west-1', 'cn-northwest-1', 'us-isob-east-1', 'eusc-de-east-1']) expect(isRegionName(name)).toBe(true);
    for (const name of ['', 'us-east', 'US-EAST-1', 'useast1', 'us-east-1a', 'us-east-1/']) expect(isRegionName(name)).toBe(false);
  });
});
