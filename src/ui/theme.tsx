// Colours are a second channel only: every state also has a symbol, and NO_COLOR (which
// chalk does not read by itself) turns colour off entirely.
import {createContext, useContext} from 'react';
import type {Severity} from '../checks/findings.js';
import type {StageStatus} from '../flow/state.js';

export type ColorRole = 'error' | 'warning' | 'info' | 'ok' | 'accent' | 'muted';

export interface Theme {
  /** A colour name for Ink's `color` prop, or undefined when colour is off. */
  readonly color: (role: ColorRole) => string | undefined;
}

const palette: Record<ColorRole, string> = {error: 'red', warning: 'yellow', info: 'cyan', ok: 'green', accent: 'blue', muted: 'gray'};

export const colorTheme: Theme = {color: (role) => palette[role]};
export const plainTheme: Theme = {color: () => undefined};

/** no-color.org: NO_COLOR present and not empty disables colour. */
export function themeFromEnv(env: NodeJS.ProcessEnv): Theme {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? plainTheme : colorTheme;
}

const ThemeContext = createContext<Theme>(colorTheme);
export const ThemeProvider = ThemeContext.Provider;

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

export const severitySymbol: Record<Severity, string> = {error: '✖', warning: '⚠', info: 'ℹ', ok: '✔'};
export const severityRole: Record<Severity, ColorRole> = {error: 'error', warning: 'warning', info: 'info', ok: 'ok'};

/** Running has no symbol: it shows a spinner. */
export const statusSymbol: Record<Exclude<StageStatus, 'running'>, string> = {pending: '○', ok: '✔', problem: '✖', skipped: '–', failed: '!'};
export const statusRole: Record<Exclude<StageStatus, 'running'>, ColorRole> = {pending: 'muted', ok: 'ok', problem: 'error', skipped: 'muted', failed: 'warning'};
