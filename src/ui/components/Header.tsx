// Who and what is being diagnosed: the URL and method, then account, region, profile and
// mode. Never credentials.
import {Box, Text} from 'ink';
import {sanitizeLine} from '../../report/sanitize.js';
import {useTheme} from '../theme.js';

export interface HeaderInfo {
  readonly url: string;
  readonly account?: string;
  readonly region: string;
  readonly profile?: string;
  readonly mode?: 'demo' | 'aws';
}

export function Header({info, method}: {readonly info: HeaderInfo; readonly method: string}) {
  const theme = useTheme();
  const context = [
    info.account ? `account ${info.account}` : undefined,
    `region ${info.region}`,
    info.profile ? `profile ${info.profile}` : undefined,
    info.mode === 'demo' ? 'demo sandbox (no AWS account used)' : undefined,
  ].filter((part) => part !== undefined);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color={theme.color('accent')}>
          apigw-doctor
        </Text>{' '}
        {sanitizeLine(method)} {sanitizeLine(info.url)}
      </Text>
      <Text wrap="truncate-end" color={theme.color('muted')}>
        {sanitizeLine(context.join(' · '))}
      </Text>
    </Box>
  );
}
