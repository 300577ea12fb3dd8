// An error's signature groups occurrences that are "the same bug": the error type plus the
// first line of its message with the parts that vary per request (times, ids, quoted values,
// numbers) replaced by placeholders.

/** Replace the per-occurrence parts of a message so equal bugs compare equal. */
export function normaliseErrorMessage(message: string): string {
  const firstLine = message.split(/\r\n|\r|\n/)[0] ?? '';
  return firstLine
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z?/g, '<time>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/\b[0-9a-f]{12,}\b/gi, '<hex>')
    .replace(/(["'`])(?:(?!\1).){1,200}\1/g, '$1…$1')
    .replace(/\d+(?:\.\d+)?/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

export function errorSignature(errorType: string, errorMessage: string): string {
  const message = normaliseErrorMessage(errorMessage);
  return message === '' ? errorType : `${errorType}: ${message}`;
}
