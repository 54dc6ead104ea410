/** Bad usage: exit code 2 with a message that says what was wrong. */
export class UsageError extends Error {
  override name = 'UsageError'
}
