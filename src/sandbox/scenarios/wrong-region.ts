import type {Scenario} from '../scenario.js';
import {buildAccount, invokeUrl} from './base.js';

/** The whole stack lives in eu-west-1; the URL was copied with us-east-1 in it. */
export function wrongRegion(now: number): Scenario {
  return {
    ...buildAccount({now, region: 'eu-west-1'}),
    name: 'wrong-region',
    title: 'API lives in eu-west-1, URL says us-east-1',
    description:
      'The notes API, its Lambda and its identity pool are deployed in eu-west-1. The URL points at us-east-1, where no such API exists; the walk finds the API by scanning other regions.',
    demo: {url: invokeUrl({region: 'us-east-1', path: '/notes/42'}), method: 'GET'},
    expectedFindings: ['api-in-other-region'],
  };
}
