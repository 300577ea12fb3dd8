// The commercial regions (the SDK's own `aws` partition table, @aws-sdk/core partitions.js) scanned when an API id is not found in the region its URL names
// (a wrong-region URL, or a copy-paste from another account). China and GovCloud need other
// credentials and partitions, so they are left out; opt-in regions that are not enabled
// answer with an error the scan treats like "not here".
export const commercialRegions: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'me-west-1',
  'mx-central-1',
  'sa-east-1',
  'sa-west-1',
];

// Shape of every AWS region name in any partition: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1, eusc-de-east-1.
const regionShape = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;

/** Whether `name` is shaped like an AWS region (any partition). */
export function isRegionName(name: string): boolean {
  return regionShape.test(name);
}

/** Whether `name` is one of the commercial regions this tool knows. */
export function isKnownCommercialRegion(name: string): boolean {
  return commercialRegions.includes(name);
}
