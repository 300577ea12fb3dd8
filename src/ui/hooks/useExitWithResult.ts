// Hands the walk's result to the CLI (render(...).waitUntilExit() resolves with it) once
// the walk ends. Deferred a tick so React 19 draws the final frame before Ink unmounts.
import {useApp} from 'ink';
import {useEffect} from 'react';
import {walkResult} from '../../flow/result.js';
import type {WalkState} from '../../flow/state.js';

export function useExitWithResult(state: WalkState): void {
  const {exit} = useApp();
  useEffect(() => {
    if (!state.ended) return undefined;
    const result = walkResult(state);
    const timer = setImmediate(() => exit(result));
    return () => clearImmediate(timer);
  }, [state, exit]);
}
