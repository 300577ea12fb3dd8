// The keys that do something right now.
import {Text} from 'ink';
import type {KeyHint} from '../keys.js';
import {useTheme} from '../theme.js';

export function Footer({hints}: {readonly hints: readonly KeyHint[]}) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end" color={theme.color('muted')}>
      {hints.map((hint) => `${hint.keys} ${hint.label}`).join(' · ')}
    </Text>
  );
}
