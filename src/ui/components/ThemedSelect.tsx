// ink-select-input with our theme (its default blue ignores NO_COLOR) and labels cut to
// one line, so a list takes exactly as many rows as it shows.
import {Text} from 'ink';
import SelectInput from 'ink-select-input';
import {truncate} from '../text.js';
import {useTheme} from '../theme.js';

export interface SelectItem<V> {
  readonly key: string;
  readonly label: string;
  readonly value: V;
}

export interface ThemedSelectProps<V> {
  readonly items: ReadonlyArray<SelectItem<V>>;
  readonly width: number;
  readonly limit: number;
  readonly isActive: boolean;
  readonly onSelect: (value: V) => void;
  readonly onHighlight?: (value: V) => void;
}

export function ThemedSelect<V>({items, width, limit, isActive, onSelect, onHighlight}: ThemedSelectProps<V>) {
  return (
    <SelectInput
      items={items.map((item) => ({key: item.key, label: truncate(item.label, width - 2), value: item.value}))}
      limit={limit}
      isFocused={isActive}
      indicatorComponent={Indicator}
      itemComponent={Item}
      onSelect={(item) => onSelect(item.value)}
      onHighlight={onHighlight ? (item) => onHighlight(item.value) : undefined}
    />
  );
}

function Indicator({isSelected = false}: {readonly isSelected?: boolean}) {
  const theme = useTheme();
  return <Text color={theme.color('accent')}>{isSelected ? '❯ ' : '  '}</Text>;
}

function Item({isSelected = false, label}: {readonly isSelected?: boolean; readonly label: string}) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end" bold={isSelected} color={isSelected ? theme.color('accent') : undefined}>
      {label}
    </Text>
  );
}
