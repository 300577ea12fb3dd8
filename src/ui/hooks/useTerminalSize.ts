// Columns and rows of the terminal Ink draws to, updated on resize (Ink re-lays out on
// resize but our clipping is computed in render, so it needs a re-render too).
import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

const fallback: TerminalSize = {columns: 80, rows: 24};

export function useTerminalSize(): TerminalSize {
  const {stdout} = useStdout();
  const read = (): TerminalSize => ({columns: stdout.columns || fallback.columns, rows: stdout.rows || fallback.rows});
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // The stdout stream is fixed for the life of the Ink instance.
  }, [stdout]);
  return size;
}
