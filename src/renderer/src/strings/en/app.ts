/** The window's frame: its title, the tabs between the views, and the notices above them. */
export const app = {
  title: 'Concurrent Image Downloader',
  views: 'Views',
  tabs: {
    download: 'Download images',
    process: 'Process images',
    sleep: 'Sleep demo'
  },
  running: ' (running)',
  dismiss: 'Dismiss',
  /** A field's problem beside a disabled start button: `Images: Enter a number`. */
  blocked: (field: string, problem: string) => `${field}: ${problem}`
}
