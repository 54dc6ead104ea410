/**
 * The random part of the names of the app's temporary files: a `.part` file and the manifest's
 * `.tmp`. It keeps two writers (threads, runs, processes) from choosing the same name by chance;
 * it need not be secret, and is not: it comes from Math.random, not from node:crypto, which a
 * worker thread would load for it alone (webcrypto, keys, X.509: several milliseconds of each
 * thread's start). Secrecy is not what keeps a write safe: each such file is created with
 * O_CREAT|O_EXCL|O_NOFOLLOW, which never opens nor replaces what is already at the name, and a
 * name found taken is given up for a fresh one, up to TEMP_NAME_TRIES times. Something planted
 * at a name, guessed or not, thus never redirects a write; planting all eight names in a row
 * would fail that one image, with its reason, no more than deleting its file would.
 */

/** How many names a temporary file tries before the error is the task's. */
export const TEMP_NAME_TRIES = 8

/** `bytes` random bytes as lowercase hex (each thread's Math.random is seeded on its own). */
export function randomHex(bytes: number): string {
  let hex = ''
  while (hex.length < bytes * 2) {
    hex += Math.floor(Math.random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0')
  }
  return hex.slice(0, bytes * 2)
}
