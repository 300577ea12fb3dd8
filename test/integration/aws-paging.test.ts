// Paging inside the adapters, against a real HTTP peer that serves scripted pages in each
// protocol's own token style (position, NextToken, nextToken, nextForwardToken, Marker).
import {describe, expect, it} from 'vitest';
import {createAwsPorts} from '../../src/aws/index.js';
import type {LogEvent} from '../../src/aws/ports.js';
import {answeringServerForFile, type RecordedRequest} from '../helpers/aws-answering-server.js';

const server = answeringServerForFile();

const ports = () => createAwsPorts({region: 'us-east-1', endpoint: server.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, maxAttempts: 1});
const json = (body: unknown, type = 'application/json') => ({status: 200, headers: {'content-type': type}, body: JSON.stringify(body)});
const logsJson = (body: unknown) => json(body, 'application/x-amz-json-1.1');
const bodyOf = (request: RecordedRequest) => JSON.parse(request.body) as Record<string, unknown>;

describe('adapters page through every list', () => {
  it('API Gateway v1: position/limit, with methods embedded', async () => {
    server.answer = (request) => {
      const position = new URL(request.url, server.url).searchParams.get('position');
      return position === 'p2'
        ? json({item: [{id: 'r3', path: '/items/{id}', resourceMethods: {GET: {authorizationType: 'AWS_IAM', methodIntegration: {type: 'AWS_PROXY', timeoutInMillis: 29000}}}}]})
        : json({position: 'p2', item: [{id: 'r1', path: '/'}, {id: 'r2', path: '/items', pathPart: 'items', parentId: 'r1'}]});
    };
    const resources = await ports().apigw.listResources('abc');
    expect(resources.map((resource) => resource.id)).toEqual(['r1', 'r2', 'r3']);
    expect(resources[2]?.methods.GET).toMatchObject({httpMethod: 'GET', authorizationType: 'AWS_IAM', integration: {type: 'AWS_PROXY', timeoutInMillis: 29000}});
    const first = new URL(server.requests[0]!.url, server.url);
    expect(first.pathname).toBe('/restapis/abc/resources');
    expect(first.searchParams.get('embed')).toBe('methods');
    expect(first.searchParams.get('limit')).toBe('500');
  });

  it('API Gateway v2: nextToken, and the mapping root key', async () => {
    server.answer = (request) =>
      new URL(request.url, server.url).searchParams.get('nextToken') === 't2'
        ? json({items: [{routeId: 'b', routeKey: '$default', authorizationType: 'NONE'}]})
        : json({nextToken: 't2', items: [{routeId: 'a', routeKey: 'GET /items', authorizationType: 'AWS_IAM', target: 'integrations/i1'}]});
    const routes = await ports().apigwv2.listRoutes('api1');
    expect(routes).toEqual([
      {routeId: 'a', routeKey: 'GET /items', authorizationType: 'AWS_IAM', authorizerId: undefined, target: 'integrations/i1'},
      {routeId: 'b', routeKey: '$default', authorizationType: 'NONE', authorizerId: undefined, target: undefined},
    ]);
    expect(server.requests).toHaveLength(2);
  });

  it('FilterLogEvents streams pages to onPage and stops at maxEvents', async () => {
    const event = (n: number) => ({logStreamName: 's', timestamp: n, message: `line ${n}`, eventId: String(n)});
    server.answer = (request) => {
      const token = bodyOf(request).nextToken;
      if (!token) return logsJson({events: [event(1), event(2)], nextToken: 'n2'});
      if (token === 'n2') return logsJson({events: [event(3), event(4)], nextToken: 'n3'});
      return logsJson({events: [event(5)]});
    };
    const pages: LogEvent[][] = [];
    const result = await ports().logs.filterLogEvents({logGroupName: '/aws/lambda/f', startTime: 1_000, endTime: 2_000, maxEvents: 3}, (page) => pages.push([...page]));
    expect(result).toEqual({events: 3, pages: 2});
    expect(pages.map((page) => page.map((e) => e.message))).toEqual([['line 1', 'line 2'], ['line 3']]);
    expect(server.requests.map((request) => bodyOf(request).limit)).toEqual([3, 1]);
    expect(bodyOf(server.requests[0]!)).toMatchObject({logGroupName: '/aws/lambda/f', startTime: 1000, endTime: 2000});
  });

  it('GetLogEvents stops when AWS repeats the forward token at the end of a stream', async () => {
    server.answer = (request) =>
      bodyOf(request).nextToken === 'f/2'
        ? logsJson({events: [], nextForwardToken: 'f/2', nextBackwardToken: 'b/1'})
        : logsJson({events: [{timestamp: 5, message: 'START RequestId: x'}], nextForwardToken: 'f/2', nextBackwardToken: 'b/0'});
    const events = await ports().logs.getLogEvents('/aws/lambda/f', '2024/01/01/[$LATEST]abc');
    expect(events).toEqual([{logStreamName: '2024/01/01/[$LATEST]abc', timestamp: 5, message: 'START RequestId: x'}]);
    expect(server.requests).toHaveLength(2);
    expect(bodyOf(server.requests[0]!)).toMatchObject({startFromHead: true});
  });

  it('StartQuery sends epoch seconds; GetQueryResults rows become records', async () => {
    server.answer = (request) =>
      request.headers['x-amz-target'] === 'Logs_20140328.StartQuery'
        ? logsJson({queryId: 'q1'})
        : logsJson({status: 'Complete', results: [[{field: '@message', value: 'boom'}, {field: '@ptr', value: 'p'}]], statistics: {recordsMatched: 1, recordsScanned: 9}});
    const logs = ports().logs;
    await expect(logs.startQuery({logGroupNames: ['/aws/lambda/f'], startTime: 1_700_000_000_500, endTime: 1_700_000_100_200, queryString: 'fields @message'})).resolves.toBe('q1');
    expect(bodyOf(server.requests[0]!)).toMatchObject({startTime: 1_700_000_000, endTime: 1_700_000_101});
    await expect(logs.getQueryResults('q1')).resolves.toEqual({status: 'Complete', rows: [{'@message': 'boom', '@ptr': 'p'}], recordsMatched: 1, recordsScanned: 9});
  });

  it('SimulatePrincipalPolicy follows IsTruncated/Marker', async () => {
    const result = (decision: string, resource: string) =>
      `<member><EvalActionName>execute-api:Invoke</EvalActionName><EvalResourceName>${resource}</EvalResourceName><EvalDecision>${decision}</EvalDecision><MatchedStatements><member><SourcePolicyId>inline1</SourcePolicyId><SourcePolicyType>role</SourcePolicyType><StartPosition><Line>1</Line><Column>2</Column></StartPosition><EndPosition><Line>3</Line><Column>4</Column></EndPosition></member></MatchedStatements><MissingContextValues><member>aws:SourceIp</member></MissingContextValues></member>`;
    const page = (inner: string, more: string) =>
      `<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult>${more}<EvaluationResults>${inner}</EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>`;
    server.answer = (request) => ({
      status: 200,
      headers: {'content-type': 'text/xml'},
      body: request.body.includes('Marker=m2') ? page(result('implicitDeny', 'arn:b'), '<IsTruncated>false</IsTruncated>') : page(result('allowed', 'arn:a'), '<IsTruncated>true</IsTruncated><Marker>m2</Marker>'),
    });
    const results = await ports().iam.simulatePrincipalPolicy({
      policySourceArn: 'arn:aws:iam::123456789012:role/r',
      actionNames: ['execute-api:Invoke'],
      resourceArns: ['arn:a', 'arn:b'],
      contextEntries: [{key: 'aws:SourceIp', values: ['1.2.3.4'], type: 'ip'}],
    });
    expect(results.map((r) => [r.evalResourceName, r.evalDecision])).toEqual([
      ['arn:a', 'allowed'],
      ['arn:b', 'implicitDeny'],
    ]);
    expect(results[0]).toMatchObject({matchedStatements: [{sourcePolicyId: 'inline1', sourcePolicyType: 'role', startLine: 1, startColumn: 2, endLine: 3, endColumn: 4}], missingContextValues: ['aws:SourceIp']});
    expect(decodeURIComponent(server.requests[0]!.body)).toContain('ContextEntries.member.1.ContextKeyValues.member.1=1.2.3.4');
    expect(server.requests).toHaveLength(2);
  });
});
