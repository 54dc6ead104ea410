import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { ApiProvider } from './ApiProvider.tsx'
import { ErrorBoundary } from './components/ErrorBoundary.tsx'
import './styles/app.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')

createRoot(root).render(
  <StrictMode>
    <ApiProvider api={window.api}>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </ApiProvider>
  </StrictMode>
)
