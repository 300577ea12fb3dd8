import {XMLParser} from 'fast-xml-parser';
import {describe, expect, it} from 'vitest';
import {SandboxError, type HandlerContext, type QueryService} from '../protocol.js';
import {decodeQueryParams, encodeQueryError, queryPage, renderQueryResponse, serveQuery} from './query.js';

const ctx = {requestId: 'req-1', region: 'us-east-1', accountId: '123456789012', baseUrl: 'http://x'} as HandlerContext;

describe('decodeQueryParams', () => {
  it('turns member lists, entry maps and nested structures into data', () => {
    const decoded = decodeQueryParams({
      PolicySourceArn: 'arn:aws:iam::123456789012:role/r',
      'ActionNames.member.2': 'b',
      'ActionNames.member.1': 'a',
      'ActionNames.member.10': 'j',
      'ContextEntries.member.1.ContextKeyName': 'aws:SourceIp',
      'ContextEntries.member.1.ContextKeyValues.member.1': '1.2.3.4',
      'ContextEntries.member.1.ContextKeyValues.member.2': '5.6.7.8',
      'ContextEntries.member.1.ContextKeyType': 'ipList',
      'Tags.entry.1.key': 'team',
      'Tags.entry.1.value': 'core',
      'Tags.entry.2.key': 'env',
      'Tags.entry.2.value': 'prod',
    });
    expect(decoded).toEqual({
      PolicySourceArn: 'arn:aws:iam::123456789012:role/r',
      ActionNames: ['a', 'b', 'j'],
      ContextEntries: [{ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['1.2.3.4', '5.6.7.8'], ContextKeyType: 'ipList'}],
      Tags: {team: 'core', env: 'prod'},
    });
  });
});

describe('renderQueryResponse', () => {
  it('renders lists as member, Maps as entry, dates as ISO-8601, and escapes text', () => {
    const xml = renderQueryResponse(
      'GetThing',
      {
        Names: ['a<b', 'c&d'],
        Empty: [],
        Details: new Map([['k"1', 'allowed']]),
        When: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
        IsTruncated: false,
        Count: 3,
        Missing: undefined,
        Nested: {Inner: 'x'},
      },
      'iam',
      'r-1',
    );
    expect(xml).toBe(
      '<GetThingResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetThingResult>' +
        '<Names><member>a&lt;b</member><member>c&amp;d</member></Names><Empty></Empty>' +
        '<Details><entry><key>k&quot;1</key><value>allowed</value></entry></Details>' +
        '<When>2024-01-02T03:04:05.000Z</When><IsTruncated>false</IsTruncated><Count>3</Count><Nested><Inner>x</Inner></Nested>' +
        '</GetThingResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetThingResponse>',
    );
    const parsed = new XMLParser().parse(xml);
    expect(parsed.GetThingResponse.GetThingResult.Names.member).toEqual(['a<b', 'c&d']);
  });

  it('renders an operation without output as ResponseMetadata alone', () => {
    expect(renderQueryResponse('PutRolePolicy', undefined, 'iam', 'r')).toBe(
      '<PutRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PutRolePolicyResponse>',
    );
  });
});

describe('serveQuery / encodeQueryError', () => {
  const service: QueryService = {
    protocol: 'awsQuery',
    signingName: 'sts',
    actionPrefix: 'sts',
    operations: {
      Echo: (params) => ({Got: params.Value}),
      Fail: () => {
        throw new SandboxError('NoSuchEntity', 'The role with name r cannot be found.', 404);
      },
    },
  };

  it('calls the handler with params minus Action/Version', () => {
    const response = serveQuery(service, new URLSearchParams('Action=Echo&Version=2011-06-15&Value=hi'), ctx);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml');
    expect(response.body).toContain('<EchoResult><Got>hi</Got></EchoResult>');
    expect(response.body).toContain('xmlns="https://sts.amazonaws.com/doc/2011-06-15/"');
  });

  it('encodes a SandboxError as an ErrorResponse with its status', () => {
    const response = serveQuery(service, new URLSearchParams('Action=Fail'), ctx);
    expect(response.status).toBe(404);
    expect(response.body).toBe(
      '<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name r cannot be found.</Message></Error><RequestId>req-1</RequestId></ErrorResponse>',
    );
  });

  it('answers an unknown action with InvalidAction', () => {
    const response = serveQuery(service, new URLSearchParams('Action=Nope&Version=2011-06-15'), ctx);
    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>InvalidAction</Code>');
  });

  it('marks server faults as Receiver', () => {
    expect(encodeQueryError(new SandboxError('ServiceFailure', 'boom', 500), 'r').body).toContain('<Type>Receiver</Type>');
  });
});

describe('queryPage', () => {
  it('pages with an opaque marker until IsTruncated is false', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const first = queryPage(items, {MaxItems: '2'});
    expect(first).toMatchObject({items: ['a', 'b'], IsTruncated: true});
    const second = queryPage(items, {MaxItems: '2', Marker: first.Marker!});
    expect(second.items).toEqual(['c', 'd']);
    const last = queryPage(items, {MaxItems: '2', Marker: second.Marker!});
    expect(last).toEqual({items: ['e'], IsTruncated: false, Marker: undefined});
  });

  it('rejects MaxItems outside 1–1000 and a forged marker', () => {
    expect(() => queryPage([], {MaxItems: '0'})).toThrow(/maxItems/);
    expect(() => queryPage(['a'], {Marker: Buffer.from('9').toString('base64')})).toThrow(/Marker/);
  });
});
