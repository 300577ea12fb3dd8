// The walk's global keys. Keys only dispatch events (never read state here): two keys
// arriving before Ink re-subscribes the handler would otherwise see stale state.
import {useInput, useStdin} from 'ink';
import type {Dispatch} from 'react';
import type {WalkEvent} from '../../flow/events.js';
import {eventForKey} from '../keys.js';

export function useWalkKeys(dispatch: Dispatch<WalkEvent>): void {
  const {isRawModeSupported} = useStdin();
  useInput(
    (input, key) => {
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
