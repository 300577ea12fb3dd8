// CloudWatch Logs: the Lambda and API Gateway execution logs read by the logs and timeouts stages.
import type {CloudWatchLogsPort, LogEvent, QueryStatus} from './ports.js';
import {logsEndpointIsCustom} from './config.js';
import {collectPaginator, sendOptions, serviceCaller, type AdapterScope} from './sdk-client.js';

// FilterLogEvents and GetLogEvents return at most 10,000 events a page.
const maxPageEvents = 10_000;
const queryStatuses: readonly QueryStatus[] = ['Scheduled', 'Running', 'Complete', 'Failed', 'Cancelled', 'Timeout', 'Unknown'];

export function createCloudWatchLogsAdapter(scope: AdapterScope): CloudWatchLogsPort {
  const call = serviceCaller(scope, 'logs', async (options) => {
    const sdk = await import('@aws-sdk/client-cloudwatch-logs');
    const disableHostPrefix = logsEndpointIsCustom(scope.config);
    return {sdk, client: new sdk.CloudWatchLogsClient({...options, ...(disableHostPrefix ? {disableHostPrefix} : {})})};
  });
  return {
    describeLogGroups: (prefix, o) =>
      call('DescribeLogGroups', async ({sdk, client}) =>
        (await collectPaginator(sdk.paginateDescribeLogGroups({client}, {logGroupNamePrefix: prefix}, sendOptions(o)), (page) => page.logGroups)).map(
          (group) => ({
            logGroupName: group.logGroupName ?? '',
            arn: group.arn,
            retentionInDays: group.retentionInDays,
            storedBytes: group.storedBytes,
            creationTime: group.creationTime,
          }),
        ),
      ),
    describeLogStreams: (logGroupName, input = {}, o) =>
      call('DescribeLogStreams', async ({sdk, client}) => {
        const streams = [];
        const pages = sdk.paginateDescribeLogStreams(
          {client},
          {logGroupName, ...(input.orderByLastEventTime ? {orderBy: 'LastEventTime', descending: true} : {}), limit: input.limit && Math.min(input.limit, 50)},
          sendOptions(o),
        );
        for await (const page of pages) {
          for (const stream of page.logStreams ?? []) {
            streams.push({logStreamName: stream.logStreamName ?? '', firstEventTimestamp: stream.firstEventTimestamp, lastEventTimestamp: stream.lastEventTimestamp});
          }
          if (input.limit !== undefined && streams.length >= input.limit) return streams.slice(0, input.limit);
        }
        return streams;
      }),
    filterLogEvents: (input, onPage, o) =>
      call('FilterLogEvents', async ({sdk, client}) => {
        const max = input.maxEvents ?? Number.POSITIVE_INFINITY;
        let events = 0;
        let pages = 0;
        const request = {
          logGroupName: input.logGroupName,
          startTime: input.startTime,
          endTime: input.endTime,
          filterPattern: input.filterPattern,
          logStreamNames: input.logStreamNames?.length ? [...input.logStreamNames] : undefined,
          limit: Math.min(maxPageEvents, max),
        };
        for await (const page of sdk.paginateFilterLogEvents({client}, request, sendOptions(o))) {
          const pageEvents: LogEvent[] = (page.events ?? []).slice(0, max - events).map((event) => ({
            logStreamName: event.logStreamName,
            timestamp: event.timestamp ?? 0,
            message: event.message ?? '',
            eventId: event.eventId,
          }));
          pages += 1;
          events += pageEvents.length;
          onPage(pageEvents);
          if (events >= max) break;
          // The paginator sends this same object for every page, so the next page asks only for what is left.
          request.limit = Math.min(maxPageEvents, max - events);
        }
        return {events, pages};
      }),
    getLogEvents: (logGroupName, logStreamName, input = {}, o) =>
      call('GetLogEvents', async ({sdk, client}) => {
        const events: LogEvent[] = [];
        // GetLogEvents hands back the same forward token at the end of a stream: without
        // stopOnSameToken the SDK's paginator never stops (aws-facts §1.2).
        const pages = sdk.paginateGetLogEvents(
          {client, stopOnSameToken: true},
          {logGroupName, logStreamName, startTime: input.startTime, endTime: input.endTime, startFromHead: true, limit: input.limit && Math.min(input.limit, maxPageEvents)},
          sendOptions(o),
        );
        for await (const page of pages) {
          for (const event of page.events ?? []) events.push({logStreamName, timestamp: event.timestamp ?? 0, message: event.message ?? ''});
          if (input.limit !== undefined && events.length >= input.limit) return events.slice(0, input.limit);
        }
        return events;
      }),
    startQuery: (input, o) =>
      call('StartQuery', async ({sdk, client}) => {
        const out = await client.send(
          new sdk.StartQueryCommand({
            logGroupNames: [...input.logGroupNames],
            // Logs Insights wants epoch seconds; widen to whole seconds so no event is cut off.
            startTime: Math.floor(input.startTime / 1000),
            endTime: Math.ceil(input.endTime / 1000),
            queryString: input.queryString,
            limit: input.limit,
          }),
          sendOptions(o),
        );
        return out.queryId ?? '';
      }),
    getQueryResults: (queryId, o) =>
      call('GetQueryResults', async ({sdk, client}) => {
        const out = await client.send(new sdk.GetQueryResultsCommand({queryId}), sendOptions(o));
        const status = queryStatuses.find((known) => known === out.status) ?? 'Unknown';
        const rows = (out.results ?? []).map((row) => Object.fromEntries(row.map((cell) => [cell.field ?? '', cell.value ?? ''])));
        return {status, rows, recordsMatched: out.statistics?.recordsMatched, recordsScanned: out.statistics?.recordsScanned};
      }),
    stopQuery: (queryId, o) =>
      call('StopQuery', async ({sdk, client}) => {
        await client.send(new sdk.StopQueryCommand({queryId}), sendOptions(o));
      }),
  };
}
