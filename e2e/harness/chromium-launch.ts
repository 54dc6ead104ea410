/**
 * Debian's Chromium, started as this machine needs: no sandbox (root), no GPU, and
 * none of the background calls a closed network refuses. Shared by the end-to-end
 * tests and the renderer's screenshot scripts.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run'
  ]
}
