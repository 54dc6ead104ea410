/// <reference types="vite/client" />
import type { AppApi } from '../../common/api.ts'

declare global {
  interface Window {
    api: AppApi
  }
}
