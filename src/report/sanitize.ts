// One sanitiser for every string that came from AWS or the network before it reaches a
// screen or a report: a log line must not move the cursor, clear the screen, retitle the
// window, or hide text behind bidi overrides.
import stripAnsi from 'strip-ansi';

// C0 controls except \t and \n, DEL, C1 controls (0x80-0x9f, includes 8-bit CSI/OSC).
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidi embeddings/overrides/isolates (Trojan Source) and zero-width joiners used to hide text.
const invisibleFormatting = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// OSC sequences strip-ansi may leave when they are unterminated (ESC ] ... to end of string).
const unterminatedOsc = /\u001b\][^\u0007\u001b]*$/;

export function sanitizeForTerminal(text: string): string {
  return stripAnsi(text.replace(/\r\n?/g, '\n'))
    .replace(unterminatedOsc, '')
    .replace(controlCharacters, (character) => (character === '\r' ? '\n' : '\uFFFD'))
    .replace(invisibleFormatting, '');
}

/** For one-line contexts (titles, list rows): newlines and tabs become spaces too. */
export function sanitizeLine(text: string): string {
  return sanitizeForTerminal(text).replace(/[\n\t]+/g, ' ');
}

// What JSON.stringify leaves raw but a terminal would act on or hide: DEL, C1 (8-bit CSI/OSC),
// bidi and zero-width characters. C0 controls and lone surrogates it escapes itself.
const rawInJson = /[\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * JSON text that is safe to `cat` in a terminal and still carries every character: the ones
 * sanitizeForTerminal would drop are written as \uXXXX escapes (they can only occur inside
 * strings, so the value parses back unchanged).
 */
export function toTerminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(rawInJson, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
