import { app } from './app.ts'
import { download } from './download.ts'
import { errors } from './errors.ts'
import { history } from './history.ts'
import { process } from './process.ts'
import { run } from './run.ts'
import { settings } from './settings.ts'
import { sleep } from './sleep.ts'
import { unsplash } from './unsplash.ts'

/** The English catalog, by area of the window: the one the app ships, and the type of every other. */
export const en = {
  locale: 'en',
  app,
  run,
  download,
  process,
  sleep,
  history,
  unsplash,
  settings,
  errors
}
