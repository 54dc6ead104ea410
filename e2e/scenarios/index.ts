import type { Driver } from '../harness/driver.ts'
import { accessibleStates } from './a11y.ts'
import { cancelHalfway } from './cancel.ts'
import { reloadMidRunGetsTheRunBack } from './desktop.ts'
import { compareStrategies } from './compare.ts'
import { dropOntoUrlList } from './drop.ts'
import { downloadWithThumbnails } from './download.ts'
import { failingUrls } from './failures.ts'
import {
  everyTileByKeyboard,
  focusFollowsTheRun,
  invalidFieldBlocksStart,
  offlineFirstRun,
  runEndsWithLastImage
} from './feedback.ts'
import { folderActions } from './folder.ts'
import { downloadThenProcess } from './process.ts'
import { settingsAndHistorySurvive } from './persistence.ts'
import { resumeAfterQuit, stallControl } from './resume.ts'
import { sleepAsCompleted, sleepMap, sleepPoolVersusSequential } from './sleep.ts'
import { tileMenu } from './tile-menu.ts'

export interface Scenario {
  title: string
  run(driver: Driver): Promise<void>
}

/** The user's paths through the app, written once for both harnesses. */
export const SCENARIOS: readonly Scenario[] = [
  {
    title: 'download, then process: 15 processed files, before and after thumbnails, the chart',
    run: downloadThenProcess
  },
  {
    title:
      'default list, then a simulated CDN: thumbnails while the run goes, 15 saved with the served bytes',
    run: downloadWithThumbnails
  },
  {
    title:
      'each strategy on the same list: times and speedups; sequential one at a time, the pools overlap',
    run: compareStrategies
  },
  {
    title: 'open folder, show in folder, open, choose folder: recorded with the right paths',
    run: folderActions
  },
  {
    title: 'cancel halfway: saved images stay, no .part, saved and cancelled counted',
    run: cancelHalfway
  },
  {
    title: 'failing URLs (404, reset, html, stall): reasons on tiles, summary counts both',
    run: failingUrls
  },
  {
    title: 'sleep demo: as_completed lists each result as its sleep finishes',
    run: sleepAsCompleted
  },
  { title: 'sleep demo: map lists 5, 4, 3, 2, 1', run: sleepMap },
  {
    title: 'sleep demo: timer sleeps, a pool all at once, sequential one after another',
    run: sleepPoolVersusSequential
  },
  { title: 'settings and history survive a reload and a restart', run: settingsAndHistorySurvive },
  {
    title: 'a window reloaded mid-run shows the run again and follows it',
    run: reloadMidRunGetsTheRunBack
  },
  {
    title: 'the run ends with its last image: clock stopped at its own time, previews after',
    run: runEndsWithLastImage
  },
  {
    title: 'offline first run: one notice, the simulated CDN a click away, retry failed',
    run: offlineFirstRun
  },
  {
    title: 'focus goes to Cancel when a run starts and back when it ends',
    run: focusFollowsTheRun
  },
  {
    title: 'an invalid field disables the start button and says why',
    run: invalidFieldBlocksStart
  },
  { title: 'Tab and Shift+Tab reach every tile of a long grid', run: everyTileByKeyboard },
  {
    title: 'a .txt, a browser link and text dropped onto the URL list are added to it',
    run: dropOntoUrlList
  },
  {
    title: 'tile menu: Show in folder by pointer, Retry by keyboard runs the one image again',
    run: tileMenu
  },
  {
    title: 'resume: a run the app quit during offers Resume, which finishes it in its folder',
    run: resumeAfterQuit
  },
  {
    title: 'stall control: its defaults and hint, a bad value refused, the setting kept',
    run: stallControl
  },
  {
    title: 'axe: no serious findings, light and dark, in five states',
    run: accessibleStates
  }
]
