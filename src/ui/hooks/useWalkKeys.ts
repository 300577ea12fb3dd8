// The walk's global keys. Keys only dispatch events (never read state here): two keys
// arriving before Ink re-subscribes the handler would otherwise see stale state.
import {useInput, useStdin} from 'ink';
import type {Dispatch} from 'react';
import type {WalkEvent} from '../../flow/events.js';
import {eventForKey} from '../keys.js';

/** While `modal.current` is true a screen's prompt owns the keys; only Ctrl+C gets through. */
export function useWalkKeys(dispatch: Dispatch<WalkEvent>, modal?: {readonly current: boolean}): void {
  const {isRawModeSupported} = useStdin();
  useInput(
    (input, key) => {
      if (modal?.current && !(key.ctrl && input === 'c')) return;
      const event = eventForKey(input, key);
      if (event) dispatch(event);
    },
    // undefined (stdin is a pipe) would count as active and crash on raw mode.
    {isActive: Boolean(isRawModeSupported)},
  );
}

/** Whether a screen may listen to keys at all (false when stdin is not a terminal). */
export function useKeysAvailable(): boolean {
  return Boolean(useStdin().isRawModeSupported);
}
