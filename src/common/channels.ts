/** IPC channel names: one per AppApi call, plus the event push. */
export const CHANNELS = {
  getAppInfo: 'app:get-info',
  getSettings: 'settings:get',
  saveSettings: 'settings:save',
  startDownload: 'run:start-download',
  startSleep: 'run:start-sleep',
  startProcess: 'run:start-process',
  startPipeline: 'run:start-pipeline',
  cancelRun: 'run:cancel',
  runEvents: 'run:events',
  getHistory: 'history:get',
  clearHistory: 'history:clear',
  resumeRun: 'history:resume-run',
  chooseFolder: 'folder:choose',
  openFolder: 'folder:open',
  showInFolder: 'file:show-in-folder',
  openImage: 'file:open',
  startDrag: 'file:start-drag',
  getNotices: 'app:get-notices',
  getCurrentRun: 'run:get-current',
  reportError: 'app:report-error',
  getUnsplashStatus: 'unsplash:status',
  setUnsplashKey: 'unsplash:set-key',
  setUnsplashApiUrl: 'unsplash:set-api-url',
  searchUnsplash: 'unsplash:search',
  openUnsplashLink: 'unsplash:open-link',
  /** Main → window push: a menu item or its shortcut was used. */
  menuCommand: 'menu:command'
} as const

export const MENU_COMMANDS = ['start-run', 'cancel-run'] as const

/** The scheme the window loads thumbnails from; it serves only the thumbnail cache. */
export const THUMBNAIL_SCHEME = 'thumb'
