// What a stage screen shows before it has an outcome to look at: the call in flight, a
// failure, a skip, or the early stop the user may step past.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {StageId} from '../../checks/findings.js';
import type {StageDefinition} from '../../checks/stage.js';
import type {RunningCall, StageEntry} from '../../flow/state.js';
import {sanitizeLine} from '../../report/sanitize.js';
import {clipLines, wrapText} from '../text.js';
import {statusSymbol} from '../theme.js';
import {Lines} from './Lines.js';

/** What a stage is asking while its spinner turns. */
const askingFor: Record<StageId, string> = {
  endpoint: 'Asking API Gateway what is deployed at this URL…',
  identity: 'Asking API Gateway and Cognito which IAM role calls the API…',
  simulate: 'Asking IAM whether that role may invoke the API…',
  logs: 'Reading the Lambda and API Gateway logs in CloudWatch…',
  timeouts: 'Comparing the Lambda timeout with observed durations…',
};

export function CallInFlight({stage, running}: {readonly stage: StageDefinition; readonly running: RunningCall}) {
  const text = running.kind === 'action' ? `Running “${running.action ?? ''}”…` : askingFor[stage.id];
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Spinner type="dots" /> {text}
      </Text>
      <Text dimColor>Press c to cancel.</Text>
    </Box>
  );
}

export interface StageStatusViewProps {
  readonly entry: StageEntry;
  readonly width: number;
  readonly height: number;
}

export function StageStatusView({entry, width, height}: StageStatusViewProps) {
  const lines = clipLines(wrapText(statusMessage(entry), width), Math.max(1, height));
  return <Lines lines={lines.map((text, index) => ({text, role: index === 0 && entry.status === 'failed' ? 'warning' : undefined}))} />;
}

export function statusMessage(entry: StageEntry): string {
  switch (entry.status) {
    case 'running':
      return '';
    case 'pending':
      return entry.cancelled ? 'Cancelled. Press Enter to run it again, or s to skip it.' : 'Not run yet. Press Enter to run this check.';
    case 'failed':
      return `${statusSymbol.failed} The check could not finish (${entry.error?.kind ?? 'Unexpected'}): ${entry.error?.message ?? ''}\nPress r to retry, s to skip, Enter to go on.`;
    case 'skipped':
      if (entry.skip?.by === 'early-stop') return `Stopped early: ${withoutFinalStop(sanitizeLine(entry.skip.reason))}. Press → to look anyway.`;
      if (entry.skip?.by === 'stage') return `Skipped: ${sanitizeLine(entry.skip.reason)}\nPress r to run it again, Enter to go on.`;
      return 'You skipped this stage. Press r to run it, Enter to go on.';
    case 'ok':
    case 'problem':
      return '';
    default:
      return assertNever(entry.status);
  }
}

function withoutFinalStop(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

function assertNever(status: never): never {
  throw new Error(`Unknown stage status ${String(status)}`);
}
