// Pre-wrapped lines, one Text each, truncated rather than re-wrapped by Ink so the line
// count a screen planned is the line count it gets.
import {Box, Text} from 'ink';
import {useTheme, type ColorRole} from '../theme.js';

export interface Line {
  readonly text: string;
  readonly role?: ColorRole;
  readonly bold?: boolean;
}

export function Lines({lines}: {readonly lines: readonly Line[]}) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {lines.map((line, index) => (
        <Text key={index} wrap="truncate-end" bold={line.bold} color={line.role ? theme.color(line.role) : undefined}>
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </Box>
  );
}
